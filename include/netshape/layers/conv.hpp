// netshape/layers/conv.hpp: two-dimensional convolution.
#pragma once

#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>
#include <netshape/layers/window.hpp>

namespace netshape {

/// conv2d's rule. With k_eff = dilation·(k − 1) + 1, per axis:
///   output      = floor((in + 2·pad − k_eff) / stride) + 1
///   weights     = k_h·k_w·(in_channels / groups)·filters
///   biases      = filters (0 with no_bias)
///   MACs        = out_h·out_w·filters·(in_channels / groups)·k_h·k_w
///   receptive   r += (k_eff − 1)·j, then j *= stride
template <>
struct kind_rule<kind::conv2d> {
    static constexpr const char* name = "conv2d";
    static constexpr unsigned options = bit(option_tag::stride) | bit(option_tag::pad) | bit(option_tag::dilation) |
                                        bit(option_tag::groups) | bit(option_tag::no_bias);
    static constexpr unsigned ranks = ranks::image;
    static constexpr storage stores = storage::new_tensor;

    static constexpr rule check(const spec& s) {
        if (const rule bad = detail::window_rule(s); bad != rule::none) return bad;
        if (s.units <= 0) return rule::filters_not_positive;
        if (s.groups <= 0) return rule::groups_not_positive;
        if (s.units % s.groups != 0) return rule::groups_not_dividing_filters;
        return rule::none;
    }

    static constexpr rule apply(const spec& s, layer_record& r) {
        if (const rule bad = detail::slide(s, r); bad != rule::none) return bad;
        const count_t channels = r.input_shape.channels;
        if (channels % s.groups != 0) return rule::groups_not_dividing_channels;
        const detail::wide weights = detail::wide(s.kernel.height) * s.kernel.width * (channels / s.groups) * s.units;
        const detail::wide macs = detail::wide(r.output_shape.height) * r.output_shape.width * weights;
        if (weights > detail::count_max || macs > detail::count_max) return rule::count_overflow;
        r.output_shape.channels = s.units;
        r.weights = count_t(weights);
        r.biases = s.bias ? s.units : 0;
        r.macs = count_t(macs);
        return rule::none;
    }

    /// "conv 11×11/4, 96", "conv 3×3, 32, pad 1, depthwise, no bias"
    static constexpr void describe(const layer_record& r, text& out) {
        out << "conv ";
        detail::describe_window(r, out);
        out << ", " << r.units;
        detail::describe_padding(r, out);
        if (r.groups == r.input_shape.channels && r.groups > 1) out << ", depthwise";
        else if (r.groups != 1) out << ", groups " << r.groups;
        if (!r.bias) out << ", no bias";
    }
};

/// `conv2d<Filters, Kernel, Options...>`: Filters output channels, a Kernel×Kernel (or hw{h, w})
/// window. Options: stride<>, pad<>, dilation<>, groups<>, no_bias. Figures: kind_rule above.
template <count_t Filters, auto Kernel, class... Options>
struct conv2d {
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    using options_checked = decltype(detail::check_options<kind::conv2d, Options...>());

    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::conv2d>({.units = Filters,
                                                                              .kernel = detail::window_arg<Kernel>(),
                                                                              .stride = opts.stride,
                                                                              .pad = opts.pad,
                                                                              .dilation = opts.dilation,
                                                                              .groups = opts.groups,
                                                                              .bias = !opts.has(option_tag::no_bias)});
};

}  // namespace netshape
