// expect: transposed convolution's padding leaves no output
// context: kind::conv_transpose2d
// (5 − 1)·1 − 2·5 + (3 − 1) + 1 = −3 rows: PyTorch's "Output size is too small".
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<5, 5, 4>, ns::conv_transpose2d<6, 3, ns::pad<5>>>;
static_assert(ns::params<net> >= 0);
