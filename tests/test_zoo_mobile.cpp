// The zoo's MobileNets, ShuffleNet V2, EfficientNet-B0 and ConvNeXt-Tiny equal torchvision's in
// input, parameters, buffers, output shape and MACs; mobilenet_v2's every layer has torchvision's
// module name and output shape.
#include <netshape/zoo/convnext.hpp>
#include <netshape/zoo/efficientnet.hpp>
#include <netshape/zoo/mobilenet.hpp>
#include <netshape/zoo/shufflenet.hpp>

#include "data/zoo_checks.hpp"

ZOO_CHECK_MODEL(mobilenet_v2);
ZOO_CHECK_MODEL(mobilenet_v3_large);
ZOO_CHECK_MODEL(shufflenet_v2_x1_0);
ZOO_CHECK_MODEL(efficientnet_b0);
ZOO_CHECK_MODEL(convnext_tiny);

namespace ns = netshape;
namespace zoo = netshape::zoo;
namespace ref = netshape_reference;

// Squeeze-and-excitation does not change how far apart output positions are: EfficientNet-B0
// and MobileNetV3 stride 2 five times, so before their global pool neighbouring outputs are 32
// pixels apart (the 1×1 scale of an SE block broadcasts; it has no step of its own). The layer is
// found by its qualified name (the zoo's names are local: "features" > "8" > "0").
template <class Net>
ns::field receptive_of(std::string_view path) {
    const auto& all = ns::nodes<Net>;
    const auto paths = ns::format::qualified_names(all.data(), all.size());
    for (std::size_t i = 0; i < all.size(); ++i)
        if (!ns::is_structure(all[i].kind) && paths[i] == path) return all[i].receptive_field;
    return ns::field{0, 0, 0, 0};
}
TEST_CASE("zoo: squeeze-and-excitation does not change the output step") {
    CHECK(receptive_of<zoo::efficientnet_b0>("features.8.0").jump_height == 32);
    CHECK(receptive_of<zoo::mobilenet_v3_large>("features.16.0").jump_width == 32);
}
using se_only = ns::network<ns::input<8, 8, 4>, ns::multiply<ns::sequential<ns::global_avg_pool, ns::conv2d<4, 1>>, ns::identity>>;
static_assert(ns::receptive_field<se_only>.jump_height == 1 && ns::receptive_field<se_only>.jump_width == 1);
static_assert(ns::receptive_field<se_only>.height == 8);  // the scale sees the whole 8×8 map

// Another class count: only the last dense layer changes (its input: 1280, 1280, 1024, 1280, 768).
static_assert(ns::params<zoo::mobilenet_v2_at<224, 224, 10>> == ref::mobilenet_v2.params - 1280 * 990 - 990);
static_assert(ns::params<zoo::convnext<zoo::blocks<3, 3, 9, 3>, zoo::blocks<96, 192, 384, 768>, 224, 224, 10>> ==
              ref::convnext_tiny.params - 768 * 990 - 990);

TEST_CASE("zoo: mobilenet_v2's layers are torchvision's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::mobilenet_v2>(ref::mobilenet_v2_layers);
}
