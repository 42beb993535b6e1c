// expect: grid attention's grid must divide the image's height and width
// context: kind::grid_attention
// A 7×7 grid cannot spread evenly over 15 columns (torchvision's MaxViT refuses such a map).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<14, 15, 8>, ns::grid_attention<2, 7>>;
static_assert(ns::params<net> >= 0);
