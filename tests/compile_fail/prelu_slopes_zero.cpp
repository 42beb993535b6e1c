// expect: prelu's slopes must be 1 or the input channels
// context: kind::prelu
// nn.PReLU(0) has an empty weight, which its forward refuses.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::prelu<0>>;
static_assert(ns::params<net> >= 0);
