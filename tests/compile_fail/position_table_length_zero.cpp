// expect: a position table's length must be positive
// context: kind::position_embedding
// A table of no tokens cannot be added to any sequence.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<4, 8>, ns::position_embedding_of<0>>;
static_assert(ns::params<net> >= 0);
