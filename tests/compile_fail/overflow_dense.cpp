// expect: a count overflows 64 bits
// 2^30 inputs times 2^40 outputs.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<1024, 1024, 1024>, ns::dense<(ns::count_t{1} << 40)>>;
static_assert(ns::params<net> >= 0);
