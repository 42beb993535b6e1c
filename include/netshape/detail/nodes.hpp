// netshape/detail/nodes.hpp: gluing the node arrays of a type's parts into one flat array.
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <type_traits>

#include <netshape/detail/spec.hpp>

namespace netshape::detail {

/// A layer is a type with either a static constexpr array `nodes` of spec (a leaf, or any user
/// type), or a block's three members: `size` (its node count), `counts` and `copy`, a function
/// writing its nodes. Blocks write their children's nodes straight into their parent's array, so
/// a network's nodes are copied once, however deep its blocks nest. (Traits, not concepts: clang
/// adds lines of notes per concept check to every diagnostic that passes through one.)
template <class T, class = void>
struct has_nodes : std::false_type {};
template <class T>
struct has_nodes<T, std::void_t<decltype(T::nodes)>> : std::true_type {};
template <class T, class = void>
struct has_copy : std::false_type {};
template <class T>
struct has_copy<T, std::void_t<decltype(&T::copy)>> : std::true_type {};
template <class T>
inline constexpr bool is_layer_v = has_nodes<T>::value || has_copy<T>::value;

/// Reports a non-layer where a layer is expected, naming the type in the instantiation context.
/// Static assertions that report a user's mistake live in function bodies reached through
/// decltype: one failing at class scope makes clang mark the whole class invalid, and every later
/// use of it adds errors ("not a constant expression", "no member named nodes") to the diagnostic.
template <class T>
constexpr auto report_not_a_layer() {
    static_assert(is_layer_v<T>, "netshape: not a layer (options such as stride<> go inside a layer's <...>)");
    return true;
}

/// How many leaves a part holds, how deep its blocks nest, and whether it opens a block (a begin
/// marker). Blocks state them (joined<> sums them from their parts); for any other layer type
/// they are counted from its (short) node array.
struct shape_of_part {
    std::size_t leaves = 0;
    std::size_t depth = 0;
    bool opens = false;
};

template <std::size_t N>
constexpr shape_of_part count_nodes(const std::array<spec, N>& nodes) {
    shape_of_part c{};
    std::size_t open = 0;
    for (const spec& s : nodes) {
        if (s.kind == kind::block_begin || s.kind == kind::merge_begin) {
            if (++open > c.depth) c.depth = open;
        } else if (s.kind == kind::block_end || s.kind == kind::merge_end) {
            if (open > 0) --open;
        } else if (!is_structure(s.kind)) {
            ++c.leaves;
        }
    }
    return c;
}

/// Everything joined<> needs of one part, in one class per part type (each extra trait class per
/// part is measurable over a zoo's two thousand part types).
template <class T>
struct layer_nodes {
    using reported = decltype(report_not_a_layer<T>());
    static constexpr std::size_t size = 0;
    static constexpr shape_of_part counts{};
    static constexpr spec* copy(spec* out) { return out; }
};
template <class T>
    requires has_copy<T>::value
struct layer_nodes<T> {
    static constexpr std::size_t size = T::size;
    static constexpr shape_of_part counts = T::counts;
    static constexpr spec* copy(spec* out) { return T::copy(out); }
};
template <class T>
    requires (has_nodes<T>::value && !has_copy<T>::value)
struct layer_nodes<T> {
    static constexpr std::size_t size = T::nodes.size();
    static constexpr shape_of_part counts = count_nodes(T::nodes);
    /// Writes the part's nodes to `out` and returns the end. For an array, the local copy
    /// matters: g++ re-reads a whole static constexpr array on every element access, which makes
    /// a loop over a large one quadratic.
    static constexpr spec* copy(spec* out) {
        if constexpr (T::nodes.size() == 1) {
            *out = T::nodes[0];
            return out + 1;
        } else {
            const auto local = T::nodes;
            for (const spec& s : local) *out++ = s;
            return out;
        }
    }
};

using node_copier = spec* (*)(spec*);

constexpr spec* copy_nothing(spec* out) { return out; }

/// The parts' nodes in order: a block's `size`, `counts` and `copy`, and (for a network, the one
/// place they are materialised) `nodes`. Pack expansions into arrays, then loops: neither the
/// compiler's template depth nor its fold-expression nesting grows with the pack (a fold over
/// thousands of layers hits clang's bracket limit and takes g++ tens of seconds).
constexpr std::size_t total_size(std::initializer_list<std::size_t> sizes) {
    std::size_t n = 0;
    for (std::size_t s : sizes) n += s;
    return n;
}

/// Leaves add up; the depth is one more than the deepest part's when a part opens a block (a
/// sequential or merge is begin marker, parts, end marker).
constexpr shape_of_part combined(std::initializer_list<shape_of_part> parts) {
    shape_of_part c{};
    bool opens = false;
    for (const shape_of_part& p : parts) {
        c.leaves += p.leaves;
        c.depth = p.depth > c.depth ? p.depth : c.depth;
        opens = opens || p.opens;
    }
    if (opens) c.depth += 1;
    return c;
}

template <class... Parts>
struct joined {
    // Plain functions over braced lists, not a lambda per instantiation: each closure type is a
    // class the compiler builds, and a zoo has hundreds of joined<> types.
    static constexpr std::size_t size = total_size({std::size_t{0}, layer_nodes<Parts>::size...});
    static constexpr shape_of_part counts = combined({shape_of_part{}, layer_nodes<Parts>::counts...});
    static constexpr spec* copy(spec* out) {
        const node_copier copiers[] = {&copy_nothing, &layer_nodes<Parts>::copy...};
        for (node_copier c : copiers) out = c(out);
        return out;
    }
};

/// A network's nodes, materialised once.
template <class... Parts>
struct flattened {
    static constexpr std::array<spec, joined<Parts...>::size> nodes = [] {
        std::array<spec, joined<Parts...>::size> out{};
        joined<Parts...>::copy(out.data());
        return out;
    }();
};

/// A single marker node.
template <kind What, merge How = merge::none, std::size_t Branches = 0>
struct marker {
    static constexpr std::size_t size = 1;
    static constexpr shape_of_part counts{0, 0, What == kind::block_begin || What == kind::merge_begin};
    static constexpr spec* copy(spec* out) {
        spec s{};
        s.kind = What;
        s.how = How;
        s.branches = static_cast<count_t>(Branches);
        *out = s;
        return out + 1;
    }
};

/// A leaf's one node. Layers call it with designated initializers (`leaf({.kind = kind::relu})`):
/// a plain function rather than a lambda per layer type, since each closure type is a class the
/// compiler builds and a zoo has a thousand layer types.
constexpr std::array<spec, 1> leaf(const spec& s) { return {s}; }

}  // namespace netshape::detail
