// The zoo's segmentation models (FCN, DeepLabV3, LR-ASPP) and torchvision's detection backbone
// resnet50_fpn equal torchvision's in input, parameters, buffers, every output's shape and MACs, at
// the default sizes and at sizes no stride divides; fcn_resnet50's, deeplabv3_resnet50's,
// lraspp_mobilenet_v3_large's (the dilated MobileNetV3 backbone deeplabv3_mobilenet_v3_large shares)
// and resnet50_fpn's every layer has torchvision's module name and output shape.
#include <array>
#include <cstddef>
#include <iterator>
#include <string_view>

#include <netshape/zoo/detection.hpp>
#include <netshape/zoo/segmentation.hpp>

#include "data/zoo_checks.hpp"

ZOO_CHECK_MODEL(fcn_resnet50);
ZOO_CHECK_MODEL(fcn_resnet101);
ZOO_CHECK_MODEL(deeplabv3_resnet50);
ZOO_CHECK_MODEL(deeplabv3_resnet101);
ZOO_CHECK_MODEL(deeplabv3_mobilenet_v3_large);
ZOO_CHECK_MODEL(lraspp_mobilenet_v3_large);
ZOO_CHECK_MODEL(resnet50_fpn);
static_assert(zoo_checks::same_outputs<netshape::zoo::fcn_resnet50>(netshape_reference::fcn_resnet50_outputs));
static_assert(zoo_checks::same_outputs<netshape::zoo::fcn_resnet101>(netshape_reference::fcn_resnet101_outputs));
static_assert(zoo_checks::same_outputs<netshape::zoo::deeplabv3_resnet50>(netshape_reference::deeplabv3_resnet50_outputs));
static_assert(zoo_checks::same_outputs<netshape::zoo::deeplabv3_resnet101>(netshape_reference::deeplabv3_resnet101_outputs));
static_assert(zoo_checks::same_outputs<netshape::zoo::deeplabv3_mobilenet_v3_large>(
    netshape_reference::deeplabv3_mobilenet_v3_large_outputs));
static_assert(zoo_checks::same_outputs<netshape::zoo::lraspp_mobilenet_v3_large>(netshape_reference::lraspp_mobilenet_v3_large_outputs));
static_assert(zoo_checks::same_outputs<netshape::zoo::resnet50_fpn>(netshape_reference::resnet50_fpn_outputs));

namespace ns = netshape;
namespace zoo = netshape::zoo;
namespace ref = netshape_reference;

/// Every figure of Net against torchvision's model measured at the same (odd) input size.
template <class Net, std::size_t N>
constexpr bool same_model(const ref::model& m, const ref::hwc (&outputs)[N]) {
    return zoo_checks::same_input<Net>(m) && zoo_checks::same_params<Net>(m) && zoo_checks::same_buffers<Net>(m) &&
           zoo_checks::same_output<Net>(m) && zoo_checks::same_macs<Net>(m) && zoo_checks::same_outputs<Net>(outputs) &&
           zoo_checks::passes_agree<Net>();
}

// Sizes no stride divides: the resizes go to the sizes of the maps they meet (⌈n/2⌉ per stride-2
// layer: FPN resizes 26×19 to 51×38, not to 52×38), and back to the input's size exactly.
static_assert(same_model<zoo::fcn_resnet50_at<321, 479>>(ref::fcn_resnet50_321x479, ref::fcn_resnet50_321x479_outputs));
static_assert(same_model<zoo::deeplabv3_mobilenet_v3_large_at<333, 251>>(ref::deeplabv3_mobilenet_v3_large_333x251,
                                                                          ref::deeplabv3_mobilenet_v3_large_333x251_outputs));
static_assert(same_model<zoo::lraspp_mobilenet_v3_large_at<333, 251>>(ref::lraspp_mobilenet_v3_large_333x251,
                                                                      ref::lraspp_mobilenet_v3_large_333x251_outputs));
