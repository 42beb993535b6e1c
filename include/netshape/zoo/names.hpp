// netshape/zoo/names.hpp: torchvision's local module names ("conv1", "0", "layer1").
//
// Every block and leaf carries only its own name, as torchvision's module tree does; the printer
// joins the names around a node into "layer1.0.conv1" (format::qualified_names). Nothing here
// depends on where a block sits, so an identical block is one type wherever it is used, and the
// compiler builds it once.
#pragma once

#include <cstddef>

#include <netshape/composition/named.hpp>
#include <netshape/detail/fixed_string.hpp>
#include <netshape/shape.hpp>

namespace netshape::zoo {

using netshape::detail::fixed_string;

namespace detail {

constexpr std::size_t digits(count_t i) {
    std::size_t n = 1;
    while (i >= 10) {
        i /= 10;
        ++n;
    }
    return n;
}

/// Word's characters (without its terminating zero) followed by the decimal digits of I.
template <std::size_t W, std::size_t N>
constexpr fixed_string<N> word_and_number(const char (&word)[W], count_t i) {
    char out[N]{};
    for (std::size_t k = 0; k + 1 < W; ++k) out[k] = word[k];
    for (std::size_t k = N - 1; k-- > W - 1; i /= 10) out[k] = static_cast<char>('0' + i % 10);
    return fixed_string<N>(out);
}

}  // namespace detail

/// "Word" followed by the decimal digits of a non-negative I: numbered<"layer", 1> is "layer1".
/// One per word and index (a handful per model), never per path. The type is explicit: g++ 12
/// cannot deduce `auto` for such a variable inside a dependent type.
template <fixed_string Word, count_t I>
inline constexpr fixed_string<sizeof(Word.chars) + detail::digits(I)> numbered = [] {
    static_assert(I >= 0, "netshape: a module index is not negative");
    return detail::word_and_number<sizeof(Word.chars), sizeof(Word.chars) + detail::digits(I)>(Word.chars, I);
}();

/// The decimal digits of a non-negative I: the name of a torch.nn.Sequential's I-th child.
template <count_t I>
inline constexpr fixed_string<detail::digits(I) + 1> number = numbered<"", I>;

/// `at<I, L>`: L as the I-th child of a Sequential, named "I".
template <count_t I, class L>
using at = named<number<I>, L>;

}  // namespace netshape::zoo
