// netshape/shape.hpp: the value types every figure is made of.
#pragma once

#include <cstdint>

namespace netshape {

/// Every count in netshape is a signed 64-bit integer: wide enough for any real network,
/// and signed so that a subtraction that goes negative is caught instead of wrapping.
using count_t = std::int64_t;

/// A feature map: height × width × channels (batch size one, channels last in reading order;
/// the layout in memory is irrelevant to every figure netshape computes).
struct shape {
    count_t height = 0;
    count_t width = 0;
    count_t channels = 0;

    [[nodiscard]] constexpr count_t elements() const { return height * width * channels; }
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

/// The receptive field of one output position, and the distance in input pixels between two
/// neighbouring output positions (the effective stride, "jump").
struct field {
    count_t height = 1;
    count_t width = 1;
    count_t stride_height = 1;
    count_t stride_width = 1;
    friend constexpr bool operator==(const field&, const field&) = default;
};

}  // namespace netshape
