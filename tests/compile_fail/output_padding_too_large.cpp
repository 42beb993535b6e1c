// expect: output padding must be smaller than either stride or dilation
// context: kind::conv_transpose2d
// Output padding 2 with stride 2 and dilation 1: PyTorch's ConvTranspose2d refuses it too.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 4>, ns::conv_transpose2d<4, 3, ns::stride<2>, ns::output_padding<2>>>;
static_assert(ns::params<net> >= 0);
