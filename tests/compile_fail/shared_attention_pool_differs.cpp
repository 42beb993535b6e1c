// expect: a shared block's weights differ in shape from its first use
// context: layer_error<1, .*netshape::kind::multiscale_attention
// The tag's second use pools keys and values with a 1×3×1 kernel where the first has 3×1×1: as many
// weights, of another shape (the kernel lives in the spec's dilation: layers/multiscale.hpp). The
// layer named is the second use's attention (layers<Net>[1]).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<2 * 4 * 4, 8>,
    ns::shared<"a", ns::multiscale_attention<2, 8, ns::dhw{2, 4, 4}, 1, 1, ns::dhw{3, 1, 1}, 1>>,
    ns::shared<"a", ns::multiscale_attention<2, 8, ns::dhw{2, 4, 4}, 1, 1, ns::dhw{1, 3, 1}, 1>>>;
static_assert(ns::params<net> > 0);
