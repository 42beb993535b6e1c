// expect: neg_inf_pad's negative padding crops more than the input or leaves no output
// context: kind::neg_inf_pad
// F.pad(x, (0, 0, -3, 1), value=-inf) on 2 rows crops more than there are (PyTorch raises).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<2, 8, 3>, ns::neg_inf_pad<-3, 0, 1, 0>, ns::max_pool<2>>;
static_assert(ns::params<net> >= 0);
