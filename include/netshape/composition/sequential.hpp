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

/// Passes its input through: the shortcut branch of a residual block.
struct identity {
    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::identity, .bias = false});
};

}  // namespace netshape
