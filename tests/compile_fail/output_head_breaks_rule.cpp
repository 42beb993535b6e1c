// expect: kernel larger than the padded input
// context: layer_error<2, netshape::where<(netshape::location\{"aux.0.1", "conv 5x5, 8"\}|netshape::path<'a', 'u', 'x', '\.', '0', '\.', '1'>)
// A side output's head that breaks a rule is reported at its layer, inside the output.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using head = ns::sequential<ns::max_pool<4>, ns::conv2d<8, 5>>;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, 3, ns::pad<1>>, ns::named<"aux", ns::output<head>>, ns::relu>;
static_assert(ns::params<net> > 0 && ns::output_shapes<net>[0] == ns::shape{1, 1, 8});
