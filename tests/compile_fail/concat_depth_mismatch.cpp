// expect: concat branches differ in height or width \(or a volume's depth, a sequence's length\)
// context: merge::concat
// Two volumes of the same height and width but 4 and 2 frames: the message names the depth too.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_volume<4, 8, 8, 3>, ns::concat<ns::identity, ns::conv3d<3, ns::dhw{3, 1, 1}>>>;
static_assert(ns::params<net> >= 0);
