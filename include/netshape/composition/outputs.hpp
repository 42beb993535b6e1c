// netshape/composition/outputs.hpp: side outputs (auxiliary classifiers, feature-pyramid levels).
#pragma once

#include <cstddef>
#include <type_traits>

#include <netshape/composition/branches.hpp>
#include <netshape/detail/nodes.hpp>

namespace netshape {

namespace detail {
/// Reports output<> given no head or several, naming the count in the instantiation context (a
/// function body reached through decltype, as report_not_a_layer: see nodes.hpp).
template <std::size_t Heads>
constexpr auto report_output_heads() {
    static_assert(Heads == 1, "netshape: output<Head> takes one layer or block (several in order: sequential<...>)");
    return true;
}

/// What output<> with the wrong number of heads contributes: nothing to evaluate (already reported).
struct reported_part {
    static constexpr const shape_of_part& counts = not_a_part;
    static constexpr node_copier copy = copy_nothing;
};

template <class... Head>
using output_nodes = std::conditional_t<sizeof...(Head) == 1, merge_nodes<merge::output, Head...>, reported_part>;
}  // namespace detail

/// `output<Head>`: a side output. Head (any layer or block) runs on the current tensor and its
/// result is one more output of the network; the main path goes on from the tensor Head was given,
/// with its shape and receptive field. In the node array it is a merge of one branch whose result
/// is not merged (merge::output): its row shows Head's output and totals, and every figure counts
/// Head (docs/figures.md: Head's input is alive while Head runs, and its result until the end).
/// output_shapes<Net> lists every output's shape, the main path's last.
template <class... Head>
struct output {
    using checked = decltype(detail::report_output_heads<sizeof...(Head)>());
    static constexpr const detail::shape_of_part& counts = detail::output_nodes<Head...>::counts;
    static constexpr detail::node_copier copy = detail::output_nodes<Head...>::copy;
};

}  // namespace netshape
