// expect: figures are computed for network
// A figure asked of something that is not a network.
#include <netshape/netshape.hpp>
namespace ns = netshape;
static_assert(ns::params<int> >= 0);
