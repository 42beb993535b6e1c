// netshape/layers/conv.hpp: convolution and its transpose, in one, two and three dimensions.
//
// One rule per family, parametrised by the ranks it takes: conv1d (a sequence L×C, the window on
// its length), conv2d (an image) and conv3d (a volume, the window's depth in spec::along_depth)
// share their arithmetic (window.hpp's slide, filter below), as do the three transposes.
#pragma once

#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>
#include <netshape/layers/window.hpp>

namespace netshape {

namespace detail {
/// A convolution's own rules (every convolution and transpose), whatever its input: its window's,
/// then positive filters and groups, groups dividing the filters.
constexpr rule filter_rule(const spec& s) {
    if (const rule bad = window_rule(s); bad != rule::none) return bad;
    if (s.units <= 0) return rule::filters_not_positive;
    if (s.groups <= 0) return rule::groups_not_positive;
    if (s.units % s.groups != 0) return rule::groups_not_dividing_filters;
    return rule::none;
}

/// A convolution's counts, its own rules kept (filter_rule): weights k_d·k_h·k_w·(C/g)·F (k_d = 1
/// but in 3-D), biases F (0 with no_bias), MACs `positions`·weights, channels F. Every factor is
/// below 2^31 (dimension_limit): the kernel's taps are checked first, so that each product has at
/// most three factors below 2^63 and stays exact in 128 bits.
constexpr rule filter(const spec& s, layer_record& r, wide positions) {
    const count_t channels = r.input_shape.channels;
    if (channels % s.groups != 0) return rule::groups_not_dividing_channels;
    const wide taps = wide(s.kernel.height) * s.kernel.width * s.along_depth.kernel;
    if (taps > count_max || positions > count_max) return rule::count_overflow;
    const wide weights = taps * (channels / s.groups) * s.units;
    if (weights > count_max || positions * weights > count_max) return rule::count_overflow;  // both below 2^63 first
    r.output_shape.channels = s.units;
    r.weights = count_t(weights);
    r.biases = s.bias ? s.units : 0;
    r.macs = count_t(positions * weights);
    return rule::none;
}

/// The positions of a shape (its elements per channel).
constexpr wide positions_of(const shape& s) { return wide(s.depth) * s.height * s.width; }

/// conv1d's, conv2d's and conv3d's rule, for the ranks each takes (names are the kinds' own).
/// With k_eff = dilation·(k − 1) + 1, per axis:
///   output      = floor((in + 2·pad − k_eff) / stride) + 1
///   weights     = (kernel elements)·(in_channels / groups)·filters
///   biases      = filters (0 with no_bias)
///   MACs        = (output positions)·filters·(in_channels / groups)·(kernel elements)
///   receptive   r += (k_eff − 1)·j, then j *= stride
template <unsigned Ranks>
struct convolution_rule {
    static constexpr unsigned options = bit(option_tag::stride) | bit(option_tag::pad) | bit(option_tag::dilation) |
                                        bit(option_tag::groups) | bit(option_tag::no_bias);
    static constexpr unsigned ranks = Ranks;
    static constexpr storage stores = storage::new_tensor;

    static constexpr auto check = &filter_rule;

    static constexpr auto apply = &slide<&filter>;  // the window, then the filter
    static constexpr detail::leaf_map map(const layer_record& r, int axis, const detail::span& o) {
        return detail::window_map_of(r, axis, o);
    }

