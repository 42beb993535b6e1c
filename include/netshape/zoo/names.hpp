// netshape/zoo/names.hpp: building torchvision's module names ("layer1.0.conv1") at compile time.
//
// Families are templates, so a block's name depends on its stage and position: a block receives
// its prefix (e.g. "layer1.0") as a template argument and names its parts with `sub`.
#pragma once

#include <cstddef>

#include <netshape/composition/named.hpp>
#include <netshape/detail/fixed_string.hpp>
#include <netshape/shape.hpp>

namespace netshape::zoo {

using netshape::detail::fixed_string;

namespace detail {

template <std::size_t N>
constexpr fixed_string<N> blank() {
    char zeros[N]{};
    return fixed_string<N>(zeros);
}

constexpr std::size_t digits(count_t i) {
    std::size_t n = 1;
    while (i >= 10) {
        i /= 10;
        ++n;
    }
    return n;
}

}  // namespace detail

/// A followed by B (each holds its terminating zero, hence the − 1). The variables have explicit
/// types: g++ 12 cannot deduce `auto` for them inside a dependent type.
template <fixed_string A, fixed_string B>
inline constexpr fixed_string<sizeof(A.chars) + sizeof(B.chars) - 1> cat = [] {
    constexpr std::size_t a = sizeof(A.chars) - 1, b = sizeof(B.chars);
    auto out = detail::blank<a + b>();
    for (std::size_t i = 0; i < a; ++i) out.chars[i] = A.chars[i];
    for (std::size_t i = 0; i < b; ++i) out.chars[a + i] = B.chars[i];
    return out;
}();

/// The decimal digits of a non-negative I.
template <count_t I>
inline constexpr fixed_string<detail::digits(I) + 1> number = [] {
    static_assert(I >= 0, "netshape: a module index is not negative");
    constexpr std::size_t n = detail::digits(I);
    auto out = detail::blank<n + 1>();
    count_t v = I;
    for (std::size_t i = n; i-- > 0; v /= 10) out.chars[i] = static_cast<char>('0' + v % 10);
    return out;
}();

/// P + "." + I: the I-th child of a torch.nn.Sequential named P ("features" and 3: "features.3").
template <fixed_string P, count_t I>
inline constexpr fixed_string<sizeof(P.chars) + detail::digits(I) + 1> dot = cat<cat<P, ".">, number<I>>;

/// `sub<P, ".conv1", L>`: L named P + ".conv1".
template <fixed_string P, fixed_string Suffix, class L>
using sub = named<cat<P, Suffix>, L>;

/// `at<P, I, L>`: L named P + "." + I.
template <fixed_string P, count_t I, class L>
using at = named<dot<P, I>, L>;

}  // namespace netshape::zoo
