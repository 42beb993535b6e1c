// expect: output<Head> takes one layer or block
// output<> given two layers (sequential<> would apply them in order): one error, nothing after it.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<16, 16, 8>, ns::output<ns::flatten, ns::dense<10>>, ns::conv2d<8, 3>>;
static_assert(ns::params<net> > 0 && ns::output_shapes<net>.size() == 2);