    /// "conv 11×11/4, 96", "conv 3×3, 32, pad 1, depthwise, no bias", "conv 3×3×3, 64, pad 1", "conv 80/16, 32"
    static constexpr void describe(const layer_record& r, text& out) {
        out << "conv ";
        describe_window(r, out, window_axes(Ranks));
        out << ", " << r.units;
        describe_padding(r, out, window_axes(Ranks));
        if (r.groups == r.input_shape.channels && r.groups > 1) out << ", depthwise";
        else if (r.groups != 1) out << ", groups " << r.groups;
        if (!r.bias) out << ", no bias";
    }
};
}  // namespace detail

/// conv2d's rule: detail::convolution_rule on an image.
template <>
struct kind_rule<kind::conv2d> : detail::convolution_rule<ranks::image> {
    static constexpr const char* name = "conv2d";
    /// PyTorch's im2col buffer on the CPU: kernel area × input channels / groups × output positions.
    static constexpr detail::wide scratch(const spec& s, const shape& in, const shape& out) {
        return detail::wide(s.kernel.height) * s.kernel.width * (in.channels / s.groups) * out.height * out.width * out.depth;
    }
};

/// conv3d's rule: detail::convolution_rule on a volume (PyTorch's Conv3d), depth as a third axis.
template <>
struct kind_rule<kind::conv3d> : detail::convolution_rule<ranks::volume> {
    static constexpr const char* name = "conv3d";
    static constexpr spec_key spec_keys[] = {{"along_depth", key_form::depth_axis}};
};

/// conv1d's rule: detail::convolution_rule on a sequence (PyTorch's Conv1d), the window on its length.
template <>
struct kind_rule<kind::conv1d> : detail::convolution_rule<ranks::sequence> {
    static constexpr const char* name = "conv1d";
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

/// `conv3d<Filters, Kernel, Options...>`: Filters output channels over a volume D×H×W×C, a cubic
/// Kernel (an integer) or dhw{d, h, w}. Options: stride<>, pad<>, dilation<> (one value, or three:
/// depth, height, width), groups<>, no_bias. Figures: conv2d's, with depth a third axis.
template <count_t Filters, auto Kernel, class... Options>
struct conv3d {
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    using options_checked = decltype(detail::check_options<kind::conv3d, Options...>());
    static constexpr dhw kernel = detail::volume_arg<Kernel>();

    static constexpr std::array<spec, 1> nodes =
        detail::leaf<kind::conv3d>({.units = Filters,
                                    .kernel = hw{kernel.height, kernel.width},
                                    .stride = opts.stride,
                                    .pad = opts.pad,
                                    .dilation = opts.dilation,
                                    .along_depth = {kernel.depth, opts.stride_depth, opts.pad_depth, opts.dilation_depth, 0},
                                    .groups = opts.groups,
                                    .bias = !opts.has(option_tag::no_bias)});
};

/// `conv1d<Filters, Kernel, Options...>`: Filters output channels over a sequence L×C (a signal of
/// L samples), a Kernel-long window. Options: stride<>, pad<>, dilation<> (one value each),
/// groups<>, no_bias. Figures: conv2d's on one axis.
template <count_t Filters, count_t Kernel, class... Options>
struct conv1d {
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    using options_checked = decltype(detail::check_options<kind::conv1d, Options...>());

