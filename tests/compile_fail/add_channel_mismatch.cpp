// expect: add branches differ in shape
// context: merge::add
// A residual whose shortcut has 4 channels and main path 8.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 4>, ns::add<ns::conv2d<8, 1>, ns::identity>>;
static_assert(ns::params<net> > 0);
