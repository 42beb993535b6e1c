// expect: attention heads must divide the channels
// context: kind::multiscale_attention
// Four heads cannot share 18 output channels (torchvision's head_dim = output_dim // num_heads would drop two).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using ns::dhw;
using net = ns::network<ns::input_sequence<19, 8>, ns::multiscale_attention<4, 18, dhw{2, 3, 3}, 3, 1, 3, 2>>;
static_assert(ns::params<net> >= 0);
