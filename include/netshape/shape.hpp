// netshape/shape.hpp: the value types every figure is made of.
#pragma once

#include <cstdint>

namespace netshape {

/// Every count in netshape is a signed 64-bit integer: wide enough for any real network,
/// and signed so that a subtraction that goes negative is caught instead of wrapping.
using count_t = std::int64_t;

/// A tensor of one example (batch size one; the layout in memory is irrelevant to every figure).
/// Four ranks, channels always last in reading order:
///   rank 1  a feature vector       C          shape::vector(c)        height = width = depth = 1
///   rank 2  a sequence of tokens   L×C        shape::sequence(l, c)   the length is `width`
///   rank 3  an image               H×W×C      shape{h, w, c}
///   rank 4  a volume (video, CT)   D×H×W×C    shape::volume(d, h, w, c)
/// Unused axes are 1, so elements() is the product of all four and window arithmetic on the last
/// spatial axis is the same for a sequence as for an image's width.
struct shape {
    count_t height = 0;
    count_t width = 0;
    count_t channels = 0;
    count_t depth = 1;
    int rank = 3;

    [[nodiscard]] static constexpr shape vector(count_t c) { return {1, 1, c, 1, 1}; }
    [[nodiscard]] static constexpr shape sequence(count_t length, count_t c) { return {1, length, c, 1, 2}; }
    [[nodiscard]] static constexpr shape image(count_t h, count_t w, count_t c) { return {h, w, c, 1, 3}; }
    [[nodiscard]] static constexpr shape volume(count_t d, count_t h, count_t w, count_t c) { return {h, w, c, d, 4}; }

    /// A sequence's length (its one spatial axis).
    [[nodiscard]] constexpr count_t length() const { return width; }
    [[nodiscard]] constexpr count_t elements() const { return depth * height * width * channels; }
    friend constexpr bool operator==(const shape&, const shape&) = default;
};

/// A pair of spatial extents (kernel, stride, padding, dilation): height first, as in PyTorch.
/// `hw{3}` is square; `hw{1, 7}` is Inception-v3's one-by-seven.
struct hw {
    count_t height = 0;
    count_t width = 0;

    constexpr hw() = default;
    constexpr hw(count_t square) : height(square), width(square) {}  // NOLINT: implicit on purpose
    constexpr hw(count_t h, count_t w) : height(h), width(w) {}
    friend constexpr bool operator==(const hw&, const hw&) = default;
};

/// Three spatial extents (a 3-D kernel or size): depth first, as in PyTorch. `dhw{3}` is cubic;
/// `dhw{1, 3, 3}` is R(2+1)D's spatial convolution, `dhw{3, 1, 1}` its temporal one.
struct dhw {
    count_t depth = 0;
    count_t height = 0;
    count_t width = 0;

    constexpr dhw() = default;
    constexpr dhw(count_t cube) : depth(cube), height(cube), width(cube) {}  // NOLINT: implicit on purpose
    constexpr dhw(count_t d, count_t h, count_t w) : depth(d), height(h), width(w) {}
    friend constexpr bool operator==(const dhw&, const dhw&) = default;
};

/// An exact non-negative rational number in lowest terms: a receptive field's jump shrinks below
/// one pixel after upsampling (a ×2 upsample halves it), and floating point would not compare
/// exactly in a static_assert. `fraction{3}` is 3; `fraction{1, 2}` is one half.
struct fraction {
    count_t numerator = 1;
    count_t denominator = 1;

    constexpr fraction() = default;
    constexpr fraction(count_t n) : numerator(n) {}  // NOLINT: implicit on purpose (rf.height == 13)
    constexpr fraction(count_t n, count_t d) : numerator(n), denominator(d) {
        const count_t g = gcd(n < 0 ? -n : n, d < 0 ? -d : d);
        if (g > 1) numerator /= g, denominator /= g;
        if (denominator < 0) numerator = -numerator, denominator = -denominator;
    }
    [[nodiscard]] constexpr bool integral() const { return denominator == 1; }
    friend constexpr bool operator==(const fraction&, const fraction&) = default;
    /// "13", or "3/2": written to any stream that takes integers (std::ostream, netshape::text),
    /// without this header including <ostream>.
    template <class Stream>
        requires requires(Stream& out, count_t n) { out << n; }
    friend constexpr Stream& operator<<(Stream& out, const fraction& f) {
        out << f.numerator;
        if (f.denominator != 1) out << "/" << f.denominator;
        return out;
    }

    [[nodiscard]] static constexpr count_t gcd(count_t a, count_t b) {
        while (b != 0) {
            const count_t t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
};

/// The receptive field of one output position (per axis, in input pixels) and the jump: the
/// distance in input pixels between two neighbouring output positions. Both are exact fractions,
/// whole numbers unless the network upsamples.
struct field {
    fraction height{};  // {}: one, without calling a constructor (cheaper to evaluate)
    fraction width{};
    fraction jump_height{};
    fraction jump_width{};
    fraction depth{};       // a volume's third axis (1 on every other rank)
    fraction jump_depth{};
    friend constexpr bool operator==(const field&, const field&) = default;
};

}  // namespace netshape
