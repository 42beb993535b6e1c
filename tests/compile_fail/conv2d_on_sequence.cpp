// expect: this layer does not accept a sequence
// context: kind::conv2d
// conv2d takes images; a sequence of tokens is rank 2.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<16, 8>, ns::conv2d<8, 3>>;
static_assert(ns::params<net> >= 0);
