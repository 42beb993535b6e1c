// expect: input height, width and channels must be positive
// An input of height 0.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<0, 8, 3>, ns::relu>;
static_assert(ns::params<net> == 0);
