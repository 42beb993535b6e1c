// netshape/detail/fixed_string.hpp: a string literal usable as a template argument.
#pragma once

#include <cstddef>

namespace netshape::detail {

template <std::size_t N>
struct fixed_string {
    char chars[N]{};
    constexpr fixed_string(const char (&s)[N]) {  // NOLINT: implicit, so named<"conv1", L> reads well
        for (std::size_t i = 0; i < N; ++i) chars[i] = s[i];
    }
};

}  // namespace netshape::detail
