// netshape/kind_rule.hpp: what a layer kind is. Each kind is one `kind_rule<kind::K>`, written in
// its own header beside the layer template that uses it; this header says what a rule holds.
//
//   template <> struct kind_rule<kind::channel_shuffle> {
//       static constexpr const char* name = "channel_shuffle";
//       static constexpr unsigned options = 0;                 // option tags it takes (options.hpp)
//       static constexpr unsigned ranks = ranks::any;          // tensor ranks it accepts
//       static constexpr storage stores = storage::new_tensor; // its output: new, in place, or a view
//       static constexpr rule apply(const spec& s, layer_record& r);  // shape, counts, receptive field
//       static constexpr rule check(const spec& s);   // optional: what a spec breaks on its own
//       static constexpr void describe(const layer_record& r, text& out);
//       // optional (spec_keys.hpp): spec members it keeps beyond the common JSON keys, and under
//       // which key; the members two uses of a shared<> block compare (default_weight_fields)
//       static constexpr spec_key spec_keys[] = {{"fast", key_form::flag, spec_field::mode, 1}};
//       static constexpr unsigned weight_fields = default_weight_fields;
//       static constexpr const char* word(const spec& s);  // optional: its name in code when not `name`
//       static constexpr wide scratch(const spec&, const shape& in, const shape& out);  // optional
//       // its index map along one axis, for the exact receptive field (index_map.hpp), or what its
//       // positions are without one (element-wise kinds: kept by default); goes_up when it upsamples
//       static constexpr detail::leaf_map map(const layer_record& r, int axis, const detail::span& o);
//       static constexpr positions_are positions = positions_are::kept;   // or tokens: not modelled
//       static constexpr bool goes_up = false;                            // optional, with a map
//   };
//
// An element-wise kind (shape and receptive field unchanged, counts proportional to the channels)
// gives `static constexpr per_channel counts{...}` instead of apply, and takes the interpreter's
// short path. docs/contributing.md walks through adding a kind.
#pragma once

#include <concepts>
#include <cstddef>
#include <type_traits>

#include <netshape/detail/checked.hpp>
#include <netshape/errors.hpp>
#include <netshape/index_map.hpp>
#include <netshape/layer_record.hpp>
#include <netshape/options.hpp>
#include <netshape/spec_keys.hpp>

namespace netshape {

/// Where a kind's output lives, which decides whether it counts as activations (docs/figures.md):
/// a new tensor does; an in-place function (ReLU) or a view (flatten) shares its input's.
enum class storage : unsigned char { new_tensor, in_place, view };

/// The tensor ranks a kind accepts, as a bit set (shape.hpp: 1 vector, 2 sequence, 3 image, 4 volume).
namespace ranks {
inline constexpr unsigned vector = 1u << 1;
inline constexpr unsigned sequence = 1u << 2;
inline constexpr unsigned image = 1u << 3;
inline constexpr unsigned volume = 1u << 4;
inline constexpr unsigned any = vector | sequence | image | volume;
}  // namespace ranks

[[nodiscard]] constexpr bool accepts(unsigned rank_set, int rank) { return ((rank_set >> rank) & 1u) != 0; }

/// What a kind does to positions, for the exact receptive-field walk (detail/receptive.hpp): keeps
/// every one (output o reads input o on every axis: the walk skips it), moves them by its own index
/// map (kind_rule::map), or works on tokens, whose positions the walk does not model (it gives up and
/// the field is the recurrence's). A kind that is not element-wise says which; without a map or a
/// declared `positions` it does not compile, so that no kind that moves positions is taken as exact
/// by default.
enum class positions_are : unsigned char { kept, mapped, tokens };

/// An element-wise kind's learnable and stored values per channel (batch norm: 1, 1, 2).
struct per_channel {
    count_t weights = 0;
    count_t biases = 0;
    count_t buffers = 0;
};

/// A short description of a row ("conv 11×11/4, 96"), written at compile time or run time
/// without <string> (the core includes no printing headers). Longer text is cut at capacity.
class text {
public:
    static constexpr std::size_t capacity = 127;

