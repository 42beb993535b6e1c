// expect: memory precision is not fp32, fp16, bf16 or int8
// follow-on: constexpr variable '[a-z_]+' must be initialized by a constant expression
// A precision that is no enumerator (it was read as fp32).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, 3>>;
constexpr auto m = ns::memory<net>({.batch = 2, .precision = static_cast<ns::precision>(4)});
