// expect: groups must be positive
// Zero groups.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 4>, ns::conv2d<8, 3, ns::groups<0>>>;
static_assert(ns::params<net> >= 0);
