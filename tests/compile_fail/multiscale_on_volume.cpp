// expect: this layer does not accept a volume
// context: kind::multiscale_attention
// The tokens must be a sequence: to_tokens first (the grid is named in the layer's type).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using ns::dhw;
using net = ns::network<ns::input_volume<2, 3, 3, 8>, ns::multiscale_attention<1, 8, dhw{2, 3, 3}, 3, 1, 3, 2>>;
static_assert(ns::params<net> >= 0);
