// netshape/kinds.hpp: every layer kind, with its rule: the table the printer reads by kind, and
// the proof that no kind registered in kind.hpp lacks a rule (a missing one does not compile).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include <netshape/composition/input.hpp>
#include <netshape/composition/sequential.hpp>
#include <netshape/kind_rule.hpp>
#include <netshape/layers/activation.hpp>
#include <netshape/layers/attention.hpp>
#include <netshape/layers/channels.hpp>
#include <netshape/layers/conv.hpp>
#include <netshape/layers/dense.hpp>
#include <netshape/layers/multiscale.hpp>
#include <netshape/layers/norm.hpp>
#include <netshape/layers/pool.hpp>
#include <netshape/layers/resample.hpp>
#include <netshape/layers/tokens.hpp>

namespace netshape {

namespace detail {
template <std::size_t... I>
constexpr std::array<const kind_info*, sizeof...(I)> make_kind_table(std::index_sequence<I...>) {
    return {&kind_info_of<static_cast<kind>(I)>...};
}
template <class D, std::size_t... I>
constexpr std::array<const kind_extras*, sizeof...(I)> make_extras_table(std::index_sequence<I...>) {
    return {&kind_extras_of<static_cast<kind>(I)>...};
}
inline constexpr kind_extras no_extras{};
/// Built only where read: a variable template whose initializer depends on D (g++ evaluates a
/// template's non-dependent initializer where it is defined), instantiated by extras_of's first use.
template <class D = void>
inline constexpr std::array<const kind_extras*, static_cast<std::size_t>(kind::block_begin)> extras_table =
    make_extras_table<D>(std::make_index_sequence<static_cast<std::size_t>(kind::block_begin)>{});
}  // namespace detail

/// Number of layer kinds (every enumerator of `kind` before the structural markers).
inline constexpr std::size_t kind_count = static_cast<std::size_t>(kind::block_begin);

namespace detail {
static_assert(static_cast<std::size_t>(kind::merge_end) < 64, "netshape: kind_maps::kept holds one bit per kind");
/// What the exact receptive-field walk reads of every kind (receptive.hpp): its index map
/// (kind_rule::map, or what its positions imply), and one bit per kind that keeps positions, which
/// the walk skips: the leaves whose rule keeps them, and sequential's markers. Plain members, not
/// std::array or functions: the walk reads them at every node of every phase.
struct kind_maps {
    map_fn map[kind_count]{};
    std::uint64_t kept = 0;
};
template <class D, std::size_t... I>
constexpr kind_maps make_kind_maps(std::index_sequence<I...>) {
    constexpr auto bit = [](kind k) { return std::uint64_t(1) << static_cast<unsigned>(k); };
    return kind_maps{{walk_entry_of<kind_rule<static_cast<kind>(I)>>.map...},
                     ((walk_entry_of<kind_rule<static_cast<kind>(I)>>.kept ? bit(static_cast<kind>(I)) : 0) | ... |
                      (bit(kind::block_begin) | bit(kind::block_end)))};
}
/// Built only where a walk runs (a variable template whose initializer depends on D, as extras_table):
/// in kind_info, every file that includes netshape.hpp would pay for it (docs/design.md).
template <class D = void>
inline constexpr kind_maps kind_maps_of = make_kind_maps<D>(std::make_index_sequence<kind_count>{});
}  // namespace detail

/// Each layer kind's entry, indexed by kind.
inline constexpr std::array<const kind_info*, kind_count> kind_table =
    detail::make_kind_table(std::make_index_sequence<kind_count>{});

/// A layer kind's rule as data (name, options, ranks, storage); markers have none.
[[nodiscard]] constexpr const kind_info* info_of(kind k) {
    return is_structure(k) ? nullptr : kind_table[static_cast<std::size_t>(k)];
}

/// A layer kind's optional parts (kind_rule.hpp: spec_keys, word, scratch), for the printers and
/// the arena; markers have none.
template <class D = void>
[[nodiscard]] constexpr const kind_extras& extras_of(kind k) {
    return is_structure(k) ? detail::no_extras : *detail::extras_table<D>[static_cast<std::size_t>(k)];
}

template <bool Read>
constexpr detail::wide scratch_of(kind k, const spec& s, const shape& in, const shape& out) {
    return extras_of<std::conditional_t<Read, void, void>>(k).scratch(s, in, out);  // 0 when it has none
}

/// The kind's name as written in code ("conv2d"); markers: "sequential", "merge", "branch", "end".
[[nodiscard]] constexpr const char* name_of(kind k) {
    switch (k) {
        case kind::block_begin: return "sequential";
        case kind::merge_begin: return "merge";
        case kind::branch: return "branch";
        case kind::block_end:
        case kind::merge_end: return "end";
        default: return kind_table[static_cast<std::size_t>(k)]->name;
    }
}

/// A row's short description, from its kind's rule ("conv 11×11/4, 96"); empty for markers.
[[nodiscard]] constexpr text description(const layer_record& r) {
    text out;
    if (!is_structure(r.kind)) info_of(r.kind)->describe(r, out);  // by kind: no pointer test (nodes.hpp)
    return out;
}

}  // namespace netshape
