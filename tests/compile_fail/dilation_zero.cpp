// expect: dilation must be positive
// Dilation 0.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, 3, ns::dilation<0>>>;
static_assert(ns::params<net> > 0);
