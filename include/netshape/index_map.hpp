// netshape/index_map.hpp: a leaf's index map along one axis, which the exact receptive-field walk
// (detail/receptive.hpp) follows back from output positions to input positions. A kind that moves
// positions gives it in its rule (kind_rule::map, kind_rule.hpp) from the helpers here: a window
// (convolution, pooling), a transposed window, an interpolation, or its own.
#pragma once

#include <netshape/detail/checked.hpp>
#include <netshape/layer_record.hpp>

namespace netshape::detail {

/// ⌊a / b⌋ and ⌈a / b⌉ for b > 0, whatever a's sign.
constexpr wide floor_div(wide a, wide b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
constexpr wide ceil_div(wide a, wide b) { return -floor_div(-a, b); }

/// A ratio of whole numbers in lowest terms (den > 0); num 0: a map that sends every position to one.
struct ratio {
    wide num = 1;
    wide den = 1;
};

/// The interval [lo, hi] of positions of one axis of one tensor (empty: nothing).
struct span {
    wide lo = 0;
    wide hi = 0;
    bool empty = false;
};

/// One axis of one leaf: `step` input positions per output position (n/m in lowest terms; its map
/// repeats every m outputs, shifted by n inputs), and the interval of inputs that [lo, hi] reads.
struct leaf_map {
    ratio step{};
    span in{};
    bool known = true;  // false: a kind whose index map this walk does not model
};

/// A's extent on one axis (0: height, 1: width, 2: a volume's depth; a sequence's length is its width).
constexpr count_t along(const shape& s, int axis) { return axis == 0 ? s.height : axis == 1 ? s.width : s.depth; }

/// A window's kernel, stride, padding and dilation along one axis (spec::along_depth for the depth).
struct window_axis {
    wide k = 1, s = 1, p = 0, d = 1;
};
constexpr window_axis window_along(const layer_record& r, int axis) {
    if (axis == 2) return {r.along_depth.kernel, r.along_depth.stride, r.along_depth.pad, r.along_depth.dilation};
    if (axis == 0) return {r.kernel.height, r.stride.height, r.pad.height, r.dilation.height};
    return {r.kernel.width, r.stride.width, r.pad.width, r.dilation.width};
}

constexpr ratio reduced(wide n, wide d) {
    const wide g = gcd(n < 0 ? -n : n, d);
    return g > 1 ? ratio{n / g, d / g} : ratio{n, d};
}

/// A window of `k` taps `d` apart, every `s` inputs, starting `p` before: convolutions, pooling,
/// pixel_unshuffle, and layers that see their whole input (k = s = the input's extent).
constexpr leaf_map window_map(const span& o, wide k, wide s, wide p, wide d) {
    return leaf_map{ratio{s, 1}, span{s * o.lo - p, s * o.hi - p + d * (k - 1), false}};
}

/// PyTorch's ConvTranspose2d along one axis: input i writes outputs s·i − p + t·d (t < k), so output
/// o reads the inputs i with s·i = o + p − t·d; some outputs read none when the taps leave gaps.
/// The first input some tap of which lands in [lo, hi], and the last, taken per tap.
constexpr leaf_map transposed_map(const span& o, wide k, wide s, wide p, wide d) {
    span in{0, 0, true};
    for (wide t = 0; t < k; ++t) {
        const wide first = ceil_div(o.lo + p - t * d, s), last = floor_div(o.hi + p - t * d, s);
        if (first > last) continue;
        if (in.empty || first < in.lo) in.lo = first;
        if (in.empty || last > in.hi) in.hi = last;
        in.empty = false;
    }
    return leaf_map{ratio{1, s}, in};
}

/// PyTorch's interpolation maps from `in` to `out` positions (upsample, resize): nearest reads
/// ⌊o·in/out⌋; bilinear reads ⌊src⌋ and ⌈src⌉ (the second has weight 0 where src is whole), src =
/// (o + ½)·in/out − ½, or with align_corners o·(in − 1)/(out − 1) (0 for a single output).
constexpr leaf_map interpolation_map(const span& o, wide in, wide out, unsigned char mode) {
    constexpr unsigned char bilinear = 1, aligned = 2;  // spec::mode's bits (resample.hpp)
    if ((mode & aligned) != 0) {
        if (out == 1) return leaf_map{ratio{0, 1}, span{0, 0, false}};
        const ratio st = reduced(in - 1, out - 1);
        return leaf_map{st, span{floor_div(o.lo * (in - 1), out - 1), ceil_div(o.hi * (in - 1), out - 1), false}};
    }
    const ratio st = reduced(in, out);
    if ((mode & bilinear) == 0) return leaf_map{st, span{floor_div(o.lo * in, out), floor_div(o.hi * in, out), false}};
    return leaf_map{st, span{floor_div((2 * o.lo + 1) * in - out, 2 * out), ceil_div((2 * o.hi + 1) * in - out, 2 * out), false}};
}

/// A window layer's map along one axis, from its spec's window (convolutions, pooling).
constexpr leaf_map window_map_of(const layer_record& r, int axis, const span& o) {
    const window_axis a = window_along(r, axis);
    return window_map(o, a.k, a.s, a.p, a.d);
}

/// A transposed convolution's map along one axis, from its spec's window.
constexpr leaf_map transposed_map_of(const layer_record& r, int axis, const span& o) {
    const window_axis a = window_along(r, axis);
    return transposed_map(o, a.k, a.s, a.p, a.d);
}

/// A layer that sees its whole input along the axis (dense over an image, flatten).
constexpr leaf_map whole_map_of(const layer_record& r, int axis, const span& o) {
    const wide n = along(r.input_shape, axis);
    return window_map(o, n, n, 0, 1);
}

/// The map of a leaf that keeps every position (element-wise functions, norms, channel operations).
constexpr leaf_map same_positions(const layer_record&, int, const span& o) { return leaf_map{ratio{}, o}; }

/// The map of a leaf the walk does not model (sequences of tokens): the walk gives up, and the
/// field is the recurrence's (docs/figures.md).
constexpr leaf_map unmodelled(const layer_record&, int, const span& o) { return leaf_map{ratio{}, o, false}; }

}  // namespace netshape::detail
