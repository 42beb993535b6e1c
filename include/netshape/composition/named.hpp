// netshape/composition/named.hpp: giving a layer or block the name a framework would print.
#pragma once

#include <array>
#include <cstddef>

#include <netshape/detail/fixed_string.hpp>
#include <netshape/detail/nodes.hpp>

namespace netshape {

/// `named<"layer1.0.conv1", L>`: L, whose row (or block row) shows this name.
template <detail::fixed_string Name, class L>
struct named {
    static constexpr auto nodes = [] {
        auto out = detail::layer_nodes<L>::nodes;  // a copy
        if constexpr (detail::layer_nodes<L>::nodes.size() > 0) out[0].name = Name.chars;
        return out;
    }();
    static constexpr detail::shape_of_part counts = detail::layer_nodes<L>::counts;
};

}  // namespace netshape
