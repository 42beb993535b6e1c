// netshape/layers/channels.hpp: rearranging channels (ShuffleNet).
#pragma once

#include <netshape/detail/nodes.hpp>

namespace netshape {

/// channel_shuffle's rule: ShuffleNet's channel shuffle with G groups: shape unchanged, G must
/// divide C. A copy, so its output counts as activations.
template <>
struct kind_rule<kind::channel_shuffle> {
    static constexpr const char* name = "channel_shuffle";
    static constexpr positions_are positions = positions_are::kept;
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::any;
    static constexpr storage stores = storage::new_tensor;
    static constexpr rule apply(const spec& s, layer_record& r) {
        return s.units <= 0 || r.input_shape.channels % s.units != 0 ? rule::shuffle_groups_not_dividing : rule::none;
    }
    static constexpr void describe(const layer_record& r, text& out) {
        out << "channel shuffle, " << r.units << " groups";
    }
};

/// channel_slice's rule: channels [first, first + count) of the input, a view (no activations).
template <>
struct kind_rule<kind::channel_slice> {
    static constexpr const char* name = "channel_slice";
    static constexpr positions_are positions = positions_are::kept;
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::any;
    static constexpr storage stores = storage::view;
    static constexpr rule apply(const spec& s, layer_record& r) {
        if (s.first < 0 || s.units <= 0 || s.first > r.input_shape.channels - s.units) return rule::slice_out_of_range;
        r.output_shape.channels = s.units;
        return rule::none;
    }
    static constexpr void describe(const layer_record& r, text& out) {
        out << "channels " << r.first << "–" << r.first + r.units - 1;
    }
};

/// `channel_shuffle<G>`: see its rule above.
template <count_t G>
struct channel_shuffle {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::channel_shuffle>({.units = G, .bias = false});
};

/// `channel_slice<First, Count>`: see its rule above (ShuffleNet's channel split is two of these:
/// `channel_slice<0, C/2>` and `channel_slice<C/2, C/2>`).
template <count_t First, count_t Count>
struct channel_slice {
    static constexpr std::array<spec, 1> nodes =
        detail::leaf<kind::channel_slice>({.units = Count, .first = First, .bias = false});
};

}  // namespace netshape
