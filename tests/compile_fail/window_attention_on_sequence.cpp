// expect: this layer does not accept a sequence
// context: kind::window_attention
// Windows are cut from an image: a sequence of tokens has no rows to window.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<14, 14, 12>, ns::to_tokens, ns::window_attention<2, 7>>;
static_assert(ns::params<net> >= 0);
