// netshape/detail/nodes.hpp: gluing the node arrays of a type's parts into one flat array.
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <type_traits>

#include <netshape/detail/checked.hpp>
#include <netshape/kind_rule.hpp>
#include <netshape/spec.hpp>

namespace netshape::detail {

// A layer is a type with either a static constexpr array `nodes` of spec (a leaf, or any user
// type), or a block's two members: `counts` (a shape_of_part) and `copy`, writing its nodes.
// Blocks write their children's nodes straight into their parent's array, so a network's nodes
// are written once, however deep its blocks nest.

/// Reports a non-layer where a layer is expected, naming the type in the instantiation context.
/// Static assertions that report a user's mistake live in function bodies reached through
/// decltype: one failing at class scope makes clang mark the whole class invalid, and every later
/// use of it adds errors ("not a constant expression", "no member named nodes") to the diagnostic.
template <class T>
constexpr auto report_not_a_layer() {
    static_assert(sizeof(T*) == 0,  // never true: reached only for a type that is not a layer
                  "netshape: not a layer (options such as stride<> go inside a layer's <...>)");
    return true;
}

/// How many nodes and leaves a part holds, how deep its blocks nest, and whether it opens a block
/// (a begin marker). Blocks state them (joined<> sums them from their parts); for any other layer
/// type they are counted from its (short) node array. One member per part type, not one per
/// figure: each static member is instantiated once for each of a zoo's two thousand part types.
struct shape_of_part {
    std::size_t size = 0;
    std::size_t leaves = 0;
    std::size_t depth = 0;
    bool opens = false;
    /// Three counts in one sum (combined() adds one field, not three: a statement per part, which
    /// every network pays): shared<Tag, B> uses (the interpreter keeps a record of each) below bit
    /// 32, the leaves that go up (receptive.hpp: only then is the field walked) in bits 32 to 47,
    /// and above them the types that are not layers (already reported: nothing is evaluated).
    std::size_t tally = 0;

