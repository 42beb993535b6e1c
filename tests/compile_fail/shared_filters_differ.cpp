// expect: a shared block's weights differ in shape from its first use
// context: layer_error<3, .*netshape::kind::conv2d
// The tag's second use has 8 filters where the first has 4: the layer named is that convolution
// (layers<Net>[3]).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 4>,
    ns::shared<"t", ns::sequential<ns::conv2d<4, 3, ns::pad<1>>, ns::relu>>, ns::conv2d<4, 1>,
    ns::shared<"t", ns::sequential<ns::conv2d<8, 3, ns::pad<1>>, ns::relu>>>;
static_assert(ns::params<net> > 0);
