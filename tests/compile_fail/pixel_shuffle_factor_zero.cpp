// expect: scale factor must be positive
// context: kind::pixel_shuffle
// pixel_shuffle<0>: PyTorch's "expects a positive upscale_factor".
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 4>, ns::pixel_shuffle<0>>;
static_assert(ns::params<net> >= 0);
