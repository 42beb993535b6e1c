// netshape/layers/norm.hpp: normalisation and per-channel scaling.
#pragma once

#include <netshape/detail/nodes.hpp>

namespace netshape {

/// batch_norm's rule: over C channels, C weights (γ) and C biases (β), learnable, plus 2·C buffers
/// (running mean and variance; PyTorch's num_batches_tracked counter is not counted). Any rank.
template <>
struct kind_rule<kind::batch_norm> {
    static constexpr const char* name = "batch_norm";
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::any;
    static constexpr storage stores = storage::new_tensor;
    static constexpr per_channel counts{1, 1, 2};
    static constexpr void describe(const layer_record&, text& out) { out << "batch norm"; }
};

/// layer_norm's rule: over the C channels of each position (ConvNeXt's LayerNorm2d, or
/// nn.LayerNorm(C) on channels-last): C weights and C biases.
template <>
struct kind_rule<kind::layer_norm> {
    static constexpr const char* name = "layer_norm";
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::any;
    static constexpr storage stores = storage::new_tensor;
    static constexpr per_channel counts{1, 1, 0};
    static constexpr void describe(const layer_record&, text& out) { out << "layer norm"; }
};

/// layer_scale's rule: a learnable scale per channel (ConvNeXt's layer scale): C weights, no bias.
template <>
struct kind_rule<kind::layer_scale> {
    static constexpr const char* name = "layer_scale";
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::any;
    static constexpr storage stores = storage::new_tensor;
    static constexpr per_channel counts{1, 0, 0};
    static constexpr void describe(const layer_record&, text& out) { out << "layer scale"; }
};

/// lrn's rule: local response normalisation across `size` neighbouring channels (AlexNet 2012).
/// No parameters; PyTorch requires size >= 1 and an input of rank 3 or more (a sequence or more).
template <>
struct kind_rule<kind::lrn> {
    static constexpr const char* name = "lrn";
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::sequence | ranks::image | ranks::volume;
    static constexpr storage stores = storage::new_tensor;
    static constexpr rule apply(const spec& s, layer_record&) {
        return s.units < 1 ? rule::size_not_positive : rule::none;
    }
    static constexpr void describe(const layer_record& r, text& out) { out << "local response norm " << r.units; }
};

/// frozen_batch_norm's rule: torchvision's FrozenBatchNorm2d (its detection backbones): batch norm
/// with γ, β, running mean and variance all fixed buffers: no parameters, 4·C buffers.
template <>
struct kind_rule<kind::frozen_batch_norm> {
    static constexpr const char* name = "frozen_batch_norm";
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::any;
    static constexpr storage stores = storage::new_tensor;
    static constexpr per_channel counts{0, 0, 4};
    static constexpr void describe(const layer_record&, text& out) { out << "frozen batch norm"; }
};

/// `batch_norm`: see its rule above.
struct batch_norm {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::batch_norm>({});
};

/// `frozen_batch_norm`: see its rule above.
struct frozen_batch_norm {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::frozen_batch_norm>({.bias = false});
};

/// `layer_norm`: see its rule above.
struct layer_norm {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::layer_norm>({});
};

/// `layer_scale`: see its rule above.
struct layer_scale {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::layer_scale>({.bias = false});
};

/// `local_response_norm<Size = 5>`: see lrn's rule above.
template <count_t Size = 5>
struct local_response_norm {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::lrn>({.units = Size, .bias = false});
};
using lrn = local_response_norm<5>;

}  // namespace netshape
