// expect: not a layer
// An option used as a branch.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::concat<ns::conv2d<8, 1>, ns::no_bias>>;
static_assert(ns::params<net> >= 0);
