// expect: an attention's output channels must be positive
// context: kind::multiscale_attention
// An attention to zero channels.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using ns::dhw;
using net = ns::network<ns::input_sequence<19, 8>, ns::multiscale_attention<1, 0, dhw{2, 3, 3}, 3, 1, 3, 2>>;
static_assert(ns::params<net> >= 0);
