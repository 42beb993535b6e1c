// expect: an option is given twice
// Two strides on one convolution.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, 3, ns::stride<2>, ns::stride<1>>>;
static_assert(ns::params<net> >= 0);
