// netshape/layers/window.hpp: what every sliding-window kind shares (convolutions and pools): the
// output size per axis, the window's own rules, the receptive field step and the description.
#pragma once

#include <type_traits>

#include <netshape/detail/checked.hpp>
#include <netshape/kind_rule.hpp>

namespace netshape::detail {

/// A kernel or size template argument taken as `auto`: an integer (square) or hw{h, w}. Anything
/// else (a shape, 2.5) is one clear error, and the layer is built with 1 so that nothing follows.
template <auto V>
constexpr hw window_arg() {
    using T = std::remove_cv_t<decltype(V)>;
    constexpr bool integer = std::is_integral_v<T> && !std::is_same_v<T, bool>;
    static_assert(integer || std::is_same_v<T, hw>, "netshape: a kernel or size is an integer or hw{height, width}");
    if constexpr (integer) return hw(static_cast<count_t>(V));
    else if constexpr (std::is_same_v<T, hw>) return V;
    else return hw(1);
}

/// The rule a window's own arguments break (kernel, stride, padding, dilation, in that order),
/// whatever the input: the check of every sliding kind.
constexpr rule window_rule(const spec& s) {
    if (s.kernel.height <= 0 || s.kernel.width <= 0) return rule::kernel_not_positive;
    if (s.stride.height <= 0 || s.stride.width <= 0) return rule::stride_not_positive;
    if (s.pad.height < 0 || s.pad.width < 0) return rule::pad_negative;
    if (s.dilation.height <= 0 || s.dilation.width <= 0) return rule::dilation_not_positive;
    return rule::none;
}

/// A pool's check: its window's, and padding at most half the kernel, dilated or not (PyTorch
/// checks pad <= kernel / 2).
constexpr rule pool_rule(const spec& s) {
    const rule bad = window_rule(s);
    if (bad == rule::none && (2 * s.pad.height > s.kernel.height || 2 * s.pad.width > s.kernel.width))
        return rule::pool_pad_over_half_kernel;
    return bad;
}

/// Slides s's window over r.input_shape: sets r.output_shape's height and width (channels are the
/// caller's) and r.receptive_field, or returns the rule broken. PyTorch's rule per axis, with
/// span = dilation·(kernel − 1) + 1 and room = input + 2·pad − span: out = floor(room / stride) + 1.
/// With ceil_mode it rounds up and keeps a window that overhangs the right edge as long as it
/// starts inside the input or its left padding (MaxPool2d(3, 2, ceil_mode=True) maps 2×2 to 1×1).
/// The window's own rules (window_rule) are kept, and every spec value is below dimension_limit
/// (both checked before a rule applies), so nothing here overflows 64 bits.
constexpr rule slide(const spec& s, layer_record& r) {
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


/// "3" for a square extent, "1×7" otherwise.
constexpr void describe_extent(const hw& v, text& out) {
    if (v.height == v.width) out << v.height;
    else out << v;
}

/// "3×3/2": the window, and its stride when not 1.
constexpr void describe_window(const layer_record& r, text& out) {
    out << r.kernel;
    if (r.stride.height != 1 || r.stride.width != 1) {
        out << "/";
        describe_extent(r.stride, out);
    }
}

/// ", pad 1, dilation 2": padding and dilation when not the defaults.
constexpr void describe_padding(const layer_record& r, text& out) {
    if (r.pad.height != 0 || r.pad.width != 0) {
        out << ", pad ";
        describe_extent(r.pad, out);
    }
    if (r.dilation.height != 1 || r.dilation.width != 1) {
        out << ", dilation ";
        describe_extent(r.dilation, out);
    }
}

}  // namespace netshape::detail
