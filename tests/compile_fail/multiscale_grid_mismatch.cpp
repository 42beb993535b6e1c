// expect: the token grid differs from the sequence
// context: kind::multiscale_attention
// A 2×3×3 grid is 18 tokens, 19 with a class token: a sequence of 20 is neither.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using ns::dhw;
using net = ns::network<ns::input_sequence<20, 8>, ns::multiscale_attention<2, 8, dhw{2, 3, 3}, 3, 1, 3, 2>>;
static_assert(ns::params<net> >= 0);