    static constexpr std::size_t up_one = std::size_t(1) << 32;
    static constexpr std::size_t foreign_one = std::size_t(1) << 48;
    [[nodiscard]] constexpr std::size_t shared() const { return tally & (up_one - 1); }
    [[nodiscard]] constexpr bool goes_up() const { return (tally & (foreign_one - up_one)) != 0; }
    [[nodiscard]] constexpr bool foreign() const { return tally >= foreign_one; }
};

inline constexpr shape_of_part no_part{};
inline constexpr shape_of_part not_a_part{0, 0, 0, false, shape_of_part::foreign_one};

/// A leaf whose kind goes up (kind_rule::goes_up): after it the positions of one map differ by phase
/// (receptive.hpp).
constexpr bool goes_up(const spec& s) { return !is_structure(s.kind) && (s.info->facts & facts::goes_up) != 0; }

template <std::size_t N>
constexpr shape_of_part count_nodes(const std::array<spec, N>& nodes) {
    shape_of_part c{N};
    std::size_t open = 0;
    for (const spec& s : nodes) {
        if (s.kind == kind::block_begin || s.kind == kind::merge_begin) {
            if (++open > c.depth) c.depth = open;
        } else if (s.kind == kind::block_end || s.kind == kind::merge_end) {
            if (open > 0) --open;
        } else if (!is_structure(s.kind)) {
            ++c.leaves;
            if ((s.info->facts & facts::goes_up) != 0) c.tally += shape_of_part::up_one;
            if (s.kernel.height == refused_extent) c.tally += shape_of_part::foreign_one;  // reported: window_arg
        }
    }
    return c;
}

/// One entry of a network's node array: the spec of a layer or marker, pointed to rather than
/// copied (it is a static constexpr object of that type: copying a spec's two dozen fields per
/// node was most of the cost of building a long network's array), and the name it shows.
struct node {
    const spec* what = nullptr;
    const char* name = "";       // named<"...", L>: on L's first node; else the spec's own ("": none)
    unsigned facts = 0;          // its kind's kind_info::facts (0 for markers)
};

constexpr bool bounded(const depth_axis& d) {
    return d.kernel < dimension_limit && d.stride < dimension_limit && d.pad < dimension_limit &&
           d.dilation < dimension_limit && d.output_padding < dimension_limit;
}

/// Every value of a spec is below dimension_limit (so that the rules' 128-bit products are exact):
/// worked out once per layer type, not at every node the interpreter visits.
constexpr bool bounded(const spec& s) {
    return s.units < dimension_limit && s.groups < dimension_limit && s.first < dimension_limit && bounded(s.kernel) &&
           bounded(s.stride) && bounded(s.pad) && bounded(s.dilation) && bounded(s.output_padding) && bounded(s.along_depth);
}

/// A leaf's facts: its kind's, and what its spec alone breaks (a value too large, its rule's check).
constexpr unsigned facts_of(const spec& s) {
    return s.info->facts | (bounded(s) ? 0u : facts::oversized) |
           static_cast<unsigned>(s.info->check(s)) << facts::rule_bits;
}

/// A node array's entries, each pointing at its spec and carrying the spec's own name and its
/// kind's facts. The facts are read by kind, not by testing `info` against nullptr: g++ with
/// -fsanitize=null (which implies -fno-delete-null-pointer-checks) cannot compare an object's
/// address with nullptr, or with another object's, in a constant expression, so compile-time code
/// here never compares pointers.
template <std::size_t N>
constexpr std::array<node, N> entries_of(const std::array<spec, N>& nodes) {
    std::array<node, N> out{};
    for (std::size_t i = 0; i < N; ++i)
        out[i] = node{&nodes[i], nodes[i].name, is_structure(nodes[i].kind) ? 0u : facts_of(nodes[i])};
    return out;
}

/// Writes a part's nodes through `out` and returns the end.
using node_copier = node* (*)(node*);

/// Whether a leaf type's options were refused when its type was read (options.hpp's check_options,
/// kept as the layer's `options_checked`, std::false_type then): the error is reported, and the
/// network counts the layer as a part that is not one, so that nothing is evaluated.
template <class T>
inline constexpr bool options_refused = false;
template <class T>
    requires requires { typename T::options_checked; }
inline constexpr bool options_refused<T> = !T::options_checked::value;

constexpr shape_of_part refused(shape_of_part c, bool refused_options) {
    if (refused_options) c.tally += shape_of_part::foreign_one;
    return c;
}

/// Which kind of part T is: 1 a block (counts and copy), 2 a node array, 0 not a layer. A variable
/// template, so that it is worked out once per type: as a default template argument it was worked
/// out again at every mention of layer_nodes<T> (a tenth of a 16,000-layer chain on clang).
template <class T>
inline constexpr int part_kind = requires { &T::copy; } ? 1 : requires { T::nodes; } ? 2 : 0;

/// Everything joined<> needs of one part, in one class per part type: `counts` and `copy`.
/// A block's counts are referred to, not copied: every copy of a struct is work for the constant
/// evaluator.
template <class T>
struct layer_nodes {
    using reported = decltype(report_not_a_layer<T>());
    static constexpr const shape_of_part& counts = not_a_part;
    static constexpr node* copy(node* out) { return out; }
};
template <class T>
    requires(part_kind<T> == 1)
struct layer_nodes<T> {
    static constexpr const shape_of_part& counts = T::counts;
    static constexpr node_copier copy = T::copy;
};
template <class T>
    requires(part_kind<T> == 2)
struct layer_nodes<T> {
    static constexpr shape_of_part counts = refused(count_nodes(T::nodes), options_refused<T>);
    static constexpr auto entries = entries_of(T::nodes);
    static constexpr node first = entries[0];  // a scalar: g++ copies an array per read
    static constexpr node* copy(node* out) {
        if constexpr (T::nodes.size() == 1) {
            *out = first;
            return out + 1;
        } else {
            const auto local = entries;
            for (const node& n : local) *out++ = n;
            return out;
        }
    }
};

constexpr node* copy_nothing(node* out) { return out; }

/// Nodes and leaves add up; the depth is one more than the deepest part's when a part opens a
/// block (a sequential or merge is begin marker, parts, end marker). Pointers, not copies: clang
/// evaluates a braced list of ten thousand structs at twice the cost of one of pointers to them.
constexpr shape_of_part combined(std::initializer_list<const shape_of_part*> parts) {
    shape_of_part c{};
    bool opens = false;
    for (const shape_of_part* p : parts) {
        c.size += p->size;
        c.leaves += p->leaves;
        c.depth = p->depth > c.depth ? p->depth : c.depth;
        opens = opens || p->opens;
        c.tally += p->tally;
    }
    if (opens) c.depth += 1;
    return c;
}

/// The parts' nodes in order: a block's `counts` and `copy`. Pack expansions into arrays,
/// then loops: neither the compiler's template depth nor its fold-expression nesting grows with
/// the pack (a fold over thousands of layers hits clang's bracket limit and takes g++ tens of
/// seconds). Plain functions over braced lists, not a lambda per instantiation: each closure type
/// is a class the compiler builds, and a zoo has hundreds of joined<> types.
template <class... Parts>
struct joined {
    static constexpr shape_of_part counts = combined({&no_part, &layer_nodes<Parts>::counts...});
    static constexpr node* copy(node* out) {
        const node_copier copiers[] = {&copy_nothing, layer_nodes<Parts>::copy...};
        for (node_copier c : copiers) out = c(out);
        return out;
    }
};

/// A network's nodes, materialised once.
template <class... Parts>
struct flattened {
    static constexpr std::array<node, joined<Parts...>::counts.size> nodes = [] {
        std::array<node, joined<Parts...>::counts.size> out{};
        joined<Parts...>::copy(out.data());
        return out;
    }();
};

/// A single marker node.
template <kind What, merge How = merge::none, std::size_t Branches = 0>
struct marker {
    static constexpr spec value{.kind = What, .how = How, .branches = static_cast<count_t>(Branches)};
    static constexpr shape_of_part counts{1, 0, 0, What == kind::block_begin || What == kind::merge_begin};
    static constexpr node* copy(node* out) {
        *out = node{&value};
        return out + 1;
    }
};

/// A leaf's one node, of kind K (its spec points at K's rule). Layers call it with designated
/// initializers (`leaf<kind::dense>({.units = N})`): a function per kind rather than a lambda per
/// layer type, since each closure type is a class the compiler builds and a zoo has a thousand.
template <kind K>
constexpr std::array<spec, 1> leaf(spec s) {
    s.kind = K;
    s.info = &kind_info_of<K>;
    return {s};
}

}  // namespace netshape::detail
