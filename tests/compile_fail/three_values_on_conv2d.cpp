// expect: a 2-D layer's stride, pad, dilation or output padding takes one value or two
// context: kind::conv2d
// stride<D, H, W> is a 3-D layer's.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<16, 16, 3>, ns::conv2d<8, 3, ns::stride<1, 2, 2>>>;
static_assert(ns::params<net> >= 0);
