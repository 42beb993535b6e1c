// expect: an attention window or grid must be positive
// context: kind::window_attention
// A window of zero columns holds no positions.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<14, 14, 12>, ns::window_attention<2, ns::hw{7, 0}>>;
static_assert(ns::params<net> >= 0);
