// expect: groups must divide the input channels
// context: kind::group_norm
// 32 groups cannot split 48 channels (PyTorch: "num_channels must be divisible by num_groups").
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 48>, ns::group_norm<32>>;
static_assert(ns::params<net> >= 0);
