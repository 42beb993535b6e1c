// netshape/layers/window.hpp: what every sliding-window kind shares (convolutions and pools): the
// output size per axis, the window's own rules, the receptive field step and the description.
#pragma once

#include <type_traits>

#include <netshape/detail/checked.hpp>
#include <netshape/kind_rule.hpp>

namespace netshape::detail {

/// A kernel or size template argument taken as `auto`: an integer (square) or hw{h, w}. Anything
/// else (a shape, 2.5) is one clear error, and the layer is built with refused_extent (spec.hpp) so
/// that nothing follows.
template <auto V>
constexpr hw window_arg() {
    using T = std::remove_cv_t<decltype(V)>;
    constexpr bool integer = std::is_integral_v<T> && !std::is_same_v<T, bool>;
    static_assert(integer || std::is_same_v<T, hw>, "netshape: a kernel or size is an integer or hw{height, width}");
    if constexpr (integer) return hw(static_cast<count_t>(V));
    else if constexpr (std::is_same_v<T, hw>) return V;
    else return hw(refused_extent);
}

/// A 3-D kernel or size taken as `auto`: an integer (cubic) or dhw{d, h, w}; anything else is one
/// clear error, and the layer is built with refused_extent.
template <auto V>
constexpr dhw volume_arg() {
    using T = std::remove_cv_t<decltype(V)>;
    constexpr bool integer = std::is_integral_v<T> && !std::is_same_v<T, bool>;
    static_assert(integer || std::is_same_v<T, dhw>,
                  "netshape: a 3-D kernel or size is an integer or dhw{depth, height, width}");
    if constexpr (integer) return dhw(static_cast<count_t>(V));
    else if constexpr (std::is_same_v<T, dhw>) return V;
    else return dhw(refused_extent);
}

/// A 1-D layer's extent on a sequence's one axis (its width): height 1 for a kernel, stride and
/// dilation, 0 for padding.
constexpr hw along_length(count_t v, count_t across = 1) { return hw{across, v}; }

/// The rule a window's own arguments break (kernel, stride, padding, dilation, in that order),
/// whatever the input: the check of every sliding kind.
/// A 3-D window's depth axis (spec::along_depth) is checked with its height and width.
constexpr rule window_rule(const spec& s) {
    const depth_axis& d = s.along_depth;
    if (s.kernel.height <= 0 || s.kernel.width <= 0 || d.kernel <= 0) return rule::kernel_not_positive;
    if (s.stride.height <= 0 || s.stride.width <= 0 || d.stride <= 0) return rule::stride_not_positive;
    if (s.pad.height < 0 || s.pad.width < 0 || d.pad < 0) return rule::pad_negative;
    if (s.dilation.height <= 0 || s.dilation.width <= 0 || d.dilation <= 0) return rule::dilation_not_positive;
    return rule::none;
}

/// A pool's check: its window's, and padding at most half the kernel, dilated or not (PyTorch
/// checks pad <= kernel / 2).
constexpr rule pool_rule(const spec& s) {
    const rule bad = window_rule(s);
    if (bad == rule::none && (2 * s.pad.height > s.kernel.height || 2 * s.pad.width > s.kernel.width ||
                              2 * s.along_depth.pad > s.along_depth.kernel))
        return rule::pool_pad_over_half_kernel;
    return bad;
}

/// One axis of a sliding window: the output size (PyTorch's rule, as slide() below writes out for
/// height and width) and the receptive field's step on that axis, or false when the window does not
/// fit (kernel_exceeds_input) or a figure leaves 64 bits (`overflow` set). slide() calls it for a
/// volume's depth.
constexpr bool slide_axis(count_t in, count_t kernel, count_t stride, count_t pad, count_t dilation, bool ceil,
                          count_t& out, fraction& size, fraction& jump, bool& overflow) {
    const count_t span = dilation * (kernel - 1) + 1, room = in + 2 * pad - span;
    if (room < 0 && !(ceil && room + stride - 1 >= 0)) return false;
    out = (ceil ? room + stride - 1 : room) / stride + 1;
    if (ceil && (out - 1) * stride >= in + pad) --out;  // the last window starts inside the input or its left padding
    overflow = !widen_axis(size, jump, span, fraction(stride));
    return !overflow;
}

/// Slides s's window over r.input_shape: sets r.output_shape's height and width (and a volume's
/// depth, with s.along_depth; channels are the caller's) and r.receptive_field, or returns the rule
/// broken. PyTorch's rule per axis, with
/// span = dilation·(kernel − 1) + 1 and room = input + 2·pad − span: out = floor(room / stride) + 1.
/// With ceil_mode it rounds up and keeps a window that overhangs the right edge as long as it
/// starts inside the input or its left padding (MaxPool2d(3, 2, ceil_mode=True) maps 2×2 to 1×1).
/// The window's own rules (window_rule) are kept, and every spec value is below dimension_limit
/// (both checked before a rule applies), so nothing here overflows 64 bits.
/// slide() below takes the common case (no ceil_mode, no depth, a whole-number field) in fewer
/// statements and leaves the rest to this one.
constexpr rule slide_exact(const spec& s, layer_record& r) {
    const shape in = r.input_shape;
    const hw kernel = s.kernel, stride = s.stride, pad = s.pad, dilation = s.dilation;
    const count_t span_h = dilation.height * (kernel.height - 1) + 1, span_w = dilation.width * (kernel.width - 1) + 1;
    const count_t room_h = in.height + 2 * pad.height - span_h, room_w = in.width + 2 * pad.width - span_w;
    const bool ceil = s.ceil;
    if ((room_h < 0 && !(ceil && room_h + stride.height - 1 >= 0)) ||
        (room_w < 0 && !(ceil && room_w + stride.width - 1 >= 0)))
        return rule::kernel_exceeds_input;
    count_t out_h = (ceil ? room_h + stride.height - 1 : room_h) / stride.height + 1;
    count_t out_w = (ceil ? room_w + stride.width - 1 : room_w) / stride.width + 1;
    if (ceil) {  // the last window must start inside the input or its left padding
        if ((out_h - 1) * stride.height >= in.height + pad.height) --out_h;
        if ((out_w - 1) * stride.width >= in.width + pad.width) --out_w;
    }
    r.output_shape.height = out_h;
    r.output_shape.width = out_w;
    field& f = r.receptive_field;
    if (in.rank == 4) {  // a volume's depth: every kind that slides over volumes is a 3-D one
        const depth_axis& d = s.along_depth;
        bool overflow = false;
        if (!slide_axis(in.depth, d.kernel, d.stride, d.pad, d.dilation, ceil, r.output_shape.depth, f.depth,
                        f.jump_depth, overflow))
            return overflow ? rule::count_overflow : rule::kernel_exceeds_input;
    }
    if (f.height.denominator != 1 || f.width.denominator != 1 || f.jump_height.denominator != 1 ||
        f.jump_width.denominator != 1)  // after upsampling: exact fractions
        return widen(f, hw{span_h, span_w}, stride) ? rule::none : rule::count_overflow;
    // Whole numbers (the common case), written out: r += (span − 1)·j, j *= stride.
    const wide rf_h = f.height.numerator + wide(span_h - 1) * f.jump_height.numerator;
    const wide rf_w = f.width.numerator + wide(span_w - 1) * f.jump_width.numerator;
    const wide jump_h = wide(f.jump_height.numerator) * stride.height;
    const wide jump_w = wide(f.jump_width.numerator) * stride.width;
    if (rf_h > count_max || rf_w > count_max || jump_h > count_max || jump_w > count_max) return rule::count_overflow;
    f.height.numerator = count_t(rf_h);
    f.width.numerator = count_t(rf_w);
    f.jump_height.numerator = count_t(jump_h);
    f.jump_width.numerator = count_t(jump_w);
    return rule::none;
}


/// The input shape as slide() reads it: g++ reads fields of a local copy for less than through a
/// reference (481.9 against 484.6 kinstr a layer of the bench chain), clang the reverse (763.9 against 758.8).
#if defined(__clang__)
using input_view = const shape&;
#else
using input_view = const shape;
#endif

/// slide_exact()'s figures in the common case, in as few statements as the constant evaluators can
/// be given (they charge per statement and per struct copy): no ceil_mode, an image or a sequence,
/// and a receptive field of whole numbers (denominators are positive, so their bitwise or is 1 only
/// when all four are). Output per axis floor(room / stride) + 1, then r += (span − 1)·j, j *= stride,
/// each checked in 128 bits before any is stored. Then, when not nullptr, is what the kind computes
/// after its window, from the output's positions (a convolution's filter(): called here, one call
/// fewer a node than a rule calling slide() and then it).
template <auto Then = nullptr>
constexpr rule slide(const spec& s, layer_record& r) {
    input_view in = r.input_shape;
    field& f = r.receptive_field;
    if (s.ceil || in.rank == 4 ||
        (f.height.denominator | f.width.denominator | f.jump_height.denominator | f.jump_width.denominator) != 1) {
        const rule bad = slide_exact(s, r);
        if constexpr (std::is_null_pointer_v<decltype(Then)>) return bad;
        else return bad != rule::none ? bad : Then(s, r, wide(r.output_shape.depth) * r.output_shape.height * r.output_shape.width);
    }
    const count_t span_h = s.dilation.height * (s.kernel.height - 1) + 1, span_w = s.dilation.width * (s.kernel.width - 1) + 1;
    const count_t room_h = in.height + 2 * s.pad.height - span_h, room_w = in.width + 2 * s.pad.width - span_w;
    if (room_h < 0 || room_w < 0) return rule::kernel_exceeds_input;
    r.output_shape.height = room_h / s.stride.height + 1;  // before the field's test, as slide_exact(): a failure
    r.output_shape.width = room_w / s.stride.width + 1;    // reports the output shape
    const wide rf_h = f.height.numerator + wide(span_h - 1) * f.jump_height.numerator;
    const wide rf_w = f.width.numerator + wide(span_w - 1) * f.jump_width.numerator;
    const wide jump_h = wide(f.jump_height.numerator) * s.stride.height;
    const wide jump_w = wide(f.jump_width.numerator) * s.stride.width;
    if (rf_h > count_max || rf_w > count_max || jump_h > count_max || jump_w > count_max) return rule::count_overflow;
    f.height.numerator = count_t(rf_h);
    f.width.numerator = count_t(rf_w);
    f.jump_height.numerator = count_t(jump_h);
    f.jump_width.numerator = count_t(jump_w);
    if constexpr (std::is_null_pointer_v<decltype(Then)>) return rule::none;
    else return Then(s, r, wide(r.output_shape.height) * r.output_shape.width);
}

/// An extent on a window's axes: a 2-D one "3" when square, "1×7" otherwise; a 1-D one its width
/// alone; a 3-D one "2" when cubic, "1×2×2" otherwise (`always`: every axis, as a kernel is shown).
constexpr void describe_extent(const hw& v, text& out, int axes = 2, count_t depth = 1, bool always = false) {
    if (axes == 1) out << v.width;
    else if (axes == 3 && (always || depth != v.height || v.height != v.width)) out << depth << "×" << v;
    else if (axes == 3 || (!always && v.height == v.width)) out << v.height;
    else out << v;
}

/// "3×3/2" (a 1-D window "3/2", a 3-D one "3×3×3/2"): the window, and its stride when not 1.
constexpr void describe_window(const layer_record& r, text& out, int axes = 2) {
    const depth_axis& d = r.along_depth;
    describe_extent(r.kernel, out, axes, d.kernel, true);
    if (r.stride.height != 1 || r.stride.width != 1 || d.stride != 1) {
        out << "/";
        describe_extent(r.stride, out, axes, d.stride);
    }
}

/// ", pad 1, dilation 2": padding and dilation when not the defaults.
constexpr void describe_padding(const layer_record& r, text& out, int axes = 2) {
    const depth_axis& d = r.along_depth;
    if (r.pad.height != 0 || r.pad.width != 0 || d.pad != 0) {
        out << ", pad ";
        describe_extent(r.pad, out, axes, d.pad);
    }
    if (r.dilation.height != 1 || r.dilation.width != 1 || d.dilation != 1) {
        out << ", dilation ";
        describe_extent(r.dilation, out, axes, d.dilation);
    }
}

}  // namespace netshape::detail
