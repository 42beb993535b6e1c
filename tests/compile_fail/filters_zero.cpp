// expect: filters must be positive
// A convolution with no filters.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<0, 3>>;
static_assert(ns::params<net> >= 0);
