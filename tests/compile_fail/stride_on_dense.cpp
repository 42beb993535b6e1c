// expect: this layer kind does not take this option
// context: kind::dense
// A dense layer has no stride.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 4>, ns::dense<10, ns::stride<2>>>;
static_assert(ns::params<net> >= 0);
