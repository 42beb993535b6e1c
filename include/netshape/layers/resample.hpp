// netshape/layers/resample.hpp: changing the spatial size without weights: upsampling and resizing
// by interpolation (PyTorch's nn.Upsample and F.interpolate), and moving pixels between space and
// channels (nn.PixelShuffle, nn.PixelUnshuffle).
#pragma once

#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>
#include <netshape/layers/window.hpp>

namespace netshape {

/// How upsample and resize compute an output position from the input around it: PyTorch's `mode=`
/// ("nearest", "bilinear"). A value, not an option type: the choice is one of several exclusive
/// ones, made in the place PyTorch's argument has, and a misspelling does not compile.
enum class interpolation : unsigned char { nearest, bilinear };

/// Bilinear interpolation with the corner positions of input and output aligned (PyTorch's
/// align_corners=True); an option of interpolation::bilinear only.
struct align_corners {
    static constexpr option_record record{option_tag::align_corners, hw{}, 1};
};

namespace detail {
/// spec::mode of upsample and resize: bit 0 bilinear, bit 1 align_corners.
inline constexpr unsigned char bilinear_bit = 1, align_corners_bit = 2;

template <interpolation Mode, class... Options>
inline constexpr unsigned char mode_of = static_cast<unsigned char>(
    (Mode == interpolation::bilinear ? bilinear_bit : 0) |
    (options_of<Options...>.has(option_tag::align_corners) ? align_corners_bit : 0));

/// The options of an interpolating kind K: those its rule takes, and align_corners only with
/// bilinear (PyTorch raises "align_corners option can only be set with the interpolating modes").
template <kind K, interpolation Mode, class... Options>
constexpr auto check_interpolation() {  // auto: decltype of the call instantiates the body
    constexpr parsed_options opts = options_of<Options...>;
    if constexpr (!opts.only(kind_rule<K>::options) || opts.repeated) {
        return check_options<K, Options...>();
    } else {
        constexpr bool align_corners_only_bilinear = Mode == interpolation::bilinear || !opts.has(option_tag::align_corners);
        static_assert(align_corners_only_bilinear, "netshape: align_corners is an option of bilinear interpolation only");
        return std::bool_constant<align_corners_only_bilinear>{};
    }
}

/// One axis of interpolation from `in` to `out` positions: how many input positions one output
/// reads from first to last (away from the edges), and the step of PyTorch's coordinate map
/// (source = step·output + offset), by which the jump is multiplied.
struct resampled {
    count_t span;
    fraction step;
};

/// PyTorch's maps: nearest reads ⌊o·in/out⌋, one position. Bilinear reads ⌊src⌋ and ⌊src⌋ + 1,
/// src = (o + ½)·in/out − ½ (align_corners: src = o·(in − 1)/(out − 1), and 0 with one output);
/// the second has weight 0 where src is whole, and src is whole for every o exactly when out divides
/// in with an odd quotient (align_corners: when out − 1 divides in − 1).
constexpr resampled interpolate_axis(count_t in, count_t out, unsigned char mode) {
    if ((mode & align_corners_bit) != 0) {
        if (out == 1) return {1, fraction(0)};
        return {(in - 1) % (out - 1) == 0 ? 1 : 2, fraction(in - 1, out - 1)};
    }
    const bool one = (mode & bilinear_bit) == 0 || (in % out == 0 && (in / out) % 2 == 1);
    return {one ? 1 : 2, fraction(in, out)};
}

/// Interpolation of r's input to out_h×out_w (channels kept): the receptive field grows by
/// (span − 1) jumps, then the jump is multiplied by the step, exactly.
constexpr rule interpolate(const spec& s, layer_record& r, wide out_h, wide out_w) {
    if (out_h >= dimension_limit || out_w >= dimension_limit) return rule::count_overflow;
    r.output_shape.height = count_t(out_h);
    r.output_shape.width = count_t(out_w);
    const resampled h = interpolate_axis(r.input_shape.height, r.output_shape.height, s.mode);
    const resampled w = interpolate_axis(r.input_shape.width, r.output_shape.width, s.mode);
    return widen(r.receptive_field, hw{h.span, w.span}, h.step, w.step) ? rule::none : rule::count_overflow;
}

/// What the rules of this header share: images in, a new tensor out, no options (pixel (un)shuffle)...
struct image_copy {
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::image;
    static constexpr storage stores = storage::new_tensor;
};
/// ... or align_corners (upsample, resize).
struct interpolating : image_copy {
    static constexpr unsigned options = bit(option_tag::align_corners);
    static constexpr spec_key spec_keys[] = {{"interpolation", key_form::choice, spec_field::mode, bilinear_bit, "bilinear", "nearest"},
                                             {"align_corners", key_form::flag, spec_field::mode, align_corners_bit}};
    /// PyTorch's interpolation from the input's extent to the output's (index_map.hpp).
    static constexpr leaf_map map(const layer_record& r, int axis, const span& o) {
        return interpolation_map(o, along(r.input_shape, axis), along(r.output_shape, axis), r.mode);
    }
    static constexpr bool goes_up = true;
};

/// ", nearest", ", bilinear", ", bilinear, align corners"
constexpr void describe_interpolation(const layer_record& r, text& out) {
    out << ((r.mode & bilinear_bit) != 0 ? ", bilinear" : ", nearest");
    if ((r.mode & align_corners_bit) != 0) out << ", align corners";
}
}  // namespace detail

/// upsample's rule: PyTorch's nn.Upsample(scale_factor=(s_h, s_w), mode, align_corners). Output
/// H·s_h × W·s_w × C; no parameters, buffers or MACs. Receptive field: detail::interpolate (nearest:
/// r unchanged, j /= s; bilinear: r += j unless every output falls on an input, then j /= s).
template <>
struct kind_rule<kind::upsample> : detail::interpolating {
    static constexpr const char* name = "upsample";

