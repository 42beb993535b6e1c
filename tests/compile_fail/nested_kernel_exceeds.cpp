// expect: kernel larger than the padded input
// context: layer_error<5, .*netshape::kind::conv2d
// The conv2d<8, 5> deep in a residual branch sees 3x3; it is layers<net>[5].
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<8, 3, ns::stride<2>>, ns::relu,
    ns::sequential<ns::conv2d<8, 1>, ns::add<ns::sequential<ns::conv2d<8, 3, ns::pad<1>>, ns::batch_norm, ns::conv2d<8, 5>>, ns::identity>>>;
static_assert(ns::params<net> >= 0);
