// expect: this layer does not accept an image
// context: kind::multi_head_attention
// Attention takes a sequence of tokens: an image must become one first (to_tokens).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 12>, ns::multi_head_attention<3>>;
static_assert(ns::params<net> >= 0);