    static constexpr rule check(const spec& s) {
        return s.stride.height <= 0 || s.stride.width <= 0 ? rule::scale_not_positive : rule::none;
    }

    static constexpr rule apply(const spec& s, layer_record& r) {
        return detail::interpolate(s, r, detail::wide(r.input_shape.height) * s.stride.height,
                                   detail::wide(r.input_shape.width) * s.stride.width);
    }

    /// "upsample ×2, nearest", "upsample ×1×2, bilinear, align corners"
    static constexpr void describe(const layer_record& r, text& out) {
        out << "upsample ×";
        detail::describe_extent(r.stride, out);
        detail::describe_interpolation(r, out);
    }
};

/// resize's rule: PyTorch's F.interpolate(size=(H', W'), mode, align_corners): output H'×W'×C;
/// no parameters, buffers or MACs; receptive field as upsample's, with the step in/out per axis.
template <>
struct kind_rule<kind::resize> : detail::interpolating {
    static constexpr const char* name = "resize";

    static constexpr rule check(const spec& s) {
        return s.kernel.height <= 0 || s.kernel.width <= 0 ? rule::resize_not_positive : rule::none;
    }

    static constexpr rule apply(const spec& s, layer_record& r) {
        return detail::interpolate(s, r, s.kernel.height, s.kernel.width);
    }

    /// "resize to 7×7, bilinear"
    static constexpr void describe(const layer_record& r, text& out) {
        out << "resize to " << r.kernel;
        detail::describe_interpolation(r, out);
    }
};

/// `upsample<Scale, Mode = interpolation::nearest, Options...>`: Scale an integer or hw{s_h, s_w};
/// the option align_corners with interpolation::bilinear. Figures: kind_rule above.
template <auto Scale, interpolation Mode = interpolation::nearest, class... Options>
struct upsample {
    using options_checked = decltype(detail::check_interpolation<kind::upsample, Mode, Options...>());
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::upsample>(
        {.stride = detail::window_arg<Scale>(), .bias = false, .mode = detail::mode_of<Mode, Options...>});
};

/// `resize<H, W, Mode = interpolation::nearest, Options...>`: to H×W, whatever the input's size;
/// the option align_corners with interpolation::bilinear. Figures: kind_rule above.
template <count_t H, count_t W, interpolation Mode = interpolation::nearest, class... Options>
struct resize {
    using options_checked = decltype(detail::check_interpolation<kind::resize, Mode, Options...>());
    static constexpr std::array<spec, 1> nodes =
        detail::leaf<kind::resize>({.kernel = hw{H, W}, .bias = false, .mode = detail::mode_of<Mode, Options...>});
};

/// pixel_shuffle's rule: PyTorch's nn.PixelShuffle(R): H×W×C to H·R × W·R × C/R², each output
/// position one element of one input position (r unchanged, j /= R). No parameters, no MACs; a copy.
template <>
struct kind_rule<kind::pixel_shuffle> : detail::image_copy {
    static constexpr const char* name = "pixel_shuffle";

