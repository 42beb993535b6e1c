// expect: this layer does not accept a sequence
// context: kind::to_tokens
// to_tokens reads an image's positions; a sequence is already tokens.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<16, 8>, ns::to_tokens>;
static_assert(ns::params<net> >= 0);