    static constexpr std::array<spec, 1> nodes =
        detail::leaf<kind::conv1d>({.units = Filters,
                                    .kernel = detail::along_length(Kernel),
                                    .stride = detail::along_length(opts.stride.width),
                                    .pad = detail::along_length(opts.pad.width, 0),
                                    .dilation = detail::along_length(opts.dilation.width),
                                    .groups = opts.groups,
                                    .bias = !opts.has(option_tag::no_bias)});
};

/// `output_padding<p>`, `output_padding<p_h, p_w>` or `output_padding<p_d, p_h, p_w>`: a transposed
/// convolution's positions added at the end of each axis of its output (PyTorch's output_padding),
/// to pick one of the output sizes a strided convolution maps to the same input size.
template <count_t First, count_t... More>
struct output_padding {
    static constexpr option_record record = extent_record<First, More...>(option_tag::output_padding);
    static constexpr hw value = record.value;
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

/// The pack's output_padding<> (0 without one): parse() keeps only the options several kinds
/// share. Its height and width; its depth in output_padding_depth_of.
template <class... Options>
constexpr option_record output_padding_record() {
    option_record value{option_tag::output_padding, hw{0}, 0, 0, 1};
    for (const option_entry& e : {option_entry{}, option_of<Options>::entry...})
        if (e.option && e.record.tag == option_tag::output_padding) value = e.record;
    return value;
}
template <class... Options>
constexpr hw output_padding_of() {
    return output_padding_record<Options...>().value;
}

/// The transposes' rule (conv_transpose1d, 2d, 3d, for the ranks each takes): PyTorch's
/// ConvTranspose (the gradient of a convolution with respect to its input). Per axis, with op the
/// output padding:
///   output      = (in − 1)·stride − 2·pad + dilation·(k − 1) + op + 1
///   weights     = in_channels·(filters / groups)·(kernel elements)  (PyTorch's weight is (C, F/g, k...))
///   biases      = filters (0 with no_bias)
///   MACs        = (input positions)·in_channels·(filters / groups)·(kernel elements)  (every input element, every tap)
///   receptive   r += (transposed_span − 1)·j, then j /= stride (exactly: a fraction)
/// op must be smaller than the stride or the dilation on each axis, as PyTorch requires.
template <unsigned Ranks>
struct transposed_rule {
    static constexpr unsigned options = bit(option_tag::stride) | bit(option_tag::pad) | bit(option_tag::dilation) |
                                        bit(option_tag::groups) | bit(option_tag::no_bias) |
                                        bit(option_tag::output_padding);
    static constexpr unsigned ranks = Ranks;
    static constexpr storage stores = storage::new_tensor;
    static constexpr detail::leaf_map map(const layer_record& r, int axis, const detail::span& o) {
        return detail::transposed_map_of(r, axis, o);
    }
    static constexpr bool goes_up = true;

    /// A convolution's rules, then PyTorch's on output padding: not negative, and smaller than the
    /// stride or the dilation on each axis.
    static constexpr rule check(const spec& s) {
        if (const rule bad = filter_rule(s); bad != rule::none) return bad;
        const hw op = s.output_padding, st = s.stride, d = s.dilation;
        const depth_axis& a = s.along_depth;
        if (op.height < 0 || op.width < 0 || a.output_padding < 0) return rule::pad_negative;
        if ((op.height >= st.height && op.height >= d.height) || (op.width >= st.width && op.width >= d.width) ||
            (a.output_padding >= a.stride && a.output_padding >= a.dilation))
            return rule::output_padding_too_large;
        return rule::none;
    }

    static constexpr rule apply(const spec& s, layer_record& r) {
        const shape in = r.input_shape;
        const hw k = s.kernel, st = s.stride, p = s.pad, d = s.dilation, op = s.output_padding;
        const wide out_h = transposed_size(in.height, k.height, st.height, p.height, d.height, op.height);
        const wide out_w = transposed_size(in.width, k.width, st.width, p.width, d.width, op.width);
        if (out_h <= 0 || out_w <= 0) return rule::transposed_output_not_positive;
        if (out_h > count_max || out_w > count_max) return rule::count_overflow;
        r.output_shape.height = count_t(out_h);
        r.output_shape.width = count_t(out_w);
        const hw span{transposed_span(k.height, st.height, d.height), transposed_span(k.width, st.width, d.width)};
        if (!widen(r.receptive_field, span, fraction(1, st.height), fraction(1, st.width))) return rule::count_overflow;
        if (in.rank == 4) {  // a volume's depth (conv_transpose3d)
            const depth_axis& a = s.along_depth;
            const wide out_d = transposed_size(in.depth, a.kernel, a.stride, a.pad, a.dilation, a.output_padding);
            if (out_d <= 0) return rule::transposed_output_not_positive;
            if (out_d > count_max) return rule::count_overflow;
            r.output_shape.depth = count_t(out_d);
            field& f = r.receptive_field;
            if (!widen_axis(f.depth, f.jump_depth, transposed_span(a.kernel, a.stride, a.dilation), fraction(1, a.stride)))
                return rule::count_overflow;
        }
        return filter(s, r, positions_of(in));
    }

