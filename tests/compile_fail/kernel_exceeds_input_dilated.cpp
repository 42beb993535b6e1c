// expect: kernel larger than the padded input
// Dilation 3 makes a 3x3 kernel span 7 pixels, more than 6.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<6, 6, 1>, ns::conv2d<8, 3, ns::dilation<3>>>;
static_assert(ns::params<net> > 0);
