// expect: pooling padding exceeds half the kernel
// Width padding 3 on a kernel 4 wide.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::avg_pool<ns::hw{2, 4}, ns::pad<0, 3>>>;
static_assert(ns::params<net> == 0);
