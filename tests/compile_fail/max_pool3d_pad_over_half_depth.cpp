// expect: pooling padding exceeds half the kernel
// context: kind::max_pool3d
// depth padding 2 on a window 2 deep.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_volume<8, 16, 16, 3>, ns::max_pool3d<ns::dhw{2, 3, 3}, ns::pad<2, 1, 1>>>;
static_assert(ns::params<net> >= 0);
