// expect: a kernel or size is an integer or hw
// A shape where a kernel is expected: one error, not overload noise.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, ns::shape{3, 3, 1}>>;
static_assert(ns::params<net> >= 0);
