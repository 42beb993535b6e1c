// expect: add branches differ in shape
// A strided main path without a strided shortcut.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 4>, ns::add<ns::identity, ns::conv2d<4, 3, ns::stride<2>, ns::pad<1>>>>;
static_assert(ns::params<net> > 0);
