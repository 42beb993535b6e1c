// expect: shuffle groups must divide the channels
// Zero shuffle groups.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 8>, ns::channel_shuffle<0>>;
static_assert(ns::params<net> == 0);
