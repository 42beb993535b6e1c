// expect: padding must not be negative
// Negative padding on the width axis only.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, ns::hw{1, 3}, ns::pad<0, -1>>>;
static_assert(ns::params<net> > 0);
