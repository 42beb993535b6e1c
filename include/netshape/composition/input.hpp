// netshape/composition/input.hpp: what a network starts from.
#pragma once

#include <type_traits>

#include <netshape/detail/nodes.hpp>

namespace netshape {

/// input's rule: the first element of every network and nowhere else. As a node it exists only so
/// that an input in the middle of a network is reported there.
template <>
struct kind_rule<kind::input> {
    static constexpr const char* name = "input";
    static constexpr positions_are positions = positions_are::kept;
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::any;
    static constexpr storage stores = storage::new_tensor;
    static constexpr rule apply(const spec&, layer_record&) { return rule::input_not_first; }
    static constexpr void describe(const layer_record&, text& out) { out << "input"; }
};

namespace detail {
/// An input of the given shape (the four spellings below).
template <shape S>
struct input_of {
    static constexpr shape value = S;
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::input>({.bias = false});
};
}  // namespace detail

/// `input<Height, Width, Channels>`: an image.
template <count_t Height, count_t Width, count_t Channels>
struct input : detail::input_of<shape::image(Height, Width, Channels)> {};

/// `input_sequence<Length, Channels>`: a sequence of tokens, or a signal of Length samples.
template <count_t Length, count_t Channels>
struct input_sequence : detail::input_of<shape::sequence(Length, Channels)> {};

/// `input_volume<Depth, Height, Width, Channels>`: a video clip or a 3-D scan.
template <count_t Depth, count_t Height, count_t Width, count_t Channels>
struct input_volume : detail::input_of<shape::volume(Depth, Height, Width, Channels)> {};

/// `input_vector<Channels>`: a feature vector.
template <count_t Channels>
struct input_vector : detail::input_of<shape::vector(Channels)> {};

namespace detail {
template <class T>
struct is_input : std::false_type {};
template <count_t H, count_t W, count_t C>
struct is_input<input<H, W, C>> : std::true_type {};
template <count_t L, count_t C>
struct is_input<input_sequence<L, C>> : std::true_type {};
template <count_t D, count_t H, count_t W, count_t C>
struct is_input<input_volume<D, H, W, C>> : std::true_type {};
template <count_t C>
struct is_input<input_vector<C>> : std::true_type {};
}  // namespace detail

}  // namespace netshape
