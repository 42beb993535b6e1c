// netshape/composition/branches.hpp: several branches over one input, merged.
#pragma once

#include <cstddef>

#include <netshape/detail/nodes.hpp>

namespace netshape {

namespace detail {
constexpr shape_of_part after_marker(shape_of_part c) {
    c.size += 1;
    return c;
}

/// One branch: a branch marker, then the branch's nodes.
template <class B>
struct branch_part {
    static constexpr shape_of_part counts = after_marker(layer_nodes<B>::counts);
    static constexpr node* copy(node* out) { return layer_nodes<B>::copy(marker<kind::branch>::copy(out)); }
};

template <merge How, class... B>
using merge_nodes = joined<marker<kind::merge_begin, How, sizeof...(B)>, branch_part<B>..., marker<kind::merge_end, How>>;
}  // namespace detail

// An empty merge is reported by the interpreter (rule::empty_merge), with its layer index;
// a static_assert here would make clang mark the class invalid and cascade.

/// `concat<B...>`: every branch sees the input; outputs must agree in height and width; channels
/// add up. The concatenated tensor counts as activations. Receptive field: the largest branch's.
template <class... B>
struct concat {
    static constexpr const detail::shape_of_part& counts = detail::merge_nodes<merge::concat, B...>::counts;
    static constexpr detail::node_copier copy = detail::merge_nodes<merge::concat, B...>::copy;
};

/// `add<B...>`: element-wise sum; every branch's output must have the same shape (a residual
/// connection whose shapes differ is a design error, so no broadcasting). In place: no activations.
template <class... B>
struct add {
    static constexpr const detail::shape_of_part& counts = detail::merge_nodes<merge::add, B...>::counts;
    static constexpr detail::node_copier copy = detail::merge_nodes<merge::add, B...>::copy;
};

/// `multiply<B...>`: element-wise product with broadcasting as in PyTorch: on each of height,
/// width and channels the branches agree or one of them is 1 (squeeze-and-excitation multiplies
/// 1×1×C by H×W×C). No activations counted, like add.
template <class... B>
struct multiply {
    static constexpr const detail::shape_of_part& counts = detail::merge_nodes<merge::multiply, B...>::counts;
    static constexpr detail::node_copier copy = detail::merge_nodes<merge::multiply, B...>::copy;
};

}  // namespace netshape
