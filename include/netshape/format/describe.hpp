// netshape/format/describe.hpp: the words and numbers of a row (format/core.hpp, shared by every
// output format), and every node's local and qualified name as strings (local_names,
// qualified_names), for your own tools. The printer (print.hpp) includes core.hpp, not this header:
// these two return std::vector, and a program that prints parses no <vector>.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <netshape/format/core.hpp>

namespace netshape::format {

/// A one-column cells' cells as strings.
template <class = void>
[[gnu::cold]] std::vector<std::string> strings_of(const cells& column) {
    std::vector<std::string> out;
    out.reserve(column.rows());
    for (std::size_t i = 0; i < column.rows(); ++i) out.emplace_back(column.at(i, 0));
    return out;
}

/// Every node's local name: its own, or, unnamed, its position in its scope as nn.Sequential
/// numbers children ("0", "1", ...); put_local_names says which scope.
template <class = void>
[[gnu::cold]] std::vector<std::string> local_names(const layer_record* nodes, std::size_t size) {
    cells names(1);
    put_local_names(names, nodes, size);
    return strings_of(names);
}

/// Every node's qualified name: the local names (local_names) of the scopes around it and its
/// own, joined with dots, as PyTorch spells module paths ("layer1" > "0" > "conv1" is
/// "layer1.0.conv1", an unnamed child of "features" is "features.0"). Names are kept local in the
/// types (so that a block is one type wherever it sits) and joined here, at run time. An unnamed
/// sequential's entry is its scope's path (it has no name and no row); every other node's path is
/// its own, never empty; end and branch markers repeat their block's or merge's.
template <class = void>
[[gnu::cold]] std::vector<std::string> qualified_names(const layer_record* nodes, std::size_t size) {
    cells paths(1);
    put_qualified_names(paths, nodes, size);
    return strings_of(paths);
}

}  // namespace netshape::format
