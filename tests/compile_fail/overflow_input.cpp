// expect: a count overflows 64 bits
// The input alone has 2^70 elements.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<(ns::count_t{1} << 30), (ns::count_t{1} << 30), 1024>, ns::relu>;
static_assert(ns::activations<net> >= 0);
