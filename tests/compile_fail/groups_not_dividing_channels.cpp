// expect: groups must divide the input channels
// context: shape\{8, 8, 6\}|height = 8, width = 8, channels = 6|8, 8, 6
// 4 groups cannot split 6 input channels; the diagnostic shows the 8x8x6 input.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 6>, ns::conv2d<8, 3, ns::groups<4>>>;
static_assert(ns::params<net> >= 0);
