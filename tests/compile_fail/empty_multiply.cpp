// expect: a merge needs at least one branch
// context: kind::merge_end
// A multiply of nothing.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::multiply<>>;
static_assert(ns::params<net> >= 0);
