// tests/data/zoo_checks.hpp: comparing a zoo model with torchvision_reference.hpp (used by the
// tests/test_zoo_*.cpp files).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <netshape/netshape.hpp>

#include "torchvision_reference.hpp"

namespace zoo_checks {

namespace ns = netshape;
namespace ref = netshape_reference;

/// A reference's height × width × channels (torchvision_reference.hpp's hwc, or another script's).
template <class Hwc>
constexpr ns::shape as_shape(const Hwc& s) { return ns::shape{s.height, s.width, s.channels}; }

/// A video model's clip: depth, height, width, channels; depth 0 marks a video_layer's output of
/// another rank, given as height, width, channels.
constexpr ns::shape as_shape(const ref::clip& s) {
    return s.depth == 0 ? ns::shape{s.height, s.width, s.channels} : ns::shape::volume(s.depth, s.height, s.width, s.channels);
}

/// The four figures the issue names, plus the input, each compared with PyTorch's measurement
/// (Model: ref::model, or ref::video_model).
template <class Net, class Model>
constexpr bool same_input(const Model& m) { return ns::input_shape<Net> == as_shape(m.input); }
template <class Net, class Model>
constexpr bool same_params(const Model& m) { return ns::params<Net> == m.params; }
template <class Net, class Model>
constexpr bool same_buffers(const Model& m) { return ns::buffers<Net> == m.buffers; }
template <class Net, class Model>
constexpr bool same_output(const Model& m) { return ns::output_shape<Net> == as_shape(m.output); }
template <class Net, class Model>
constexpr bool same_macs(const Model& m) { return ns::macs<Net> == m.macs; }

/// Every output's shape (output_shapes<Net>: side outputs in order, the main one last) against
/// torchvision's (its auxiliary heads called on the tensors its forward gives them).
template <class Net, std::size_t N>
constexpr bool same_outputs(const ref::hwc (&expected)[N]) {
    if (ns::output_shapes<Net>.size() != N) return false;
    for (std::size_t i = 0; i < N; ++i)
        if (!(ns::output_shapes<Net>[i] == as_shape(expected[i]))) return false;
    return true;
}

/// The totals pass (params<Net> and the other totals, which takes short paths for element-wise
/// nodes, batch norm and sequential markers) and the records pass (layers<Net>, nodes<Net>, every
/// node through the general path) agree on every whole-network figure.
template <class Net>
constexpr bool passes_agree() {
    const ns::layer_record& a = ns::detail::analysis<Net>::value.total;  // the totals pass (totals<Net> may hold the walked field)
    const ns::layer_record& b = ns::detail::analysis<Net>::full.total;
    return a.input_shape == b.input_shape && a.output_shape == b.output_shape && a.weights == b.weights && a.biases == b.biases &&
           a.params == b.params && a.buffers == b.buffers && a.macs == b.macs && a.activations == b.activations &&
           a.peak_activations == b.peak_activations && a.receptive_field == b.receptive_field;
}

/// The named leaf layers of Net, in order: what torchvision's hooks on leaf modules see. Unnamed
/// leaves are netshape's spelling of functional calls (torch.flatten, F.relu) that no hook sees.
template <class Net>
struct named_layers {
    static constexpr std::size_t count = [] {
        std::size_t n = 0;
        for (const auto& r : ns::layers<Net>) n += r.name[0] != '\0' ? 1 : 0;
        return n;
    }();
};

}  // namespace zoo_checks

/// Asserts at compile time that the network (the type given after R, such as
/// netshape::zoo::regnet_x_400mf_at<160, 192, 10>) equals torchvision's model measured as
/// netshape_reference::R in input, parameters, buffers, output shape and MACs, and that netshape's
/// two passes over it agree.
#define ZOO_CHECK_AT(R, ...)                                                                           \
    static_assert(zoo_checks::same_input<__VA_ARGS__>(netshape_reference::R), #R ": input");           \
    static_assert(zoo_checks::same_params<__VA_ARGS__>(netshape_reference::R), #R ": params");         \
    static_assert(zoo_checks::same_buffers<__VA_ARGS__>(netshape_reference::R), #R ": buffers");       \
    static_assert(zoo_checks::same_output<__VA_ARGS__>(netshape_reference::R), #R ": output");         \
    static_assert(zoo_checks::same_macs<__VA_ARGS__>(netshape_reference::R), #R ": MACs");             \
    static_assert(zoo_checks::passes_agree<__VA_ARGS__>(), #R ": totals and records agree")

/// ZOO_CHECK_AT for zoo model M at its default size: netshape::zoo::M against netshape_reference::M.
#define ZOO_CHECK_MODEL(M) ZOO_CHECK_AT(M, netshape::zoo::M)

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include <netshape/format/describe.hpp>

namespace zoo_checks {

/// Net's named leaf layers, in order, against torchvision's leaf-module calls: same count, and each
/// the same module name and output shape. Unnamed leaves are netshape's spelling of functional
/// calls (torch.flatten, F.relu, x.mean) that no hook sees, and are skipped. Layer: any reference
/// row with `name` and `output` (ref::layer, or another script's).
template <class Net, class Layer, std::size_t N>
void check_layers(const Layer (&expected)[N]) {
    const auto& all = ns::nodes<Net>;
    const auto paths = ns::format::qualified_names(all.data(), all.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& r = all[i];
        if (ns::is_structure(r.kind) || r.name[0] == '\0') continue;
        if (k < N) {
            INFO("layer ", k, ": netshape ", paths[i], " ", r.output_shape.height, "x", r.output_shape.width, "x", r.output_shape.channels,
                 ", torchvision ", std::string(expected[k].name), " ", expected[k].output.height, "x", expected[k].output.width, "x",
                 expected[k].output.channels);
            CHECK(paths[i] == std::string_view(expected[k].name));
            CHECK(r.output_shape == as_shape(expected[k].output));
        }
        ++k;
    }
    CHECK(k == N);

    // The printer numbers an unnamed child by its position in its scope, as nn.Sequential numbers
    // it (format::local_names). torchvision's numbered leaves (features.0.0, downsample.1), spelled
    // here with at<N> and checked above against its hooks, must be what that numbering gives them:
    // with those names taken away, every leaf keeps its path (models with such leaves: resnet50's
    // downsample.0 and .1, mobilenet_v2's features.k.0 ...; densenet121 has none).
    std::vector<ns::layer_record> unnamed(all.begin(), all.end());
    for (ns::layer_record& r : unnamed) {
        const std::string_view name(r.name);
        const bool number = !name.empty() && name.find_first_not_of("0123456789") == std::string_view::npos;
        if (ns::is_structure(r.kind) || !number) continue;
        r.name = "";
    }
    const auto renumbered = ns::format::qualified_names(unnamed.data(), unnamed.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (ns::is_structure(all[i].kind) || all[i].name[0] == '\0') continue;
        INFO("leaf ", i, ": torchvision ", paths[i], ", numbered ", renumbered[i]);
        CHECK(renumbered[i] == paths[i]);
    }
}

}  // namespace zoo_checks
