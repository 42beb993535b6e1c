// expect: kernel larger than the padded input
// context: layer_error<0, .*netshape::kind::conv2d
// A 5x5 kernel on a 3x3 input without padding.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<3, 3, 1>, ns::conv2d<8, 5>>;
static_assert(ns::params<net> > 0);
