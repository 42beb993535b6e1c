// expect: this layer does not accept a sequence
// context: kind::grid_attention
// A grid is spread over an image's rows and columns.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<49, 8>, ns::grid_attention<2, 7>>;
static_assert(ns::params<net> >= 0);
