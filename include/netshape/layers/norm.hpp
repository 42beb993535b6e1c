// netshape/layers/norm.hpp: normalisation and per-channel scaling.
#pragma once

#include <netshape/detail/nodes.hpp>

namespace netshape {

/// Batch normalisation over C channels: C weights (γ) and C biases (β), learnable, plus 2·C
/// buffers (running mean and variance; PyTorch's num_batches_tracked counter is not counted).
struct batch_norm {
    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::batch_norm});
};

/// Layer normalisation over the C channels of each position (ConvNeXt's LayerNorm2d, or
/// nn.LayerNorm(C) on channels-last): C weights and C biases.
struct layer_norm {
    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::layer_norm});
};

/// A learnable scale per channel (ConvNeXt's layer scale): C weights, no bias.
struct layer_scale {
    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::layer_scale, .bias = false});
};

/// Local response normalisation (AlexNet 2012): no parameters.
template <count_t Size = 5>
struct local_response_norm {
    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::lrn, .units = Size, .bias = false});
};
using lrn = local_response_norm<5>;

}  // namespace netshape
