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
/// L's nodes are shared, not copied: the name is applied when a block or network gathers its
/// parts (detail::layer_nodes::copy), so naming a large block costs nothing.
template <detail::fixed_string Name, class L>
struct named {
    static constexpr const auto& nodes = detail::layer_nodes<L>::nodes;
    static constexpr const char* rename = Name.chars;
    static constexpr detail::shape_of_part counts = detail::layer_nodes<L>::counts;
};

}  // namespace netshape