    static constexpr rule check(const spec& s) { return s.units <= 0 ? rule::scale_not_positive : rule::none; }

    static constexpr rule apply(const spec& s, layer_record& r) {
        const count_t f = s.units;  // positive and below 2^31 (checked before), so f·f fits
        if (r.input_shape.channels % (f * f) != 0) return rule::pixel_shuffle_channels_not_divisible;
        r.output_shape.channels = r.input_shape.channels / (f * f);
        return detail::interpolate(s, r, detail::wide(r.input_shape.height) * f, detail::wide(r.input_shape.width) * f);
    }

    /// Output o reads input ⌊o / R⌋.
    static constexpr detail::leaf_map map(const layer_record& r, int, const detail::span& o) {
        return {detail::ratio{1, r.units}, detail::span{detail::floor_div(o.lo, r.units), detail::floor_div(o.hi, r.units), false}};
    }
    static constexpr bool goes_up = true;

    /// "pixel shuffle ×2"
    static constexpr void describe(const layer_record& r, text& out) { out << "pixel shuffle ×" << r.units; }
};

/// pixel_unshuffle's rule: PyTorch's nn.PixelUnshuffle(R): H×W×C to H/R × W/R × C·R², each output
/// position an R×R block of input positions (as a window of R, stride R: r += (R − 1)·j, j *= R).
template <>
struct kind_rule<kind::pixel_unshuffle> : detail::image_copy {
    static constexpr const char* name = "pixel_unshuffle";

    static constexpr rule check(const spec& s) { return s.units <= 0 ? rule::scale_not_positive : rule::none; }

    static constexpr rule apply(const spec& s, layer_record& r) {
        const count_t f = s.units;
        if (r.input_shape.height % f != 0 || r.input_shape.width % f != 0)
            return rule::pixel_unshuffle_size_not_divisible;
        const detail::wide channels = detail::wide(r.input_shape.channels) * f * f;
        if (channels >= detail::dimension_limit) return rule::count_overflow;
        r.output_shape = shape{r.input_shape.height / f, r.input_shape.width / f, count_t(channels)};
        return detail::widen(r.receptive_field, hw{f}, hw{f}) ? rule::none : rule::count_overflow;
    }

    /// A window of R, stride R.
    static constexpr detail::leaf_map map(const layer_record& r, int, const detail::span& o) {
        return detail::window_map(o, r.units, r.units, 0, 1);
    }

    /// "pixel unshuffle ×2"
    static constexpr void describe(const layer_record& r, text& out) { out << "pixel unshuffle ×" << r.units; }
};

namespace detail {
/// The output of F.pad(x, (left, right, top, bottom)) in constant mode, whatever the fill (zero_pad,
/// neg_inf_pad): `pad` rows at the top and columns at the left, `output_padding` at the bottom and
/// right; a negative count crops (first, at most the whole input); the result must not be empty
/// (`empty` is the rule broken otherwise).
constexpr rule constant_pad(const spec& s, layer_record& r, rule empty) {
    const wide h = wide(r.input_shape.height) + s.pad.height + s.output_padding.height;
    const wide w = wide(r.input_shape.width) + s.pad.width + s.output_padding.width;
    const auto crop = [](count_t a, count_t b) { return wide(a < 0 ? a : 0) + (b < 0 ? b : 0); };
    if (h <= 0 || w <= 0 || r.input_shape.height + crop(s.pad.height, s.output_padding.height) < 0 ||
        r.input_shape.width + crop(s.pad.width, s.output_padding.width) < 0)
        return empty;
    if (h >= dimension_limit || w >= dimension_limit) return rule::count_overflow;
    r.output_shape = shape{count_t(h), count_t(w), r.input_shape.channels};
    return rule::none;
}

/// Output o is input o − (top or left); negative counts crop.
constexpr leaf_map constant_pad_map(const layer_record& r, int axis, const span& o) {
    return window_map(o, 1, 1, axis == 0 ? r.pad.height : r.pad.width, 1);
}

/// "<what> 1, 0, 1, 0" (top, left, bottom, right)
constexpr void describe_constant_pad(const layer_record& r, text& out, const char* what) {
    out << what << r.pad.height << ", " << r.pad.width << ", " << r.output_padding.height << ", " << r.output_padding.width;
}
}  // namespace detail

/// zero_pad's rule: PyTorch's nn.ZeroPad2d: `pad` rows of zeros added at the top and columns at the
/// left, `output_padding` rows at the bottom and columns at the right; a negative count crops
/// (ZeroPad2d's, F.pad's: the crops first, at most the whole input, then the zeros). Output (H + top + bottom)×(W + left + right)×C, a new tensor; no
/// parameters or MACs. Receptive field unchanged: each output reads at most one input position.
template <>
struct kind_rule<kind::zero_pad> : detail::image_copy {
    static constexpr const char* name = "zero_pad";
    static constexpr spec_key spec_keys[] = {{"pad_end", key_form::pair, spec_field::output_padding}};  // "pad" is [top, left]

