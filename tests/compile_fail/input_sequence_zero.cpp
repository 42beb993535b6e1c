// expect: input height, width and channels must be positive
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<0, 8>, ns::relu>;
static_assert(ns::params<net> >= 0);