    constexpr text& operator<<(const char* s) {
        while (*s != '\0' && size_ < capacity) data_[size_++] = *s++;
        return *this;
    }
    constexpr text& operator<<(char c) {
        if (size_ < capacity) data_[size_++] = c;
        return *this;
    }
    constexpr text& operator<<(long long n) {
        char digits[24]{};
        std::size_t k = 0;
        const bool negative = n < 0;
        unsigned long long u = negative ? 0ull - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
        do {
            digits[k++] = static_cast<char>('0' + u % 10);
            u /= 10;
        } while (u != 0);
        if (negative) *this << '-';
        while (k > 0) *this << digits[--k];
        return *this;
    }
    constexpr text& operator<<(long n) { return *this << static_cast<long long>(n); }
    constexpr text& operator<<(int n) { return *this << static_cast<long long>(n); }
    constexpr text& operator<<(unsigned long n) { return *this << static_cast<long long>(n); }
    /// "3×3"
    constexpr text& operator<<(const hw& v) { return *this << v.height << "×" << v.width; }

    [[nodiscard]] constexpr const char* c_str() const { return data_; }
    [[nodiscard]] constexpr std::size_t size() const { return size_; }
    friend constexpr bool operator==(const text& t, const char* s) {
        std::size_t i = 0;
        for (; s[i] != '\0'; ++i)
            if (i >= t.size_ || t.data_[i] != s[i]) return false;
        return i == t.size_;
    }

private:
    char data_[capacity + 1]{};
    std::size_t size_ = 0;
};

/// A rule as a table entry: what the interpreter and the printer read of a kind. Every node's
/// spec points at its kind's entry (spec::info), so the interpreter reaches a kind's rule in one
/// read, with no switch over kinds (docs/design.md).
struct kind_info {
    const char* name = "";
    unsigned options = 0;
    unsigned ranks = 0;
    storage stores = storage::new_tensor;
    bool elementwise = false;
    per_channel counts{};
    /// Called with r.input_shape, r.output_shape (= the input), r.receptive_field (the field before
    /// it) set and every count zero; sets what the kind changes and returns the rule it breaks.
    rule (*apply)(const spec&, layer_record&) = nullptr;
    /// The rules a spec breaks on its own, whatever its input (a kernel of zero, filters not
    /// divisible by groups): worked out once per layer type, when its node is made, and reported
    /// at that layer before apply is called; apply may then take them as kept.
    rule (*check)(const spec&) = nullptr;
    void (*describe)(const layer_record&, text&) = nullptr;
    /// ranks, stores, elementwise and counts packed in one integer (detail::facts), which each
    /// node carries: g++'s evaluator pays for every read through a pointer to a static object.
    unsigned facts = 0;
    /// The spec fields that shape its weights (kind_rule::weight_fields; spec_keys.hpp).
    unsigned weight_fields = default_weight_fields;
};

/// A rule's optional parts that only a printer or the arena reads (kind_extras_of, kinds.hpp), kept
/// out of kind_info so that a network's figures never build them: its spec_keys (spec_keys.hpp),
/// none by default; the node's kind as written in code where that is not `name` (an activation's
/// function, "global_avg_pool"); the scratch its computation holds while it runs, in elements
/// (conv2d's im2col buffer, which arena.hpp's im2col option places).
namespace detail {
// The defaults are functions, not null pointers: g++ with -fsanitize=undefined rejects comparing a
// function's address with null in a constant expression (tests/sanitized).
constexpr const char* no_word(const spec&) { return ""; }
constexpr wide no_scratch(const spec&, const shape&, const shape&) { return 0; }
}  // namespace detail

struct kind_extras {
    const spec_key* keys = nullptr;
    std::size_t key_count = 0;
    const char* (*word)(const spec&) = &detail::no_word;  // "": the rule's name
    detail::wide (*scratch)(const spec&, const shape& in, const shape& out) = &detail::no_scratch;
};

/// Each kind's rule: specialized in the kind's header. The primary template is never defined, so
/// a kind registered in kind.hpp without a rule does not compile (kinds.hpp instantiates them all).
template <kind K>
struct kind_rule;

namespace detail {

template <class R>
concept describes = requires(const layer_record& r, text& out) {
    { R::name } -> std::convertible_to<const char*>;
    { R::options } -> std::convertible_to<unsigned>;
    { R::ranks } -> std::convertible_to<unsigned>;
    { R::stores } -> std::convertible_to<storage>;
    R::describe(r, out);
};
template <class R>
concept applies = requires(const spec& s, layer_record& r) {
    { R::apply(s, r) } -> std::same_as<rule>;  // a static function, or a pointer to one
};
template <class R>
concept checks = requires(const spec& s) {
    { R::check(s) } -> std::same_as<rule>;  // a static function, or a pointer to one
};
template <class R>
concept elementwise = requires {
    { R::counts } -> std::convertible_to<per_channel>;
};

/// The bits of kind_info::facts.
namespace facts {
inline constexpr unsigned elementwise = 1u;      // bit 0
inline constexpr unsigned new_tensor = 1u << 1;  // bit 1; ranks in bits 2..6 (ranks << 1)
inline constexpr unsigned oversized = 1u << 7;    // a node's own: a spec value at or above dimension_limit
inline constexpr unsigned shared_block = 1u << 7; // a block marker's own (markers have no other facts): shared<Tag, B>'s
inline constexpr unsigned count_bits = 8;         // per-channel weights, biases, buffers: 4 bits each
inline constexpr unsigned goes_up = 1u << 20;     // kind_rule::goes_up (nodes.hpp, receptive.hpp)
inline constexpr unsigned rule_bits = 24;         // a node's own: the rule its spec breaks (kind_rule::check)
}  // namespace facts

constexpr unsigned pack_facts(unsigned rank_set, storage stores, bool is_elementwise, per_channel c, bool up) {
    return (is_elementwise ? facts::elementwise : 0u) | (up ? facts::goes_up : 0u) | (stores == storage::new_tensor ? facts::new_tensor : 0u) |
           (rank_set << 1) | static_cast<unsigned>(c.weights) << facts::count_bits |
           static_cast<unsigned>(c.biases) << (facts::count_bits + 4) |
           static_cast<unsigned>(c.buffers) << (facts::count_bits + 8);
}

template <class R>
constexpr rule apply_per_channel(const spec&, layer_record& r) {
    const count_t c = r.input_shape.channels;  // below 2^31, and so are the factors: no overflow
    r.weights = R::counts.weights * c;
    r.biases = R::counts.biases * c;
    r.buffers = R::counts.buffers * c;
    return rule::none;
}

constexpr rule no_check(const spec&) { return rule::none; }

template <class R>
constexpr auto check_of() {
    using check_fn = rule (*)(const spec&);
    if constexpr (checks<R>) return static_cast<check_fn>(R::check);
    else return &no_check;
}

/// A rule's weight_fields, or the default.
template <class R>
inline constexpr unsigned weight_fields_of = default_weight_fields;
template <class R>
    requires requires { R::weight_fields; }
inline constexpr unsigned weight_fields_of<R> = R::weight_fields;

template <class R>
concept maps = requires(const layer_record& r, const span& o) {
    { R::map(r, 0, o) } -> std::same_as<leaf_map>;
};

template <class R>
concept states_positions = requires {
    { R::positions } -> std::convertible_to<positions_are>;
};


/// A rule's goes_up, or false (a variable template: one per kind, cheaper than a function's).
template <class R>
inline constexpr bool goes_up_of = false;
template <class R>
    requires requires { R::goes_up; }
inline constexpr bool goes_up_of<R> = R::goes_up;

using map_fn = leaf_map (*)(const layer_record&, int, const span&);
/// What the receptive walk reads of rule R (kinds.hpp's kind_maps_of, built only where a walk runs,
/// not in kind_info, which every file builds: docs/design.md): its map (its own, or what its
/// positions imply) and whether it keeps positions. Variable templates: cheaper for g++ than functions.
struct walk_entry {
    map_fn map = &unmodelled;
    bool kept = false;
};
/// The two checks of refuse_walk_entry, each on a bool template parameter: clang 14 then prints
/// the message first ("static_assert failed "netshape: ...""), where a condition naming R would
/// print "static_assert failed due to requirement 'goes_up_of<R>'" before it.
template <bool Kept>
struct rule_going_up_gives_map {
    static_assert(Kept, "netshape: a kind_rule<K> that goes up gives its map");
};
template <bool Kept>
struct rule_gives_map_or_positions {
    static_assert(Kept, "netshape: a kind_rule<K> that is not element-wise gives map (its index map, "
                        "index_map.hpp) or positions (positions_are::kept or positions_are::tokens)");
};
/// Reached only by a rule that breaks what the specializations below require.
template <class R>
constexpr walk_entry refuse_walk_entry() {
    // Named in decltype only: an object of a class that failed would make this function (and the
    // variable it initialises) a second error on clang.
    using up [[maybe_unused]] = decltype(rule_going_up_gives_map<!goes_up_of<R>>{});
    using other [[maybe_unused]] = decltype(rule_gives_map_or_positions<goes_up_of<R>>{});
    return {};
}
template <class R>
inline constexpr walk_entry walk_entry_of = refuse_walk_entry<R>();
template <class R>
    requires maps<R>  // a rule with both map and positions matches two: ambiguous, refused
inline constexpr walk_entry walk_entry_of<R> = {static_cast<map_fn>(R::map), false};  // a function or a pointer to one
template <class R>
    requires states_positions<R> && (!goes_up_of<R>)
inline constexpr walk_entry walk_entry_of<R> = {R::positions == positions_are::kept ? &same_positions : &unmodelled,
                                                R::positions == positions_are::kept};
template <class R>
    requires elementwise<R> && (!maps<R>) && (!states_positions<R>) && (!goes_up_of<R>)
inline constexpr walk_entry walk_entry_of<R> = {&same_positions, true};

/// A rule's kind_extras.
template <class R>
constexpr kind_extras make_extras() {
    kind_extras e{};
    if constexpr (requires { R::spec_keys; }) {
        static_assert(std::is_same_v<std::remove_extent_t<std::remove_const_t<decltype(R::spec_keys)>>, spec_key>,
                      "netshape: a kind_rule<K>'s spec_keys is an array of spec_key (spec_keys.hpp)");
        e.keys = R::spec_keys;
        e.key_count = std::extent_v<decltype(R::spec_keys)>;
    }
    if constexpr (requires(const spec& s) { { R::word(s) } -> std::same_as<const char*>; }) e.word = &R::word;
    if constexpr (requires(const spec& s, const shape& in) { { R::scratch(s, in, in) } -> std::same_as<wide>; })
        e.scratch = &R::scratch;
    return e;
}

/// Rule R's table entry (make_info<K>: kind K's), refusing a rule that misses a member.
template <class R>
constexpr kind_info make_info_for() {
    static_assert(describes<R>,
                  "netshape: a kind_rule<K> gives name, options, ranks, stores and describe (see kind_rule.hpp)");
    static_assert(applies<R> != elementwise<R>,
                  "netshape: a kind_rule<K> gives either apply (shape and counts) or counts (an element-wise kind)");
    constexpr bool up = goes_up_of<R>;
    if constexpr (describes<R> && elementwise<R>) {
        static_assert(R::stores == storage::new_tensor ||
                          (R::counts.weights == 0 && R::counts.biases == 0 && R::counts.buffers == 0),
                      "netshape: an element-wise kind in place or a view has no counts (its output is its input)");
        static_assert(R::ranks == ranks::any, "netshape: an element-wise kind takes every rank");
        static_assert(R::counts.weights >= 0 && R::counts.weights < 16 && R::counts.biases >= 0 &&
                          R::counts.biases < 16 && R::counts.buffers >= 0 && R::counts.buffers < 16,
                      "netshape: an element-wise kind's counts per channel are below 16");
        return kind_info{R::name,      R::options,        R::ranks,    R::stores, true, R::counts, &apply_per_channel<R>,
                         check_of<R>(), &R::describe,
                         pack_facts(R::ranks, R::stores, true, R::counts, up), weight_fields_of<R>};
    } else if constexpr (describes<R> && applies<R>) {
        using apply_fn = rule (*)(const spec&, layer_record&);
        return kind_info{R::name,      R::options,  R::ranks, R::stores, false, {}, static_cast<apply_fn>(R::apply),
                         check_of<R>(), &R::describe, pack_facts(R::ranks, R::stores, false, {}, up),
                         weight_fields_of<R>};
    } else {
        return kind_info{};
    }
}

template <kind K>
constexpr kind_info make_info() {
    return make_info_for<kind_rule<K>>();
}

}  // namespace detail

/// Kind K's table entry, built once from its rule.
template <kind K>
inline constexpr kind_info kind_info_of = detail::make_info<K>();

/// Kind K's optional parts, built where a printer or the arena reads them (kinds.hpp: extras_of).
template <kind K>
inline constexpr kind_extras kind_extras_of = detail::make_extras<kind_rule<K>>();

/// A leaf's kind's scratch (kind_extras::scratch), 0 for none; `Read` makes the call dependent, so that
/// the interpreter's arena pass reads the extras (kinds.hpp) and a network's figures do not.
template <bool Read>
constexpr detail::wide scratch_of(kind k, const spec& s, const shape& in, const shape& out);

}  // namespace netshape
