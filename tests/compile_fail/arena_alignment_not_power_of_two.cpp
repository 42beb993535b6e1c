// expect: an arena's alignment must be a power of two
// Offsets rounded to 24 bytes: no alignment a processor asks for.
#include <netshape/arena.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, 3>>;
static_assert(ns::arena<net, ns::plan{.alignment = 24}>.bytes > 0);
