// expect: a network must begin with input
// The first element of a network must be input<H, W, C>.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::conv2d<8, 3>, ns::relu>;
static_assert(ns::params<net> >= 0);
