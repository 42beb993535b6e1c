// netshape/layers/norm.hpp: normalisation (batch, group, instance, layer, local response) and
// per-channel scaling.
#pragma once

#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>

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
    static constexpr positions_are positions = positions_are::kept;
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

/// group_norm's rule: PyTorch's nn.GroupNorm(G, C): statistics over G groups of C/G channels at
/// every position, then a learnable scale and shift per channel: C weights, C biases, no buffers.
/// Any rank, as PyTorch's (N, C, *); G must divide C.
template <>
struct kind_rule<kind::group_norm> {
    static constexpr const char* name = "group_norm";
    static constexpr positions_are positions = positions_are::kept;
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::any;
    static constexpr storage stores = storage::new_tensor;
    static constexpr rule apply(const spec& s, layer_record& r) {
        if (s.groups <= 0) return rule::groups_not_positive;
        if (r.input_shape.channels % s.groups != 0) return rule::groups_not_dividing_channels;
        r.weights = r.biases = r.input_shape.channels;
        return rule::none;
    }
    static constexpr void describe(const layer_record& r, text& out) { out << "group norm, " << r.groups << " groups"; }
};

/// instance_norm's options: a learnable scale and shift per channel (PyTorch's affine=True) ...
struct affine {
    static constexpr option_record record{option_tag::affine, hw{}, 1};
};
/// ... and running mean and variance kept as buffers (track_running_stats=True).
struct track_running_stats {
    static constexpr option_record record{option_tag::track_running_stats, hw{}, 1};
};

namespace detail {
/// spec::mode of instance_norm: bit 0 affine, bit 1 track_running_stats.
inline constexpr unsigned char affine_bit = 1, running_stats_bit = 2;
}  // namespace detail

/// instance_norm's rule: PyTorch's nn.InstanceNorm1d/2d/3d(C) (a sequence, an image, a volume):
/// statistics per channel over the positions of one example. PyTorch's defaults: no parameters and
/// no buffers; with affine C weights and C biases, with track_running_stats 2·C buffers (running
/// mean and variance; num_batches_tracked is not counted, as batch norm's).
template <>
struct kind_rule<kind::instance_norm> {
    static constexpr const char* name = "instance_norm";
    static constexpr positions_are positions = positions_are::kept;
    static constexpr unsigned options = bit(option_tag::affine) | bit(option_tag::track_running_stats);
    static constexpr unsigned ranks = ranks::sequence | ranks::image | ranks::volume;
    static constexpr spec_key spec_keys[] = {{"affine", key_form::flag, spec_field::mode, detail::affine_bit},
                                             {"track_running_stats", key_form::flag, spec_field::mode, detail::running_stats_bit}};
    static constexpr storage stores = storage::new_tensor;
    static constexpr rule apply(const spec& s, layer_record& r) {
        const count_t c = r.input_shape.channels;
        r.weights = r.biases = (s.mode & detail::affine_bit) != 0 ? c : 0;
        r.buffers = (s.mode & detail::running_stats_bit) != 0 ? 2 * c : 0;
        return rule::none;
    }
    /// "instance norm", "instance norm, affine, running stats"
    static constexpr void describe(const layer_record& r, text& out) {
        out << "instance norm";
        if ((r.mode & detail::affine_bit) != 0) out << ", affine";
        if ((r.mode & detail::running_stats_bit) != 0) out << ", running stats";
    }
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

/// `group_norm<Groups>`: see its rule above.
template <count_t Groups>
struct group_norm {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::group_norm>({.groups = Groups});
};

/// `instance_norm<Options...>`: options affine, track_running_stats; see its rule above.
template <class... Options>
struct instance_norm {
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    using options_checked = decltype(detail::check_options<kind::instance_norm, Options...>());
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::instance_norm>(
        {.bias = false,
         .mode = static_cast<unsigned char>((opts.has(option_tag::affine) ? detail::affine_bit : 0) |
                                            (opts.has(option_tag::track_running_stats) ? detail::running_stats_bit : 0))});
};

/// `local_response_norm<Size = 5>`: see lrn's rule above.
template <count_t Size = 5>
struct local_response_norm {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::lrn>({.units = Size, .bias = false});
};
using lrn = local_response_norm<5>;

}  // namespace netshape
