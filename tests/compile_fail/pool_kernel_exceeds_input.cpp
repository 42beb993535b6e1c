// expect: kernel larger than the padded input
// context: max_pool
// Pooling window 4 on a 3x3 map.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<3, 3, 4>, ns::max_pool<4>>;
static_assert(ns::params<net> == 0);
