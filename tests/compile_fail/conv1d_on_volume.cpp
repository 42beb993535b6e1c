// expect: this layer does not accept a volume
// context: kind::conv1d
// conv1d takes sequences.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_volume<4, 8, 8, 3>, ns::conv1d<8, 3>>;
static_assert(ns::params<net> >= 0);
