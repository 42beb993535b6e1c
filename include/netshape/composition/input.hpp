// netshape/composition/input.hpp: what a network starts from.
#pragma once

#include <netshape/detail/nodes.hpp>

namespace netshape {

/// `input<Height, Width, Channels>`: the first element of every network, and nowhere else.
template <count_t Height, count_t Width, count_t Channels>
struct input {
    static constexpr shape value{Height, Width, Channels};
    // As a node it exists only so that an input in the middle of a network is reported there.
    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::input, .given = value, .bias = false});
};

namespace detail {
template <class T>
struct is_input : std::false_type {};
template <count_t H, count_t W, count_t C>
struct is_input<input<H, W, C>> : std::true_type {};
}  // namespace detail

}  // namespace netshape
