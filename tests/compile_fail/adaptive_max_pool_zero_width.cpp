// expect: adaptive pooling output size must be positive
// Adaptive pooling to a width of 0.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 8>, ns::adaptive_max_pool<2, 0>>;
static_assert(ns::params<net> == 0);
