// expect: this layer kind does not take this option
// context: kind::max_pool
// exclude_pad is an average pool's (count_include_pad=False): a max pool has no count.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::max_pool<3, ns::pad<1>, ns::exclude_pad>>;
static_assert(ns::params<net> >= 0);
