// expect: local response norm size must be positive
// context: kind::lrn
// PyTorch's LocalResponseNorm rejects a size below 1.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::local_response_norm<0>>;
static_assert(ns::params<net> >= 0);
