// expect: pooling padding exceeds half the kernel
// context: kind::grid_max_pool
// MaxPool3d refuses padding above half its kernel (2 on a kernel of 3).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using ns::dhw;
using net = ns::network<ns::input_sequence<73, 4>, ns::grid_max_pool<dhw{2, 6, 6}, 3, 2, dhw{1, 2, 1}>>;
static_assert(ns::params<net> >= 0);
