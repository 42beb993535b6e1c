// expect: the token grid differs from the sequence
// context: kind::separable_position_embedding
// The table is made for 1 + 2·3·4 tokens; the sequence has 30.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using ns::dhw;
using net = ns::network<ns::input_sequence<30, 4>, ns::separable_position_embedding<dhw{2, 3, 4}>>;
static_assert(ns::params<net> >= 0);
