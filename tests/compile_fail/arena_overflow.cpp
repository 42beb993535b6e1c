// expect: the arena's size does not fit in 64 bits
// 2^60 elements of 16 bytes: 2^64 bytes, one past what a count holds.
#include <netshape/arena.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<1 << 20, 1 << 20, 1 << 20>, ns::relu>;
static_assert(ns::arena<net, ns::plan{.element_bytes = 16}>.bytes > 0);
