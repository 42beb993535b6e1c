// expect: a 3-D layer's stride, pad, dilation or output padding takes one value or three
// context: kind::conv3d
// PyTorch takes an int or a triple: a pair is ambiguous.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_volume<8, 16, 16, 3>, ns::conv3d<8, 3, ns::stride<2, 2>>>;
static_assert(ns::params<net> >= 0);
