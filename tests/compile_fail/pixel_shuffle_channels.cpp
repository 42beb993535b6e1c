// expect: pixel_shuffle needs channels divisible by the square of its factor
// context: kind::pixel_shuffle
// 18 channels do not divide by 2² = 4 (PyTorch raises the same).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 18>, ns::pixel_shuffle<2>>;
static_assert(ns::params<net> >= 0);
