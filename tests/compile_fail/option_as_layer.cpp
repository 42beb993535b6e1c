// expect: not a layer
// stride<2> belongs inside conv2d<...>, not after it.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, 3>, ns::stride<2>>;
static_assert(ns::params<net> >= 0);
