// expect: groups must divide the input channels
// context: layer_error<0, .*netshape::kind::conv2d
// A bad layer inside named blocks.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 6>, ns::named<"stage1", ns::sequential<ns::named<"stage1.conv", ns::conv2d<8, 3, ns::groups<4>>>>>>;
static_assert(ns::params<net> >= 0);
