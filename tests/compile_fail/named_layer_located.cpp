// expect: kernel larger than the padded input
// context: location\{"features.1.conv2", "conv 5x5, 8, pad 1"\}|\{\{102, 101, 97, 116, 117, 114, 101, 115, 46, 49, \.\.\.\}, \{99, 111, 110, 118, 32, 53, 120, 53, 44, 32, \.\.\.\}\}
// The layer's path (its blocks' names, or positions where unnamed) and description name it: g++
// prints them as text, clang 14 as character codes (its first ten).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using stage = ns::sequential<ns::named<"conv1", ns::conv2d<8, 3>>, ns::named<"conv2", ns::conv2d<8, 5, ns::pad<1>>>>;
using net = ns::network<ns::input<4, 4, 3>, ns::named<"features", ns::sequential<ns::relu, stage>>>;
static_assert(ns::params<net> > 0);
