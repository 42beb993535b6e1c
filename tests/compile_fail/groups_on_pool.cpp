// expect: this layer kind does not take this option
// context: kind::max_pool
// Pooling has no groups.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 4>, ns::max_pool<2, ns::groups<2>>>;
static_assert(ns::params<net> >= 0);
