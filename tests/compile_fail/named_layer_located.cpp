// expect: kernel larger than the padded input
// context: location\{"features.1.conv2", "conv 5x5, 8, pad 1"\}|'s', '\.', '1', '\.', 'c', 'o', 'n', 'v', '2'>, \{\{5, 5\}, \{1, 1\}, \{1, 1\}, \{1, 1\}\}
// The layer's path (its blocks' names, or positions where unnamed) and description name it: g++
// prints them as text; clang 14 spells the path's last twelve characters and gives the window.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using stage = ns::sequential<ns::named<"conv1", ns::conv2d<8, 3>>, ns::named<"conv2", ns::conv2d<8, 5, ns::pad<1>>>>;
using net = ns::network<ns::input<4, 4, 3>, ns::named<"features", ns::sequential<ns::relu, stage>>>;
static_assert(ns::params<net> > 0);
