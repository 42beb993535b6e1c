// netshape/detail/checked.hpp: 64-bit arithmetic that reports overflow instead of wrapping.
#pragma once

#include <netshape/shape.hpp>

namespace netshape::detail {

/// Accumulates an overflow flag across a computation; checking once at the end keeps the
/// interpreter short (clang counts every statement against its constexpr step limit).
struct checked {
    bool overflow = false;

    constexpr count_t mul(count_t a, count_t b) {
        count_t r = 0;
        overflow |= __builtin_mul_overflow(a, b, &r);
        return r;
    }
    constexpr count_t add(count_t a, count_t b) {
        count_t r = 0;
        overflow |= __builtin_add_overflow(a, b, &r);
        return r;
    }
    constexpr count_t mul(count_t a, count_t b, count_t c) { return mul(mul(a, b), c); }
    constexpr count_t elements(const shape& s) { return mul(s.height, s.width, s.channels); }
};

}  // namespace netshape::detail
