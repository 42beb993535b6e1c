// expect: concat branches differ in height or width \(or a volume's depth, a sequence's length\)
// context: merge::concat
// Two sequences of 10 and 8 tokens: the message names a sequence's length.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<10, 4>, ns::concat<ns::identity, ns::conv1d<4, 3>>>;
static_assert(ns::params<net> >= 0);
