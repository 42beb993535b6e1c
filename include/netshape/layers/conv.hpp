// netshape/layers/conv.hpp: two-dimensional convolution, and its transpose.
#pragma once

#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>
#include <netshape/layers/window.hpp>

namespace netshape {

namespace detail {
/// A convolution's own rules (conv2d and conv_transpose2d), whatever its input: its window's, then
/// positive filters and groups, groups dividing the filters.
constexpr rule filter_rule(const spec& s) {
    if (const rule bad = window_rule(s); bad != rule::none) return bad;
    if (s.units <= 0) return rule::filters_not_positive;
    if (s.groups <= 0) return rule::groups_not_positive;
    if (s.units % s.groups != 0) return rule::groups_not_dividing_filters;
    return rule::none;
}

/// A convolution's counts, its own rules kept (filter_rule): weights k_h·k_w·(C/g)·F, biases F (0
/// with no_bias), MACs `positions`·weights, channels F. Every factor is below 2^31
/// (dimension_limit), so the products are exact in 128 bits.
constexpr rule filter(const spec& s, layer_record& r, wide positions) {
    const count_t channels = r.input_shape.channels;
    if (channels % s.groups != 0) return rule::groups_not_dividing_channels;
    const wide weights = wide(s.kernel.height) * s.kernel.width * (channels / s.groups) * s.units;
    const wide macs = positions * weights;
    if (weights > count_max || macs > count_max) return rule::count_overflow;
    r.output_shape.channels = s.units;
    r.weights = count_t(weights);
    r.biases = s.bias ? s.units : 0;
    r.macs = count_t(macs);
    return rule::none;
}
}  // namespace detail

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

    static constexpr auto check = &detail::filter_rule;

