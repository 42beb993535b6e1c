// expect: this layer kind does not take this option
// context: kind::avg_pool
// PyTorch AvgPool2d has no dilation.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 4>, ns::avg_pool<2, ns::dilation<2>>>;
static_assert(ns::params<net> >= 0);
