// expect: attention heads must divide the channels
// context: kind::multi_head_attention
// Five heads cannot share twelve channels (PyTorch: "embed_dim must be divisible by num_heads").
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<10, 12>, ns::multi_head_attention<5>>;
static_assert(ns::params<net> >= 0);
