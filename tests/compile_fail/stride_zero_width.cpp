// expect: stride must be positive
// Stride zero on the width axis only.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::avg_pool<2, ns::stride<2, 0>>>;
static_assert(ns::params<net> == 0);