static_assert(same_model<zoo::resnet50_fpn_at<801, 597>>(ref::resnet50_fpn_801x597, ref::resnet50_fpn_801x597_outputs));
// The pyramid on ResNet-18 (basic blocks with frozen batch norm): resnet_fpn_backbone('resnet18').
static_assert(same_model<zoo::resnet_fpn<zoo::basic, zoo::blocks<2, 2, 2, 2>>>(ref::resnet18_fpn, ref::resnet18_fpn_outputs));

// Another class count changes only the classifiers' last convolutions (and LR-ASPP's two): FCN's on
// 512 channels, DeepLabV3's on 256, LR-ASPP's low one on features[4]'s 40 and high one on 128.
static_assert(ns::params<zoo::fcn_resnet50_at<520, 520, 2>> == ref::fcn_resnet50.params - 19 * (512 + 1));
static_assert(ns::params<zoo::deeplabv3_resnet101_at<520, 520, 2>> == ref::deeplabv3_resnet101.params - 19 * (256 + 1));
static_assert(ns::params<zoo::lraspp_mobilenet_v3_large_at<520, 520, 2>> ==
              ref::lraspp_mobilenet_v3_large.params - 19 * (40 + 1) - 19 * (128 + 1));
static_assert(ns::output_shapes<zoo::lraspp_mobilenet_v3_large_at<520, 520, 2>> == std::array{ns::shape{520, 520, 2}});

// The heads on their own: ASPP's five branches of 256 channels on 2048 (the 1×1, three dilated 3×3,
// the pooled 1×1), each with batch norm, and the projection of 5·256 to 256.
using aspp_alone = ns::network<ns::input<65, 65, 2048>, zoo::aspp<65, 65>>;
static_assert(ns::params<aspp_alone> == 2048 * 256 + 3 * (2048 * 256 * 9) + 2048 * 256 + 5 * 2 * 256 + 5 * 256 * 256 + 2 * 256);
static_assert(ns::output_shape<aspp_alone> == ns::shape{65, 65, 256});
// The dilated stages keep layer2's size: 520 → 260 → 130 → 65 (output stride 8), and ASPP's 3×3
// convolutions dilated by 36 keep it too (padded by 36).
static_assert(zoo::detail::halved(520, 3) == 65 && zoo::detail::halved(801, 5) == 26 && zoo::detail::halved(801, 4) == 51);

// The feature pyramid's five outputs, coarsest first: '3' at stride 32, 'pool' (1×1 max pool of
// stride 2 on '3'), '2', '1', and '0' at stride 4 the main path; each output position of level k
// is 2^k input pixels from its neighbour.
static_assert(ns::output_shapes<zoo::resnet50_fpn_at<64, 64>> ==
              std::array{ns::shape{2, 2, 256}, ns::shape{1, 1, 256}, ns::shape{4, 4, 256}, ns::shape{8, 8, 256},
                         ns::shape{16, 16, 256}});
static_assert(ns::output_fields<zoo::resnet50_fpn>[0].jump_height == ns::fraction(32));
static_assert(ns::output_fields<zoo::resnet50_fpn>[1].jump_height == ns::fraction(64));
static_assert(ns::output_fields<zoo::resnet50_fpn>[4].jump_height == ns::fraction(4));
// Frozen batch norm: the same network as ResNet-50's body with batch norm has the norms' 2·C weights
// and biases as parameters instead of buffers (2·C running statistics either way).
using fpn_with_batch_norm_body = ns::network<ns::input<800, 800, 3>, typename zoo::resnet_backbone<zoo::bottleneck<>, zoo::blocks<3, 4, 6, 3>>::body>;
static_assert(ns::buffers<zoo::resnet50_fpn> == 2 * ns::buffers<fpn_with_batch_norm_body>);
static_assert(ns::params<zoo::resnet50_fpn> - ns::params<fpn_with_batch_norm_body> ==
              (256 + 512 + 1024 + 2048) * 256 + 4 * 256 + 4 * (256 * 256 * 9 + 256) - ns::buffers<fpn_with_batch_norm_body>);

