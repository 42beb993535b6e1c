// expect: kernel larger than the padded input
// The plan of a network that breaks a rule: that rule is the one error (the plan adds none).
#include <netshape/arena.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<4, 4, 3>, ns::conv2d<8, 5>>;
static_assert(ns::arena<net>.bytes > 0);
