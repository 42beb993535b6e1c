// expect: not a layer
// context: layer_nodes<netshape::stride<2
// output<> of an option, not a layer: one error, nothing after it.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<16, 16, 8>, ns::conv2d<8, 3>, ns::output<ns::stride<2>>, ns::max_pool<2>>;
static_assert(ns::params<net> > 0 && ns::output_shapes<net>.size() == 2);
