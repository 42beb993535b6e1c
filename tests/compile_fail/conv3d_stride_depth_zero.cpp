// expect: stride must be positive
// context: kind::conv3d
// a zero stride in depth.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_volume<4, 8, 8, 3>, ns::conv3d<8, 3, ns::stride<0, 1, 1>>>;
static_assert(ns::params<net> >= 0);
