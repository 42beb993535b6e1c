// expect: input height, width and channels must be positive
// Negative input channels.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, -3>, ns::conv2d<4, 1>>;
static_assert(ns::params<net> >= 0);
