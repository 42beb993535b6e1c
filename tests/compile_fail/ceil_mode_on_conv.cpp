// expect: this layer kind does not take this option
// context: kind::conv2d
// ceil_mode is a pooling option.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 4>, ns::conv2d<8, 3, ns::ceil_mode>>;
static_assert(ns::params<net> >= 0);
