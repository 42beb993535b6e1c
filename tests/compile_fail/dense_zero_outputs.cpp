// expect: a dense layer needs a positive number of outputs
// context: kind::dense
// A dense layer with no outputs.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::dense<0>>;
static_assert(ns::params<net> >= 0);
