// expect: output padding must be smaller than either stride or dilation
// context: kind::conv_transpose3d
// output padding 2 in depth with stride 2.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_volume<4, 8, 8, 3>, ns::conv_transpose3d<8, 3, ns::stride<2>, ns::output_padding<2, 1, 1>>>;
static_assert(ns::params<net> >= 0);
