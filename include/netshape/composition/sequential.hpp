// netshape/composition/sequential.hpp: layers applied in order, as one layer.
#pragma once

#include <netshape/detail/nodes.hpp>

namespace netshape {

/// `sequential<L...>`: L... applied in order; usable wherever a layer is (a branch, a stage, a
/// block to name). Its nodes are its layers' nodes between two markers, which the printer uses
/// to indent and to total a block.
template <class... L>
struct sequential {
    using all = detail::joined<detail::marker<kind::block_begin>, L..., detail::marker<kind::block_end>>;
    static constexpr const detail::shape_of_part& counts = all::counts;
    static constexpr detail::node_copier copy = all::copy;
};

/// identity's rule: passes its input through (the shortcut branch of a residual block); in place.
template <>
struct kind_rule<kind::identity> {
    static constexpr const char* name = "identity";
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::any;
    static constexpr storage stores = storage::in_place;
    static constexpr per_channel counts{};
    static constexpr void describe(const layer_record&, text& out) { out << "identity"; }
};

/// `identity`: see its rule above.
struct identity {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::identity>({.bias = false});
};

}  // namespace netshape
