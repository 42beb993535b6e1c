// expect: kernel size must be positive
// Kernel size 0.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, 0>>;
static_assert(ns::params<net> >= 0);
