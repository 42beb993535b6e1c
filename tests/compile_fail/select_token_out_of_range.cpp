// expect: select_token index outside the sequence
// context: kind::select_token
// A sequence of four tokens has no token 4 (PyTorch: "index 4 is out of bounds").
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<4, 8>, ns::select_token<4>, ns::dense<2>>;
static_assert(ns::params<net> >= 0);
