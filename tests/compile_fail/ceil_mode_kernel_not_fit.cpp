// expect: kernel larger than the padded input
// ceil_mode rounds up, but a 4-wide window on a 2-wide map with stride 2 has no valid position even then (PyTorch: output size too small).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<2, 2, 4>, ns::max_pool<4, ns::stride<2>, ns::ceil_mode>>;
static_assert(ns::params<net> == 0);
