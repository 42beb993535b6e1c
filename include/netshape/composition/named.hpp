// netshape/composition/named.hpp: giving a layer or block the name a framework would print.
#pragma once

#include <array>
#include <cstddef>

#include <netshape/detail/fixed_string.hpp>
#include <netshape/detail/nodes.hpp>

namespace netshape {

/// `named<"conv1", L>`: L, whose row (or block row) shows this name. Names are local: a layer
/// named "conv1" inside a block named "0" inside one named "layer1" prints as "layer1.0.conv1".
///
/// Nothing is copied to name a block: L's nodes are written where its parent gathers them, and
/// the name put on the first of them (an outer name wins over an inner one). An empty name is no
/// name: `named<"", L>` is L, so no printer ever shows an empty label or joins an empty path part.
template <detail::fixed_string Name, class L>
struct named {
    static constexpr const detail::shape_of_part& counts = detail::layer_nodes<L>::counts;
    static constexpr detail::node* copy(detail::node* out) {
        detail::node* const end = detail::layer_nodes<L>::copy(out);
        // Decided by counts, not by `end != out`: compile-time code compares no pointers (nodes.hpp).
        if constexpr (Name.chars[0] != '\0' && counts.size > 0) out->name = Name.chars;
        return end;
    }
};

}  // namespace netshape
