// expect: an attention window or grid must be positive
// context: kind::separable_position_embedding
// A grid of no frames.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using ns::dhw;
using net = ns::network<ns::input_sequence<10, 4>, ns::separable_position_embedding<dhw{0, 3, 3}>>;
static_assert(ns::params<net> >= 0);