    static constexpr rule apply(const spec& s, layer_record& r) {
        if (const rule bad = detail::slide(s, r); bad != rule::none) return bad;
        return detail::filter(s, r, detail::wide(r.output_shape.height) * r.output_shape.width);
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

/// `output_padding<p>` or `output_padding<p_h, p_w>`: conv_transpose2d's rows and columns added at
/// the bottom and right of its output (PyTorch's output_padding), to pick one of the output sizes
/// a strided convolution maps to the same input size.
template <count_t H, count_t W = H>
struct output_padding {
    static constexpr hw value{H, W};
    static constexpr option_record record{option_tag::output_padding, value, 0};
};

namespace detail {
/// The input positions one output of a transposed convolution spans on an axis (away from the
/// edges, as every receptive field here). Output o receives input i when o = i·s − p + d·t for a
/// tap t in [0, k): the i for one o are the (o + p − d·t)/s that are whole, an arithmetic
/// progression of step d/g (g = gcd(s, d)) whose values i·s lie in a window of d·(k − 1). An o with
/// o + p a multiple of lcm(s, d) starts one at the window's top, so the widest spans
/// ⌊d·(k − 1)/lcm(s, d)⌋·(d/g) + 1 positions: ⌈k/s⌉ when d = 1.
constexpr count_t transposed_span(count_t k, count_t s, count_t d) {
    const count_t g = fraction::gcd(s, d);
    const wide lcm = wide(s / g) * d;
    return count_t(wide(d) * (k - 1) / lcm * (d / g)) + 1;
}

/// The transposed window's output size on one axis: (in − 1)·s − 2p + d·(k − 1) + op + 1.
constexpr wide transposed_size(count_t in, count_t k, count_t s, count_t p, count_t d, count_t op) {
    return wide(in - 1) * s - 2 * wide(p) + wide(d) * (k - 1) + op + 1;
}

/// The pack's output_padding<> (0 without one): parse() keeps only the options several kinds share.
template <class... Options>
constexpr hw output_padding_of() {
    hw value{0};
    for (const option_entry& e : {option_entry{}, option_of<Options>::entry...})
        if (e.option && e.record.tag == option_tag::output_padding) value = e.record.value;
    return value;
}
}  // namespace detail

/// conv_transpose2d's rule: PyTorch's ConvTranspose2d (the gradient of conv2d with respect to its
/// input). Per axis, with op the output padding:
///   output      = (in − 1)·stride − 2·pad + dilation·(k − 1) + op + 1
///   weights     = in_channels·(filters / groups)·k_h·k_w   (PyTorch's weight is (C, F/g, k_h, k_w))
///   biases      = filters (0 with no_bias)
///   MACs        = in_h·in_w·in_channels·(filters / groups)·k_h·k_w  (every input element, every tap)
///   receptive   r += (transposed_span − 1)·j, then j /= stride (exactly: a fraction)
/// op must be smaller than the stride or the dilation on each axis, as PyTorch requires.
template <>
struct kind_rule<kind::conv_transpose2d> {
    static constexpr const char* name = "conv_transpose2d";
    static constexpr unsigned options = bit(option_tag::stride) | bit(option_tag::pad) | bit(option_tag::dilation) |
                                        bit(option_tag::groups) | bit(option_tag::no_bias) |
                                        bit(option_tag::output_padding);
    static constexpr unsigned ranks = ranks::image;
    static constexpr storage stores = storage::new_tensor;

    /// A convolution's rules, then PyTorch's on output padding: not negative, and smaller than the
    /// stride or the dilation on each axis.
    static constexpr rule check(const spec& s) {
        if (const rule bad = detail::filter_rule(s); bad != rule::none) return bad;
        const hw op = s.output_padding, st = s.stride, d = s.dilation;
        if (op.height < 0 || op.width < 0) return rule::pad_negative;
        if ((op.height >= st.height && op.height >= d.height) || (op.width >= st.width && op.width >= d.width))
            return rule::output_padding_too_large;
        return rule::none;
    }

    static constexpr rule apply(const spec& s, layer_record& r) {
        const shape in = r.input_shape;
        const hw k = s.kernel, st = s.stride, p = s.pad, d = s.dilation, op = s.output_padding;
        const detail::wide out_h = detail::transposed_size(in.height, k.height, st.height, p.height, d.height, op.height);
        const detail::wide out_w = detail::transposed_size(in.width, k.width, st.width, p.width, d.width, op.width);
        if (out_h <= 0 || out_w <= 0) return rule::transposed_output_not_positive;
        if (out_h > detail::count_max || out_w > detail::count_max) return rule::count_overflow;
        r.output_shape.height = count_t(out_h);
        r.output_shape.width = count_t(out_w);
        const hw span{detail::transposed_span(k.height, st.height, d.height),
                      detail::transposed_span(k.width, st.width, d.width)};
        if (!detail::widen(r.receptive_field, span, fraction(1, st.height), fraction(1, st.width)))
            return rule::count_overflow;
        return detail::filter(s, r, detail::wide(in.height) * in.width);
    }

    /// "transposed conv 4×4/2, 64, pad 1", "..., output padding 1"
    static constexpr void describe(const layer_record& r, text& out) {
        out << "transposed conv ";
        detail::describe_window(r, out);
        out << ", " << r.units;
        detail::describe_padding(r, out);
        if (r.output_padding.height != 0 || r.output_padding.width != 0) {
            out << ", output padding ";
            detail::describe_extent(r.output_padding, out);
        }
        if (r.groups != 1) out << ", groups " << r.groups;
        if (!r.bias) out << ", no bias";
    }
};

/// `conv_transpose2d<Filters, Kernel, Options...>`: Filters output channels, a Kernel×Kernel (or
/// hw{h, w}) window. Options: stride<>, pad<>, output_padding<>, dilation<>, groups<>, no_bias.
/// Figures: kind_rule above.
template <count_t Filters, auto Kernel, class... Options>
struct conv_transpose2d {
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    using options_checked = decltype(detail::check_options<kind::conv_transpose2d, Options...>());

    static constexpr std::array<spec, 1> nodes =
        detail::leaf<kind::conv_transpose2d>({.units = Filters,
                                              .kernel = detail::window_arg<Kernel>(),
                                              .stride = opts.stride,
                                              .pad = opts.pad,
                                              .dilation = opts.dilation,
                                              .output_padding = detail::output_padding_of<Options...>(),
                                              .groups = opts.groups,
                                              .bias = !opts.has(option_tag::no_bias)});
};

}  // namespace netshape
