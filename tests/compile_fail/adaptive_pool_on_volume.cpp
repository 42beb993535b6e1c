// expect: this layer does not accept a volume
// context: kind::adaptive_avg_pool
// a 2-D adaptive pool takes a volume only to one position (global_avg_pool).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_volume<8, 16, 16, 3>, ns::adaptive_avg_pool<2>>;
static_assert(ns::params<net> >= 0);
