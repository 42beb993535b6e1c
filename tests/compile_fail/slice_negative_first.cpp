// expect: channel slice outside the input channels
// A slice starting before channel 0.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 8>, ns::channel_slice<-1, 4>>;
static_assert(ns::params<net> == 0);
