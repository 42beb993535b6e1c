// expect: not a layer
// context: layer_nodes<int>
// A type that is not a layer inside a residual block: one error, nothing after it.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using block = ns::add<ns::sequential<ns::conv2d<8, 3, ns::pad<1>>, int>, ns::identity>;
using net = ns::network<ns::input<16, 16, 8>, block>;
static_assert(ns::params<net> > 0 && ns::output_shape<net> == ns::shape{16, 16, 8});
