// expect: an option is given twice
// context: conv2d<8, 3, netshape::pad<1(, 1)?>, netshape::pad<1(, 1)?> ?>
// A mistake deep in a residual block: one error, nothing after it.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using block = ns::add<ns::sequential<ns::conv2d<8, 3, ns::pad<1>, ns::pad<1>>, ns::relu>, ns::identity>;
using net = ns::network<ns::input<16, 16, 8>, block>;
static_assert(ns::params<net> > 0);
