// expect: an arena's element size must be at least one byte
// Zero bytes an element: every tensor would be empty.
#include <netshape/arena.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, 3>>;
static_assert(ns::arena<net, ns::plan{.element_bytes = 0}>.bytes > 0);
