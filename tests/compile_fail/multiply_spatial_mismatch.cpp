// expect: multiply branches cannot be broadcast together
// 8x8 times 4x4 does not broadcast.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 8>, ns::multiply<ns::identity, ns::max_pool<2>>>;
static_assert(ns::params<net> == 0);
