// expect: pooling padding exceeds half the kernel
// PyTorch: pad should be at most half of the (effective) kernel size.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::max_pool<3, ns::pad<2>>>;
static_assert(ns::params<net> == 0);
