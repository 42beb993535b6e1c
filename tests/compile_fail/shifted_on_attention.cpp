// expect: this layer kind does not take this option
// context: netshape::shifted
// Only the window attentions have windows to shift.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<16, 8>, ns::multi_head_attention<2, ns::shifted>>;
static_assert(ns::params<net> >= 0);
