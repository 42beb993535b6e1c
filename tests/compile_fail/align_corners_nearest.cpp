// expect: align_corners is an option of bilinear interpolation only
// context: upsample<2, netshape::interpolation::nearest, netshape::align_corners>|interpolation\)0, netshape::align_corners
// PyTorch: "align_corners option can only be set with the interpolating modes".
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::upsample<2, ns::interpolation::nearest, ns::align_corners>>;
static_assert(ns::params<net> >= 0);
