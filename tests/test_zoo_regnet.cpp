// The zoo's RegNets (all fifteen of torchvision 0.14) equal torchvision's in input, parameters,
// buffers, output shape and MACs, at 224×224 with 1000 classes and at 160×192 with 10 (a size
// where the last stages' maps are not square and 192 / 16 = 12 is not halved evenly to the end);
// regnet_y_400mf's every layer has torchvision's module name ("trunk_output.block1.block1-0.f.se.fc1")
// and output shape.
#include <netshape/zoo/regnet.hpp>

#include "data/zoo_checks.hpp"

ZOO_CHECK_MODEL(regnet_x_400mf);
ZOO_CHECK_MODEL(regnet_x_800mf);
ZOO_CHECK_MODEL(regnet_x_1_6gf);
ZOO_CHECK_MODEL(regnet_x_3_2gf);
ZOO_CHECK_MODEL(regnet_x_8gf);
ZOO_CHECK_MODEL(regnet_x_16gf);
ZOO_CHECK_MODEL(regnet_x_32gf);
ZOO_CHECK_MODEL(regnet_y_400mf);
ZOO_CHECK_MODEL(regnet_y_800mf);
ZOO_CHECK_MODEL(regnet_y_1_6gf);
ZOO_CHECK_MODEL(regnet_y_3_2gf);
ZOO_CHECK_MODEL(regnet_y_8gf);
ZOO_CHECK_MODEL(regnet_y_16gf);
ZOO_CHECK_MODEL(regnet_y_32gf);
ZOO_CHECK_MODEL(regnet_y_128gf);

ZOO_CHECK_AT(regnet_x_400mf_160x192, netshape::zoo::regnet_x_400mf_at<160, 192, 10>);
ZOO_CHECK_AT(regnet_x_800mf_160x192, netshape::zoo::regnet_x_800mf_at<160, 192, 10>);
ZOO_CHECK_AT(regnet_x_1_6gf_160x192, netshape::zoo::regnet_x_1_6gf_at<160, 192, 10>);
ZOO_CHECK_AT(regnet_x_3_2gf_160x192, netshape::zoo::regnet_x_3_2gf_at<160, 192, 10>);
ZOO_CHECK_AT(regnet_x_8gf_160x192, netshape::zoo::regnet_x_8gf_at<160, 192, 10>);
ZOO_CHECK_AT(regnet_x_16gf_160x192, netshape::zoo::regnet_x_16gf_at<160, 192, 10>);
ZOO_CHECK_AT(regnet_x_32gf_160x192, netshape::zoo::regnet_x_32gf_at<160, 192, 10>);
ZOO_CHECK_AT(regnet_y_400mf_160x192, netshape::zoo::regnet_y_400mf_at<160, 192, 10>);
ZOO_CHECK_AT(regnet_y_800mf_160x192, netshape::zoo::regnet_y_800mf_at<160, 192, 10>);
ZOO_CHECK_AT(regnet_y_1_6gf_160x192, netshape::zoo::regnet_y_1_6gf_at<160, 192, 10>);
ZOO_CHECK_AT(regnet_y_3_2gf_160x192, netshape::zoo::regnet_y_3_2gf_at<160, 192, 10>);
ZOO_CHECK_AT(regnet_y_8gf_160x192, netshape::zoo::regnet_y_8gf_at<160, 192, 10>);
ZOO_CHECK_AT(regnet_y_16gf_160x192, netshape::zoo::regnet_y_16gf_at<160, 192, 10>);
ZOO_CHECK_AT(regnet_y_32gf_160x192, netshape::zoo::regnet_y_32gf_at<160, 192, 10>);
ZOO_CHECK_AT(regnet_y_128gf_160x192, netshape::zoo::regnet_y_128gf_at<160, 192, 10>);

namespace ns = netshape;
namespace zoo = netshape::zoo;

// The block names torchvision's AnyStage gives: "block<stage>-<index>".
static_assert(std::string_view(zoo::detail::regnet_block_name<1, 0>.chars) == "block1-0");
static_assert(std::string_view(zoo::detail::regnet_block_name<3, 16>.chars) == "block3-16");

// RegNetX and RegNetY differ only by squeeze-excitation: a Y stage table without it is an X
// network, whose parameters are the Y model's less every SE block's two 1×1 convolutions
// (W_b → W_in/4 → W_b, with biases). regnet_y_400mf: 16 blocks.
constexpr ns::count_t se_params() {
    ns::count_t total = 0, in = 32;
    for (const zoo::regnet_stage& s : zoo::regnet_y_400mf_stages) {
        for (ns::count_t b = 0; b < s.depth; ++b, in = s.width) total += s.width * (in / 4) + in / 4 + (in / 4) * s.width + s.width;
    }
    return total;
}
static_assert(ns::params<zoo::regnet<zoo::regnet_y_400mf_stages, false>> == ns::params<zoo::regnet_y_400mf> - se_params());

TEST_CASE("zoo: regnet_y_400mf's layers are torchvision's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::regnet_y_400mf>(netshape_reference::regnet_y_400mf_layers);
}
