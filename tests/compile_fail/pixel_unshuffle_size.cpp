// expect: pixel_unshuffle needs height and width divisible by its factor
// context: kind::pixel_unshuffle
// A width of 9 does not divide by 2 (PyTorch raises the same).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 9, 3>, ns::pixel_unshuffle<2>>;
static_assert(ns::params<net> >= 0);
