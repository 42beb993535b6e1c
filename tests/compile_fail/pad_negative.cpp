// expect: padding must not be negative
// Negative padding.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, 3, ns::pad<-1>>>;
static_assert(ns::params<net> > 0);
