// tests/data/vit_checks.hpp: comparing a zoo model with a model of vit_reference.hpp whose output is
// a 1×1×classes image (Swin's and MaxViT's heads: a dense layer after pooling and flattening).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <netshape/format/describe.hpp>
#include <netshape/netshape.hpp>

#include "vit_reference.hpp"
#include "zoo_checks.hpp"

namespace vit_checks {

/// Net equals torchvision's model in input, parameters, buffers, output (its classes) and MACs, and
/// its totals agree with its records.
template <class Net>
constexpr bool same(const vit_reference::model& m) {
    namespace ns = netshape;
    return ns::input_shape<Net> == ns::shape{m.height, m.width, m.channels} && ns::params<Net> == m.params &&
           ns::buffers<Net> == m.buffers && ns::output_shape<Net> == ns::shape{1, 1, m.outputs} &&
           ns::macs<Net> == m.macs && zoo_checks::passes_agree<Net>();
}

/// Every case of a reference table agrees (agrees(case) holds for each).
template <class Case, std::size_t N, class Agrees>
constexpr bool all_agree(const Case (&cases)[N], Agrees agrees) {
    for (const Case& c : cases)
        if (!agrees(c)) return false;
    return true;
}

/// Every named leaf's parameters and buffers are the sums of torchvision's tensors under its path
/// (its qualified name and a dot: "features.1.0.attn" holds "features.1.0.attn.qkv.weight" and
/// "features.1.0.attn.relative_position_index"), and every tensor is under exactly one leaf. Returns
/// the first disagreement in words, or "" (run time: hundreds of leaves times hundreds of names).
template <class Net, std::size_t N>
std::string paths_disagree(const vit_reference::tensor (&tensors)[N]) {
    namespace ns = netshape;
    const auto& all = ns::nodes<Net>;
    const std::vector<std::string> names = ns::format::qualified_names(all.data(), all.size());
    std::vector<int> claims(N, 0);
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (ns::is_structure(all[i].kind) || names[i].empty()) continue;
        const std::string prefix = names[i] + ".";
        ns::count_t params = 0, buffers = 0;
        for (std::size_t j = 0; j < N; ++j) {
            if (std::string(tensors[j].name).rfind(prefix, 0) != 0) continue;
            ++claims[j];
            (tensors[j].parameter ? params : buffers) += tensors[j].elements;
        }
        if (params != all[i].params || buffers != all[i].buffers)
            return names[i] + ": torchvision's parameters " + std::to_string(params) + ", buffers " +
                   std::to_string(buffers) + "; netshape's " + std::to_string(all[i].params) + ", " +
                   std::to_string(all[i].buffers);
    }
    for (std::size_t j = 0; j < N; ++j)
        if (claims[j] != 1) return std::string(tensors[j].name) + " is under " + std::to_string(claims[j]) + " layers";
    return "";
}

}  // namespace vit_checks
