// expect: an option is given twice
// ceil_mode twice.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::max_pool<2, ns::ceil_mode, ns::ceil_mode>>;
static_assert(ns::params<net> >= 0);
