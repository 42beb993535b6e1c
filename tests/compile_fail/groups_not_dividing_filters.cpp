// expect: groups must divide the filters
// 4 groups cannot split 6 filters.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 8>, ns::conv2d<6, 3, ns::groups<4>>>;
static_assert(ns::params<net> >= 0);
