// expect: concat branches differ in height or width
// context: layer_error<4, .*netshape::kind::(merge_end|branch|merge_begin)
// A 16x16 branch and an 8x8 branch in a nested concat; 4 layers precede the merge's end.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<16, 16, 3>, ns::sequential<ns::conv2d<8, 3, ns::pad<1>>,
    ns::concat<ns::conv2d<4, 1>, ns::sequential<ns::max_pool<2>, ns::conv2d<4, 1>>>>>;
static_assert(ns::params<net> >= 0);
