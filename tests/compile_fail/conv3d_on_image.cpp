// expect: this layer does not accept an image
// context: kind::conv3d
// conv3d takes volumes (D×H×W×C); an image is rank 3.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<16, 16, 3>, ns::conv3d<8, 3>>;
static_assert(ns::params<net> >= 0);
