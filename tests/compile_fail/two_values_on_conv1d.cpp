// expect: a 1-D layer's stride, pad, dilation or output padding takes one value
// context: kind::conv1d
// a sequence has one axis.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<100, 3>, ns::conv1d<8, 3, ns::pad<1, 1>>>;
static_assert(ns::params<net> >= 0);
