// expect: channel slice outside the input channels
// context: kind::channel_slice
// Channels [4, 12) of 8.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 8>, ns::channel_slice<4, 8>>;
static_assert(ns::params<net> == 0);
