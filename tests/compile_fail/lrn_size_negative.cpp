// expect: local response norm size must be positive
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::local_response_norm<-3>>;
static_assert(ns::params<net> >= 0);
