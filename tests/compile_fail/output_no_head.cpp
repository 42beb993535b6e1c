// expect: output<Head> takes one layer or block
// output<> with no head: one error, nothing after it.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<16, 16, 8>, ns::conv2d<8, 3>, ns::output<>>;
static_assert(ns::params<net> > 0 && ns::output_shape<net> == ns::shape{14, 14, 8});
