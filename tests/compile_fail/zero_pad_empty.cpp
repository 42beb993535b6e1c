// expect: zero_pad's negative padding crops more than the input or leaves no output
// context: kind::zero_pad
// nn.ZeroPad2d((-4, -4, 0, 0)) on 8 columns leaves none (PyTorch returns an empty tensor; netshape has no zero sizes).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::zero_pad<0, -4, 0, -4>>;
static_assert(ns::params<net> >= 0);
