// expect: dilation must be positive
// Negative dilation on a max pool.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::max_pool<3, ns::dilation<-2>>>;
static_assert(ns::params<net> == 0);
