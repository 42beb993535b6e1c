// expect: this layer kind does not take this option
// context: kind::conv2d
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, 3, ns::stride<2>, ns::output_padding<1>>>;
static_assert(ns::params<net> >= 0);
