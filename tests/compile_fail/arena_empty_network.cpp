// expect: an arena needs a network with at least one layer
// A network of its input alone runs no step: there is nothing to plan.
#include <netshape/arena.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>>;
static_assert(ns::arena<net>.bytes > 0);
