// expect: add branches differ in shape
// add does not broadcast (only multiply does): 8x8x4 + 1x1x4.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 4>, ns::add<ns::identity, ns::global_avg_pool>>;
static_assert(ns::params<net> == 0);
