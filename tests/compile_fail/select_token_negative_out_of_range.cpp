// expect: select_token index outside the sequence
// context: kind::select_token
// Counting from the end, a sequence of four tokens ends at -4.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<4, 8>, ns::class_token, ns::select_token<-6>>;
static_assert(ns::params<net> >= 0);
