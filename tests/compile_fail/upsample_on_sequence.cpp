// expect: this layer does not accept a sequence
// context: kind::upsample
// upsample is an image kind (nn.Upsample's 1-D "linear" on sequences has no netshape kind).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<16, 8>, ns::upsample<2>>;
static_assert(ns::params<net> >= 0);
