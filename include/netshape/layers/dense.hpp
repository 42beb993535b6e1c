// netshape/layers/dense.hpp: fully connected layers and flattening.
#pragma once

#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>

namespace netshape {

/// `dense<N, Options...>`: a fully connected layer over the flattened input (H·W·C elements),
/// output 1×1×N. weights = H·W·C·N, biases = N (0 with no_bias), MACs = H·W·C·N. Its receptive
/// field is the whole input.
/// With `per_pixel` it maps the C channels at each position instead (nn.Linear on a channels-last
/// tensor): output H×W×N, weights C·N, MACs H·W·C·N, receptive field unchanged.
template <count_t N, class... Options>
struct dense {
    using opts = detail::options<Options...>;
    static_assert(opts::template only<detail::no_bias_tag, detail::per_pixel_tag>,
                  "netshape: dense takes only no_bias and per_pixel");
    static_assert(detail::options_unique<Options...>, "netshape: an option is given twice");

    static constexpr auto nodes = detail::leaf(kind::dense, [](spec& s) {
        s.units = N;
        s.bias = !opts::template get<detail::no_bias_tag>(false);
        s.per_pixel = opts::template get<detail::per_pixel_tag>(false);
    });
};

/// H×W×C to 1×1×(H·W·C). A view: it adds no activations. What follows sees the whole input.
struct flatten {
    static constexpr auto nodes = detail::leaf(kind::flatten, [](spec& s) { s.bias = false; });
};

}  // namespace netshape
