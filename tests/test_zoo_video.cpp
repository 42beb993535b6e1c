// The zoo's video models (r3d_18, mc3_18, r2plus1d_18, s3d) equal torchvision's in input,
// parameters, buffers, output shape and MACs (tests/data/torchvision_reference.hpp); r2plus1d_18's
// and s3d's every layer has torchvision's module name and output shape.
#include <netshape/zoo/video.hpp>

#include "data/zoo_checks.hpp"

ZOO_CHECK_MODEL(r3d_18);
ZOO_CHECK_MODEL(mc3_18);
ZOO_CHECK_MODEL(r2plus1d_18);
ZOO_CHECK_MODEL(s3d);

namespace ns = netshape;
namespace zoo = netshape::zoo;
namespace ref = netshape_reference;

// Any clip size as template arguments: 7 frames of 97×75, which no stride divides.
using r2plus1d_small = zoo::r2plus1d<7, 97, 75>;
static_assert(zoo_checks::same_input<r2plus1d_small>(ref::r2plus1d_18_7x97x75));
static_assert(zoo_checks::same_params<r2plus1d_small>(ref::r2plus1d_18_7x97x75));
static_assert(zoo_checks::same_output<r2plus1d_small>(ref::r2plus1d_18_7x97x75));
static_assert(zoo_checks::same_macs<r2plus1d_small>(ref::r2plus1d_18_7x97x75));
// Another class count: only fc changes (512·ΔN weights, ΔN biases).
static_assert(ns::params<zoo::r3d<16, 112, 112, 101>> == ref::r3d_18.params - 512 * 299 - 299);
// The three differ only in their convolutions: same buffers (every batch norm's running statistics)
// for r3d and mc3, whose blocks have the same channels.
static_assert(ns::buffers<zoo::r3d_18> == ns::buffers<zoo::mc3_18>);
// torchvision's midplanes: 64·64·27 / (64·9 + 3·64) = 144 in layer1, 3·64·27/(... ) in the stem's own 45.
static_assert(zoo::detail::midplanes(64, 64) == 144 && zoo::detail::midplanes(64, 128) == 230);

TEST_CASE("zoo: r2plus1d_18's layers are torchvision's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::r2plus1d_18>(ref::r2plus1d_18_layers);
}

TEST_CASE("zoo: s3d's layers are torchvision's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::s3d>(ref::s3d_layers);
}

// The receptive field in time, worked out by hand: MC3 convolves time only in its stem (3 frames)
// and layer1 (four 3×3×3 convolutions, +2 each), then pools all 16 frames (+15): 3 + 8 + 15.
static_assert(ns::receptive_field<zoo::mc3_18>.depth == 3 + 4 * 2 + 15 && ns::receptive_field<zoo::mc3_18>.jump_depth == 16);
// R3D strides time by 2 in layer2, 3 and 4 (jumps 2, 4, 8): stem 3, layer1 +8, layer2 +2·1 +3·2·2,
// layer3 +2·2 +3·2·4, layer4 +2·4 +3·2·8, the global pool over the last 2 frames +1·8.
static_assert(ns::receptive_field<zoo::r3d_18>.depth == 3 + 8 + (2 + 12) + (4 + 24) + (8 + 48) + 8);
static_assert(ns::receptive_field<zoo::r3d_18>.jump_depth == 8 * 2);
