// expect: concat branches differ in height or width
// context: merge::concat
// 6x6 and 8x8 branches cannot be concatenated.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::concat<ns::conv2d<8, 3>, ns::conv2d<8, 1>>>;
static_assert(ns::params<net> > 0);
