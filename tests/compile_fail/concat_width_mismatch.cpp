// expect: concat branches differ in height or width
// 8x8 and 8x10 branches: the widths differ.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::concat<ns::identity, ns::conv2d<8, ns::hw{3, 1}, ns::pad<1, 1>>>>;
static_assert(ns::params<net> > 0);
