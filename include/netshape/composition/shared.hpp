// netshape/composition/shared.hpp: one block's weights used in several places (RetinaNet's head
// over every pyramid level, a Siamese network's two towers).
#pragma once

#include <netshape/detail/fixed_string.hpp>
#include <netshape/detail/nodes.hpp>

namespace netshape {

namespace detail {
/// A marker of shared<Tag, B>: a block marker (K: block_begin or block_end) whose spec says
/// merge::shared and holds the tag, and whose node carries facts::shared_block (so that the totals
/// pass, which skips a sequential's markers, stops at these).
template <kind K, fixed_string Tag>
struct shared_marker {
    static constexpr spec value{.kind = K, .how = merge::shared, .name = Tag.chars};
    static constexpr shape_of_part counts{1, 0, 0, K == kind::block_begin, K == kind::block_begin ? 1u : 0u};
    static constexpr node* copy(node* out) {
        *out = node{&value, "", facts::shared_block};
        return out + 1;
    }
};
}  // namespace detail

/// `shared<"tag", Block>`: Block, whose weights are those of every other `shared<>` with the same
/// tag in the network: one set of parameters used several times, as a PyTorch module called on
/// several tensors. The first use (in the node array's order, depth first) counts Block's weights,
/// biases and buffers; every later use counts its MACs and activations (it runs again) but no
/// parameters and no buffers (they are the first use's tensors: PyTorch's `parameters()` and
/// `buffers()` list them once). Every use must have weights of the same shapes as the first:
/// the same nodes in the same order, each of the same kind with the same filters or outputs,
/// kernel, groups, bias and branches (stride, padding, dilation, output padding, interpolation and
/// activation functions may differ: they shape no weight), the same input channels, and the same
/// weights, biases and buffers in all (which a dense layer after flatten over another size breaks);
/// otherwise "netshape: a shared block's weights differ in shape from its first use", naming the
/// first node that differs (or the block). In `nodes<Net>` a use is a sequential's block (block_begin
/// ... block_end) whose `how` is merge::shared; every node of a repeat has `repeat_of`, the index of
/// the same node in the first use, and the repeat's block row counts no parameters.
template <detail::fixed_string Tag, class Block>
struct shared {
    using all = detail::joined<detail::shared_marker<kind::block_begin, Tag>, Block, detail::shared_marker<kind::block_end, Tag>>;
    static constexpr const detail::shape_of_part& counts = all::counts;
    static constexpr detail::node_copier copy = all::copy;
};

}  // namespace netshape
