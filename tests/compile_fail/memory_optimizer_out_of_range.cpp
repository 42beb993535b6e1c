// expect: memory optimizer is not sgd, sgd_momentum or adam
// follow-on: constexpr variable '[a-z_]+' must be initialized by a constant expression
// An optimizer that is no enumerator (it was read as one keeping no state).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, 3>>;
constexpr auto m = ns::memory<net>({.optimizer = static_cast<ns::optimizer>(3)});
