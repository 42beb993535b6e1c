// expect: input<> may only begin a network
// context: layer_error<1, .*netshape::kind::input
// A second input after the first layer.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<4, 3>, ns::input<8, 8, 3>, ns::relu>;
static_assert(ns::params<net> >= 0);
