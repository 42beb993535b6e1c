// expect: adaptive pooling output size must be positive
// context: kind::adaptive_avg_pool3d
// an output depth of zero.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_volume<4, 8, 8, 3>, ns::adaptive_avg_pool3d<0, 1, 1>>;
static_assert(ns::params<net> >= 0);
