// expect: attention heads must be positive
// context: kind::multi_head_attention
// Attention with no heads, whatever its input.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<10, 12>, ns::multi_head_attention<0>>;
static_assert(ns::params<net> >= 0);
