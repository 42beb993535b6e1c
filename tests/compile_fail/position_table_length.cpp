// expect: the position table's length differs from the sequence's
// context: kind::position_embedding
// A ViT-B/16's table holds 197 tokens (14·14 patches and the class token); a 160×160 image gives
// 10·10 + 1 = 101 (PyTorch: "The size of tensor a (101) must match the size of tensor b (197)").
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<160, 160, 3>, ns::conv2d<768, 16, ns::stride<16>>, ns::to_tokens,
                        ns::class_token, ns::position_embedding_of<197>, ns::select_token<0>, ns::dense<10>>;
static_assert(ns::params<net> >= 0);
