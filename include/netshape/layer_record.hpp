// netshape/layer_record.hpp: one row of a network's table, as the compiler computed it.
#pragma once

#include <cstddef>

#include <netshape/spec.hpp>

namespace netshape {

/// No node: layer_record::repeat_of of a node that repeats none.
inline constexpr std::size_t no_node = static_cast<std::size_t>(-1);

/// A node of a network with its input known: the spec it came from (kind, kernel, stride, ...)
/// and every figure of that node. `layers<Net>` holds the leaf layers' records; blocks and merges
/// carry their totals in the same fields (over everything between their markers). Each field that
/// holds a figure of figures.hpp has that figure's name (`output_shape<Net>`, `.output_shape`).
struct layer_record : spec {
    shape input_shape{};
    shape output_shape{};
    count_t weights = 0;
    count_t biases = 0;
    count_t params = 0;            // weights + biases
    count_t buffers = 0;           // non-learnable state (batch norm running mean and variance)
    count_t macs = 0;              // multiply-accumulates (docs/figures.md)
    count_t activations = 0;       // elements this node adds to the network's activation count
    count_t peak_activations = 0;  // elements alive while this node runs (the network's: the largest)
    field receptive_field{};       // receptive field of one output position, after this node
    std::size_t depth = 0;         // nesting level in blocks and branches
    std::size_t match = 0;         // block and merge markers: index of the matching begin or end node
    std::size_t index = 0;         // leaves: position in layers<Net>; others: leaves before this node
    std::size_t repeat_of = no_node;  // a node of a shared block's repeat (shared<Tag, B> after Tag's first
                                      // use): the index in nodes<Net> of the same node in the first use
};

}  // namespace netshape
