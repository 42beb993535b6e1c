// expect: this layer does not accept an image
// context: kind::class_token
// The class token is put before a sequence: the image's positions must be tokens first.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 16>, ns::conv2d<16, 4, ns::stride<4>>, ns::class_token>;
static_assert(ns::params<net> >= 0);
