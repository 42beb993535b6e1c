// expect: kernel larger than the padded input
// A 1x7 kernel over a width of 4 padded by 1 on each side (6).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<9, 4, 1>, ns::conv2d<8, ns::hw{1, 7}, ns::pad<0, 1>>>;
static_assert(ns::params<net> > 0);
