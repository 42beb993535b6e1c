// expect: this layer does not accept a sequence
// context: kind::patch_merging
// Patch merging concatenates 2×2 neighbourhoods of an image.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<16, 8>, ns::patch_merging>;
static_assert(ns::params<net> >= 0);
