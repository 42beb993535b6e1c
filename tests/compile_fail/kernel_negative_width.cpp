// expect: kernel size must be positive
// A pooling kernel negative on the width axis.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::max_pool<ns::hw{2, -2}>>;
static_assert(ns::params<net> >= 0);