    static constexpr rule apply(const spec& s, layer_record& r) {
        return detail::constant_pad(s, r, rule::zero_pad_output_not_positive);
    }
    static constexpr detail::leaf_map map(const layer_record& r, int axis, const detail::span& o) {
        return detail::constant_pad_map(r, axis, o);
    }

    /// "zero pad 1, 0, 1, 0" (top, left, bottom, right)
    static constexpr void describe(const layer_record& r, text& out) { detail::describe_constant_pad(r, out, "zero pad "); }
};

/// neg_inf_pad's rule: F.pad(x, (left, right, top, bottom), value=-inf), the padding of a max pool
/// made explicit (ONNX's MaxPool with unequal pads is this layer, then a max pool padding both sides
/// alike): rows and columns of −∞ (the identity of the maximum: a window's maximum is its input
/// positions' unless it holds none), negative counts crop, as zero_pad's. Output (H + top + bottom)×
/// (W + left + right)×C, a new tensor; no parameters or MACs; receptive field unchanged.
template <>
struct kind_rule<kind::neg_inf_pad> : detail::image_copy {
    static constexpr const char* name = "neg_inf_pad";
    static constexpr spec_key spec_keys[] = {{"pad_end", key_form::pair, spec_field::output_padding}};  // "pad" is [top, left]

    static constexpr rule apply(const spec& s, layer_record& r) {
        return detail::constant_pad(s, r, rule::neg_inf_pad_output_not_positive);
    }
    static constexpr detail::leaf_map map(const layer_record& r, int axis, const detail::span& o) {
        return detail::constant_pad_map(r, axis, o);
    }

    /// "−∞ pad 0, 0, 1, 1" (top, left, bottom, right)
    static constexpr void describe(const layer_record& r, text& out) { detail::describe_constant_pad(r, out, "−∞ pad "); }
};

/// `pixel_shuffle<R>`: see its rule above (ESPCN's sub-pixel convolution follows a conv2d<C·R², ...>).
template <count_t R>
struct pixel_shuffle {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::pixel_shuffle>({.units = R, .bias = false});
};

/// `zero_pad<Top, Left = Top, Bottom = Top, Right = Left>`: see its rule above. The order is ONNX
/// Pad's (top, left, bottom, right); nn.ZeroPad2d's tuple is (left, right, top, bottom).
template <count_t Top, count_t Left = Top, count_t Bottom = Top, count_t Right = Left>
struct zero_pad {
    static constexpr std::array<spec, 1> nodes =
        detail::leaf<kind::zero_pad>({.pad = hw{Top, Left}, .output_padding = hw{Bottom, Right}, .bias = false});
};

/// `neg_inf_pad<Top, Left = Top, Bottom = Top, Right = Left>`: see its rule above; the order is
/// zero_pad's (top, left, bottom, right).
template <count_t Top, count_t Left = Top, count_t Bottom = Top, count_t Right = Left>
struct neg_inf_pad {
    static constexpr std::array<spec, 1> nodes =
        detail::leaf<kind::neg_inf_pad>({.pad = hw{Top, Left}, .output_padding = hw{Bottom, Right}, .bias = false});
};

/// `pixel_unshuffle<R>`: see its rule above.
template <count_t R>
struct pixel_unshuffle {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::pixel_unshuffle>({.units = R, .bias = false});
};

}  // namespace netshape
