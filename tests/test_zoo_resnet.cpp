// The zoo's ResNets, ResNeXt and Wide ResNet equal torchvision's in input, parameters, buffers,
// output shape and MACs; resnet50's every layer has torchvision's module name and output shape.
#include <string>
#include <vector>

#include <netshape/zoo/resnet.hpp>

#include "data/zoo_checks.hpp"

ZOO_CHECK_MODEL(resnet18);
ZOO_CHECK_MODEL(resnet34);
ZOO_CHECK_MODEL(resnet50);
ZOO_CHECK_MODEL(resnet101);
ZOO_CHECK_MODEL(resnet152);
ZOO_CHECK_MODEL(resnext50_32x4d);
ZOO_CHECK_MODEL(wide_resnet50_2);

namespace ns = netshape;
namespace zoo = netshape::zoo;
namespace ref = netshape_reference;

// Another class count in one line: only fc changes (2048·ΔN weights, ΔN biases).
using resnet50_10 = zoo::resnet<zoo::bottleneck<>, zoo::blocks<3, 4, 6, 3>, 224, 224, 10>;
static_assert(ns::params<resnet50_10> == ref::resnet50.params - 2048 * 990 - 990);
// A 448×448 input has four times the positions everywhere before the global pool: 4× the conv MACs.
using resnet50_448 = zoo::resnet<zoo::bottleneck<>, zoo::blocks<3, 4, 6, 3>, 448, 448>;
static_assert(ns::macs<resnet50_448> == 4 * (ref::resnet50.macs - 2048 * 1000) + 2048 * 1000);

TEST_CASE("zoo: resnet50's layers are torchvision's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::resnet50>(ref::resnet50_layers);
}

TEST_CASE("zoo: resnet50 reads as stages and blocks") {
    // The top level: conv1, bn1, relu, maxpool, layer1..layer4, avgpool, flatten, fc; the stages
    // carry torchvision's names, and their blocks their indices.
    const auto& all = ns::nodes<zoo::resnet50>;
    std::size_t top = 0;
    std::vector<std::string> stages, blocks_of_layer3;
    for (const auto& n : all) {
        if (n.kind == ns::kind::block_end || n.kind == ns::kind::merge_end) continue;
        if (n.depth == 0) {
            ++top;
            if (n.kind == ns::kind::block_begin && n.name[0] != '\0') stages.emplace_back(n.name);
        }
    }
    const auto paths = ns::format::qualified_names(all.data(), all.size());
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].kind == ns::kind::block_begin && all[i].depth == 1 && paths[i].starts_with("layer3."))
            blocks_of_layer3.push_back(paths[i]);
    CHECK(top == 11);
    CHECK(stages == std::vector<std::string>{"layer1", "layer2", "layer3", "layer4"});
    CHECK(blocks_of_layer3 ==
          std::vector<std::string>{"layer3.0", "layer3.1", "layer3.2", "layer3.3", "layer3.4", "layer3.5"});
}
