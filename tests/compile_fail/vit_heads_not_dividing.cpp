// expect: attention heads must divide the channels
// context: kind::multi_head_attention
// context: location\{"\.\.ers\.encoder_layer_0\.0\.0\.self_attention", "attention, 5 heads"\}|'_', 'a', 't', 't', 'e', 'n', 't', 'i', 'o', 'n'>
// A ViT of width 192 with 5 heads: reported at the first block's attention, by its path.
#include <netshape/zoo/vit.hpp>
namespace ns = netshape;
using net = ns::zoo::vision_transformer<64, 8, 192, 4, 5, 768, 10>;
static_assert(ns::params<net> >= 0);
