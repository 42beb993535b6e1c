// expect: grid attention's grid must divide the image's height and width
// context: kind::grid_attention
// MaxViT on 200×200: the first block's map is 50×50, which partitions of 7 do not divide
// (torchvision's MaxVit raises "Input size (50, 50) of block 0 is not divisible by partition size 7").
#include <netshape/zoo/maxvit.hpp>
namespace ns = netshape;
using net = ns::zoo::maxvit<64, 7, ns::zoo::blocks<64, 128>, ns::zoo::blocks<1, 1>, 32, 200>;
static_assert(ns::params<net> >= 0);
