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

constexpr wide elements(const shape& s) { return wide(s.height) * s.width * s.channels; }

constexpr bool bounded(const shape& s) {
    return s.height < dimension_limit && s.width < dimension_limit && s.channels < dimension_limit;
}
constexpr bool bounded(const hw& v) { return v.height < dimension_limit && v.width < dimension_limit; }

}  // namespace netshape::detail
