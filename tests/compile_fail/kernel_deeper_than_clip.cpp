// expect: kernel larger than the padded input
// context: kind::conv3d
// a kernel of depth 5 on a clip of 4 frames.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_volume<4, 16, 16, 3>, ns::conv3d<8, ns::dhw{5, 3, 3}>>;
static_assert(ns::params<net> >= 0);
