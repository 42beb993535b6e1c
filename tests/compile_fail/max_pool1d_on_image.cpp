// expect: this layer does not accept an image
// context: kind::max_pool1d
// a 1-D pool on an image.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::max_pool1d<2>>;
static_assert(ns::params<net> >= 0);
