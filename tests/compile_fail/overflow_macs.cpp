// expect: a count overflows 64 bits
// Weights fit (3*2^40) but MACs (10^12 * 3 * 2^40) do not.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<1000000, 1000000, 3>, ns::conv2d<(ns::count_t{1} << 40), 1>>;
static_assert(ns::params<net> >= 0);