TEST_CASE("zoo: fcn_resnet50's layers are torchvision's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::fcn_resnet50>(ref::fcn_resnet50_layers);
}
TEST_CASE("zoo: deeplabv3_resnet50's layers are torchvision's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::deeplabv3_resnet50>(ref::deeplabv3_resnet50_layers);
}
/// LR-ASPP's layers in netshape's order: torchvision's forward calls low_classifier, then
/// high_classifier (its last two calls); netshape's add has the deeper branch, which ends in
/// high_classifier, first. Everything else in torchvision's order.
struct lraspp_order {
    static constexpr std::size_t n = std::size(ref::lraspp_mobilenet_v3_large_layers);
    ref::layer rows[n];
    constexpr lraspp_order() : rows{} {
        for (std::size_t i = 0; i < n; ++i) rows[i] = ref::lraspp_mobilenet_v3_large_layers[i];
        const ref::layer low = rows[n - 2];
        rows[n - 2] = rows[n - 1];
        rows[n - 1] = low;
    }
};
inline constexpr lraspp_order lraspp_layers{};
static_assert(std::string_view(lraspp_layers.rows[lraspp_order::n - 1].name) == "classifier.low_classifier");

TEST_CASE("zoo: lraspp_mobilenet_v3_large's layers are torchvision's, its two classifiers in the add's order") {
    zoo_checks::check_layers<zoo::lraspp_mobilenet_v3_large>(lraspp_layers.rows);
}
TEST_CASE("zoo: resnet50_fpn's layers are torchvision's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::resnet50_fpn>(ref::resnet50_fpn_layers);
}

// The exact receptive field of the segmentation models that end in a resize to 520×520 (too many
// phases for one constant evaluation: walked in chunks, split at the last resize, one walk of the part
// before it per distinct interval) is a plain walk's: every output of one period, each walked back
// through every node, at run time. For the MobileNetV3 models the period is the whole output (520:
// the resizes 33 → 520 and 33 → 65 repeat only over their whole maps).
template <class Net>
void check_walk(ns::count_t period) {
    const auto& nodes = ns::detail::analysis<Net>::full.nodes;
    const ns::field f = ns::receptive_field<Net>;
    for (int axis = 0; axis < 2; ++axis) {
        const ns::detail::axis_outline o = ns::detail::outline_axis(nodes.data(), ns::detail::kind_maps_of<>, nodes.size() - 1, false, axis);
        REQUIRE(o.status == ns::detail::walk_status::exact);
        CHECK(o.period == period);
        ns::detail::wide widest = 0;
        for (ns::detail::wide at = 0; at < o.period; ++at) {
            const auto w = ns::detail::walk_back(nodes.data(), ns::detail::kind_maps_of<>, nodes.size() - 1, false, axis, {at, at, false}, 0, false);
            REQUIRE(w.status == ns::detail::walk_status::exact);
            if (w.input.hi - w.input.lo + 1 > widest) widest = w.input.hi - w.input.lo + 1;
        }
        CHECK(ns::fraction(ns::count_t(widest)) == (axis == 0 ? f.height : f.width));
        CHECK(o.jump == (axis == 0 ? f.jump_height : f.jump_width));
    }
    CHECK(f != ns::detail::analysis<Net>::value.total.receptive_field);  // the recurrence's is not exact here
}

TEST_CASE("zoo: the segmentation models' receptive field is the exact walk's, chunked or not") {
    check_walk<zoo::deeplabv3_mobilenet_v3_large>(520);
    check_walk<zoo::lraspp_mobilenet_v3_large>(520);
    check_walk<zoo::deeplabv3_resnet50>(520);
    // The output stride: 16 at the backbone's 33 positions, resized to 520.
    CHECK(ns::receptive_field<zoo::lraspp_mobilenet_v3_large>.jump_height == ns::fraction(16 * 33, 520));
    CHECK(ns::receptive_field<zoo::deeplabv3_mobilenet_v3_large>.jump_width == ns::fraction(16 * 33, 520));
}
