// expect: a 3-D kernel or size is an integer or dhw
// context: conv3d
// a 3-D kernel is dhw{d, h, w}, not hw{h, w}.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_volume<8, 16, 16, 3>, ns::conv3d<8, ns::hw{3, 3}>>;
static_assert(ns::params<net> >= 0);
