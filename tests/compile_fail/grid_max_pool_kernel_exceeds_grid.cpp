// expect: kernel larger than the padded input
// context: kind::grid_max_pool
// A window of 3 frames on a grid of 1 frame, unpadded.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using ns::dhw;
using net = ns::network<ns::input_sequence<37, 4>, ns::grid_max_pool<dhw{1, 6, 6}, 3>>;
static_assert(ns::params<net> >= 0);