    /// "transposed conv 4×4/2, 64, pad 1", "..., output padding 1"
    static constexpr void describe(const layer_record& r, text& out) {
        constexpr int axes = window_axes(Ranks);
        out << "transposed conv ";
        describe_window(r, out, axes);
        out << ", " << r.units;
        describe_padding(r, out, axes);
        if (r.output_padding.height != 0 || r.output_padding.width != 0 || r.along_depth.output_padding != 0) {
            out << ", output padding ";
            describe_extent(r.output_padding, out, axes, r.along_depth.output_padding);
        }
        if (r.groups != 1) out << ", groups " << r.groups;
        if (!r.bias) out << ", no bias";
    }
};
}  // namespace detail

/// conv_transpose2d's rule: detail::transposed_rule on an image.
template <>
struct kind_rule<kind::conv_transpose2d> : detail::transposed_rule<ranks::image> {
    static constexpr const char* name = "conv_transpose2d";
    static constexpr spec_key spec_keys[] = {{"output_padding", key_form::pair, spec_field::output_padding}};
};

/// conv_transpose3d's rule: detail::transposed_rule on a volume (PyTorch's ConvTranspose3d).
template <>
struct kind_rule<kind::conv_transpose3d> : detail::transposed_rule<ranks::volume> {
    static constexpr const char* name = "conv_transpose3d";
    static constexpr spec_key spec_keys[] = {{"output_padding", key_form::pair, spec_field::output_padding}, {"along_depth", key_form::depth_axis}};
};

/// conv_transpose1d's rule: detail::transposed_rule on a sequence (PyTorch's ConvTranspose1d).
template <>
struct kind_rule<kind::conv_transpose1d> : detail::transposed_rule<ranks::sequence> {
    static constexpr const char* name = "conv_transpose1d";
    static constexpr spec_key spec_keys[] = {{"output_padding", key_form::pair, spec_field::output_padding}};
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

/// `conv_transpose3d<Filters, Kernel, Options...>`: conv_transpose2d on a volume, Kernel an integer
/// or dhw{d, h, w}; stride<>, pad<>, output_padding<>, dilation<> one value or three (depth,
/// height, width); groups<>, no_bias.
template <count_t Filters, auto Kernel, class... Options>
struct conv_transpose3d {
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    using options_checked = decltype(detail::check_options<kind::conv_transpose3d, Options...>());
    static constexpr dhw kernel = detail::volume_arg<Kernel>();
    static constexpr option_record op = detail::output_padding_record<Options...>();

    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::conv_transpose3d>(
        {.units = Filters,
         .kernel = hw{kernel.height, kernel.width},
         .stride = opts.stride,
         .pad = opts.pad,
         .dilation = opts.dilation,
         .output_padding = op.value,
         .along_depth = {kernel.depth, opts.stride_depth, opts.pad_depth, opts.dilation_depth, op.depth},
         .groups = opts.groups,
         .bias = !opts.has(option_tag::no_bias)});
};

/// `conv_transpose1d<Filters, Kernel, Options...>`: conv_transpose2d on a sequence, a Kernel-long
/// window; stride<>, pad<>, output_padding<>, dilation<> one value each; groups<>, no_bias.
template <count_t Filters, count_t Kernel, class... Options>
struct conv_transpose1d {
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    using options_checked = decltype(detail::check_options<kind::conv_transpose1d, Options...>());

    static constexpr std::array<spec, 1> nodes =
        detail::leaf<kind::conv_transpose1d>({.units = Filters,
                                              .kernel = detail::along_length(Kernel),
                                              .stride = detail::along_length(opts.stride.width),
                                              .pad = detail::along_length(opts.pad.width, 0),
                                              .dilation = detail::along_length(opts.dilation.width),
                                              .output_padding = detail::along_length(detail::output_padding_of<Options...>().width, 0),
                                              .groups = opts.groups,
                                              .bias = !opts.has(option_tag::no_bias)});
};

}  // namespace netshape
