// expect: a shared block's weights differ in shape from its first use
// context: merge::shared
// context: layer_error<3, .*netshape::kind::block_begin, netshape::merge::shared
// The same classifier on 4×4 and then 2×2 maps: after flatten its dense layer's weights would be
// 16·8 × 10 and 4·8 × 10 (nn.Linear's weight has the flattened size).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using classifier = ns::sequential<ns::flatten, ns::dense<10>>;
using net = ns::network<ns::input<4, 4, 8>, ns::output<ns::shared<"fc", classifier>>, ns::max_pool<2>,
                        ns::shared<"fc", classifier>>;
static_assert(ns::params<net> > 0);
