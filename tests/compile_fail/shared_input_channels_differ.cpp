// expect: a shared block's weights differ in shape from its first use
// context: merge::shared
// context: layer_error<2, .*netshape::kind::block_begin, netshape::merge::shared
// One head's weights used on a 3-channel and then a 4-channel tensor: its first convolution's
// kernel would be 3×3×3×4 and 3×3×4×4.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using head = ns::sequential<ns::conv2d<4, 3, ns::pad<1>>, ns::relu>;
using net = ns::network<ns::input<8, 8, 3>, ns::shared<"head", head>, ns::shared<"head", head>>;
static_assert(ns::params<net> > 0);
