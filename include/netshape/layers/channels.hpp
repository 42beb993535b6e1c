// netshape/layers/channels.hpp: rearranging channels (ShuffleNet).
#pragma once

#include <netshape/detail/nodes.hpp>

namespace netshape {

/// ShuffleNet's channel shuffle with G groups: shape unchanged, G must divide C. A copy, so its
/// output counts as activations.
template <count_t G>
struct channel_shuffle {
    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::channel_shuffle, .units = G, .bias = false});
};

/// Channels [First, First + Count) of the input (a view; ShuffleNet's channel split is two of
/// these: `channel_slice<0, C/2>` and `channel_slice<C/2, C/2>`).
template <count_t First, count_t Count>
struct channel_slice {
    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::channel_slice, .units = Count, .first = First, .bias = false});
};

}  // namespace netshape
