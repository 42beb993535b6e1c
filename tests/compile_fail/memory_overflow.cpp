// expect: memory estimate overflows 64 bits
// follow-on: constexpr variable '[a-z_]+' must be initialized by a constant expression
// 2^31 activations (a 1024×1024×1024 input and its 1×1 convolution) times a batch of 2^40.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<1024, 1024, 1024>, ns::conv2d<1024, 1>>;
constexpr auto m = ns::memory<net>({.batch = ns::count_t{1} << 40});
