// netshape/detail/checked.hpp: counts that never wrap.
//
// Figures are computed in 128-bit integers and checked once against the 64-bit range, instead of
// through a checked multiply per factor: in constant evaluation every function call costs (g++'s
// evaluator most of all), and a conv layer's figures took some fifteen of them. A product of four
// factors below 2^31 cannot overflow 128 bits, so every dimension, kernel, stride, padding,
// dilation, filter and group count must stay below 2^31 (`dimension_limit`); a larger one is
// reported as a count that overflows.
#pragma once

#include <cstdint>

#include <netshape/shape.hpp>

namespace netshape::detail {

__extension__ typedef __int128 wide;  // __extension__: a GNU type, accepted under -Wpedantic

inline constexpr count_t dimension_limit = count_t{1} << 31;
inline constexpr wide count_max = INT64_MAX;

constexpr bool fits(wide v) { return v <= count_max && v >= -count_max; }

constexpr wide elements(const shape& s) { return wide(s.depth) * s.height * s.width * s.channels; }

constexpr bool bounded(const shape& s) {
    return s.height < dimension_limit && s.width < dimension_limit && s.channels < dimension_limit &&
           s.depth < dimension_limit;
}
constexpr bool bounded(const hw& v) { return v.height < dimension_limit && v.width < dimension_limit; }

constexpr wide gcd(wide a, wide b) {
    while (b != 0) {
        const wide t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/// n / d in lowest terms (d > 0, n >= 0), or false when either leaves the 64-bit range.
constexpr bool reduce(wide n, wide d, fraction& out) {
    const wide g = gcd(n, d);
    if (g > 1) n /= g, d /= g;
    if (!fits(n) || !fits(d)) return false;
    out.numerator = count_t(n);
    out.denominator = count_t(d);
    return true;
}

/// One axis of a receptive field: r += (span − 1)·j, then j *= step, exactly. False when a figure
/// leaves the 64-bit range. Whole numbers (every network that does not upsample) take the first
/// branch; fractions are reduced to lowest terms.
constexpr bool widen_axis(fraction& r, fraction& j, count_t span, fraction step) {
    if (r.denominator == 1 && j.denominator == 1 && step.denominator == 1) {
        const wide size = r.numerator + wide(span - 1) * j.numerator, jump = wide(j.numerator) * step.numerator;
        if (size > count_max || jump > count_max) return false;
        r.numerator = count_t(size);
        j.numerator = count_t(jump);
        return true;
    }
    const wide grown = wide(span - 1) * j.numerator;  // below 2^94; checked so the next product stays in 128 bits
    if (!fits(grown)) return false;
    const wide size_n = wide(r.numerator) * j.denominator + grown * r.denominator;
    return reduce(size_n, wide(r.denominator) * j.denominator, r) &&
           reduce(wide(j.numerator) * step.numerator, wide(j.denominator) * step.denominator, j);
}

/// Both axes: the window `span` (kernel extent in input positions) and the step between windows.
constexpr bool widen(field& f, hw span, fraction step_h, fraction step_w) {
    return widen_axis(f.height, f.jump_height, span.height, step_h) &&
           widen_axis(f.width, f.jump_width, span.width, step_w);
}
constexpr bool widen(field& f, hw span, hw step) { return widen(f, span, fraction(step.height), fraction(step.width)); }

}  // namespace netshape::detail
