// expect: a stride, pad, dilation or output padding takes one, two
// context: stride
// four values fit no layer.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_volume<8, 16, 16, 3>, ns::conv3d<8, 3, ns::stride<1, 2, 2, 2>>>;
static_assert(ns::params<net> >= 0);
