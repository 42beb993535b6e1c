// expect: memory batch size must be positive
// follow-on: constexpr variable '[a-z_]+' must be initialized by a constant expression
// A negative batch (it gave negative bytes).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, 3>>;
constexpr auto m = ns::memory<net>({.batch = -4, .precision = ns::precision::fp16});
