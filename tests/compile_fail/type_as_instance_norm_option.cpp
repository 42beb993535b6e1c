// expect: not an option
// context: int
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::instance_norm<ns::affine, int>>;
static_assert(ns::params<net> >= 0);
