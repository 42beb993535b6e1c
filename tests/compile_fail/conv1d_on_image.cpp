// expect: this layer does not accept an image
// context: kind::conv1d
// conv1d takes sequences (L×C).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<16, 16, 3>, ns::conv1d<8, 3>>;
static_assert(ns::params<net> >= 0);
