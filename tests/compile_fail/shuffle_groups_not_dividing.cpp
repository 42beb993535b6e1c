// expect: shuffle groups must divide the channels
// 3 groups cannot split 8 channels.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 8>, ns::channel_shuffle<3>>;
static_assert(ns::params<net> == 0);
