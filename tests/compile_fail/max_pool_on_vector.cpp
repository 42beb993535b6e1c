// expect: this layer does not accept a feature vector
// context: kind::max_pool
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_vector<64>, ns::max_pool<2>>;
static_assert(ns::params<net> >= 0);
