// expect: this layer does not accept a volume
// context: kind::conv2d
// conv2d takes images; a clip is rank 4 (conv3d takes it).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_volume<8, 16, 16, 3>, ns::conv2d<8, 3>>;
static_assert(ns::params<net> >= 0);
