// expect: stride must be positive
// Negative pooling stride.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::max_pool<2, ns::stride<-1>>>;
static_assert(ns::params<net> == 0);
