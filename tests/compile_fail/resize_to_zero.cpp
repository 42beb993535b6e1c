// expect: resize height and width must be positive
// context: kind::resize
// A resize to 0×4: PyTorch's "Input and output sizes should be greater than 0".
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::resize<0, 4, ns::interpolation::bilinear>>;
static_assert(ns::params<net> >= 0);
