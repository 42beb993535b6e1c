// expect: attention heads must divide the channels
// context: kind::window_attention
// Five heads cannot share twelve channels (torchvision's ShiftedWindowAttention fails to reshape).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<14, 14, 12>, ns::window_attention<5, 7>>;
static_assert(ns::params<net> >= 0);
