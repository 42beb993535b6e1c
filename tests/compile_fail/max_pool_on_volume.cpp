// expect: this layer does not accept a volume
// context: kind::max_pool
// a 2-D pool on a volume (max_pool3d takes it).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_volume<8, 16, 16, 3>, ns::max_pool<2>>;
static_assert(ns::params<net> >= 0);
