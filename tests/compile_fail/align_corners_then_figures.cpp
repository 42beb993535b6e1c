// expect: align_corners is an option of bilinear interpolation only
// context: upsample
// align_corners on a nearest upsample: the network is not evaluated (its figures are unknown).
// One mistake, one error: the user's own static_asserts on the figures and on their members (which
// do not hold for the network as written) add none after it.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input<8, 8, 4>, ns::upsample<2, ns::interpolation::nearest, ns::align_corners>>;
static_assert(ns::params<net> == 12345 && ns::macs<net> == 1 && ns::activations<net> == 1);
static_assert(ns::output_shape<net>.height == 99 && ns::output_shape<net>.channels == 99);
static_assert(ns::output_shape<net>.elements() == 99);
static_assert(ns::receptive_field<net>.width == 99 && ns::receptive_field<net>.jump_height == 99);
static_assert(ns::layers<net>[0].weights == 7 && ns::layers<net>[0].output_shape == ns::shape{1, 1, 1});
static_assert(ns::layers<net>[0].kind == ns::kind::dense && ns::totals<net>.params == 3);
