// netshape/layers/dense.hpp: fully connected layers and flattening.
#pragma once

#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>

namespace netshape {

namespace detail {
/// Reported from a function body reached through decltype, not at class scope: a static_assert
/// failing in the class makes clang mark the layer invalid and pile up follow-on errors (see
/// report_not_a_layer in nodes.hpp).
template <class... Options>
constexpr auto check_dense_options() {
    static_assert(options_of<Options...>.only(bit(option_tag::no_bias) | bit(option_tag::per_pixel)),
                  "netshape: dense takes only no_bias and per_pixel");
    static_assert(!options_of<Options...>.repeated, "netshape: an option is given twice");
    return true;
}
}  // namespace detail

/// `dense<N, Options...>`: a fully connected layer over the flattened input (H·W·C elements),
/// output 1×1×N. weights = H·W·C·N, biases = N (0 with no_bias), MACs = H·W·C·N. Its receptive
/// field is the whole input.
/// With `per_pixel` it maps the C channels at each position instead (nn.Linear on a channels-last
/// tensor): output H×W×N, weights C·N, MACs H·W·C·N, receptive field unchanged.
template <count_t N, class... Options>
struct dense {
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    using options_checked = decltype(detail::check_dense_options<Options...>());

    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::dense,
                                                                .units = N,
                                                                .bias = !opts.has(option_tag::no_bias),
                                                                .per_pixel = opts.has(option_tag::per_pixel)});
};

/// H×W×C to 1×1×(H·W·C). A view: it adds no activations. What follows sees the whole input.
struct flatten {
    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::flatten, .bias = false});
};

}  // namespace netshape
