// expect: scale factor must be positive
// context: kind::upsample
// A scale of 0 on the width: PyTorch's "Input and output sizes should be greater than 0".
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::upsample<ns::hw{2, 0}>>;
static_assert(ns::params<net> >= 0);
