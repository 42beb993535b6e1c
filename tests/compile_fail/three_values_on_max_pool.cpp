// expect: a 2-D layer's stride, pad, dilation or output padding takes one value or two
// context: kind::max_pool
// pad<D, H, W> is a 3-D layer's.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<16, 16, 3>, ns::max_pool<3, ns::pad<0, 1, 1>>>;
static_assert(ns::params<net> >= 0);
