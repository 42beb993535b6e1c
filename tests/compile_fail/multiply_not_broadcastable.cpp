// expect: multiply branches cannot be broadcast together
// context: merge::multiply
// 8x8x8 times 1x1x4: 8 and 4 channels, neither is 1.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 8>, ns::multiply<ns::identity, ns::sequential<ns::global_avg_pool, ns::conv2d<4, 1>>>>;
static_assert(ns::params<net> > 0);
