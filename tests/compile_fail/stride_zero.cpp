// expect: stride must be positive
// Stride 0.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, 3, ns::stride<0>>>;
static_assert(ns::params<net> > 0);
