// expect: attention heads must divide the channels
// context: kind::cosine_window_attention
// Swin V2's attention splits the channels among its heads as Swin's does.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<16, 16, 20>, ns::cosine_window_attention<3, 8, ns::shifted>>;
static_assert(ns::params<net> >= 0);
