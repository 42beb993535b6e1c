// expect: prelu's slopes must be 1 or the input channels
// context: kind::prelu
// PyTorch's nn.PReLU(num_parameters) takes 1 or the input's channels; any other count fails its forward.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::prelu<2>>;
static_assert(ns::params<net> >= 0);
