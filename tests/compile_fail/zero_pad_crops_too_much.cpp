// expect: zero_pad's negative padding crops more than the input or leaves no output
// context: kind::zero_pad
// nn.ZeroPad2d((0, 0, -3, 4)) on 2 rows: PyTorch crops 3 rows of 2 before padding, and raises.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<2, 8, 3>, ns::zero_pad<-3, 0, 4, 0>>;
static_assert(ns::params<net> >= 0);
