// expect: MaxViT's head dimension must divide every block's channels
// context: check_head_dim
// Heads of 24 channels cannot share a block of 60 (torchvision: "feat_dim: 60 must be divisible by head_dim: 24").
#include <netshape/zoo/maxvit.hpp>
namespace ns = netshape;
using net = ns::zoo::maxvit<16, 3, ns::zoo::blocks<48, 60>, ns::zoo::blocks<1, 1>, 24, 48>;
static_assert(ns::params<net> >= 0);
