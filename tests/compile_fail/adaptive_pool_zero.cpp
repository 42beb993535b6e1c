// expect: adaptive pooling output size must be positive
// Adaptive pooling to 0x0.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 8>, ns::adaptive_avg_pool<0>>;
static_assert(ns::params<net> == 0);
