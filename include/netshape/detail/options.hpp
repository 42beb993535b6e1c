// netshape/detail/options.hpp: reading a layer's option pack, and checking it against its kind.
//
// Each option type carries one `option_record`; a layer's pack is read in one pass, once per
// distinct pack, into a parsed_options that every layer type with that pack shares (docs/design.md:
// cheaper than Boost.Hana's algorithms or a loop per question).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <type_traits>

#include <netshape/kind.hpp>
#include <netshape/kind_rule.hpp>
#include <netshape/options.hpp>

namespace netshape::detail {

/// An entry of a pack: an option's record, or a type that is not an option.
struct option_entry {
    bool option = false;
    option_record record{};
};

template <class T, class = void>
struct option_of {
    static constexpr option_entry entry{};
};
template <class T>
struct option_of<T, std::void_t<decltype(T::record)>> {
    static constexpr option_entry entry{true, T::record};
};

/// What an option pack says. Values not given keep the defaults below; a layer whose default
/// differs (a pool's stride is its kernel) asks has() first.
struct parsed_options {
    unsigned seen = 0;        // bit(tag) of every option given
    bool repeated = false;    // some option given twice
    bool foreign = false;     // some type that is not an option
    hw stride{1};
    hw pad{0};
    hw dilation{1};
    count_t groups = 1;
    count_t stride_depth = 1;   // the depth of stride<>, pad<> and dilation<> (a 3-D layer's)
    count_t pad_depth = 0;
    count_t dilation_depth = 1;
    unsigned char values = 1;   // the most values any extent option was given (1, 2 or 3)

    [[nodiscard]] constexpr bool has(option_tag tag) const { return (seen & bit(tag)) != 0; }
    /// Every option is one of `allowed` (a bit set of option_tag values).
    [[nodiscard]] constexpr bool only(unsigned allowed) const { return !foreign && (seen & ~allowed) == 0; }
};

/// The first entry is a placeholder, so that an empty pack is still a braced list.
constexpr parsed_options parse(std::initializer_list<option_entry> entries) {
    parsed_options p{};
    bool first = true;
    for (const option_entry& e : entries) {
        if (first) {
            first = false;
            continue;
        }
        if (!e.option) {
            p.foreign = true;
            continue;
        }
        const option_record& r = e.record;
        p.repeated = p.repeated || p.has(r.tag);
        p.seen |= bit(r.tag);
        if (r.values > p.values) p.values = r.values;
        if (r.tag == option_tag::stride) p.stride = r.value, p.stride_depth = r.depth;
        else if (r.tag == option_tag::pad) p.pad = r.value, p.pad_depth = r.depth;
        else if (r.tag == option_tag::dilation) p.dilation = r.value, p.dilation_depth = r.depth;
        else if (r.tag == option_tag::groups) p.groups = r.number;
    }
    return p;
}

template <class... Options>
inline constexpr parsed_options options_of = parse({option_entry{}, option_of<Options>::entry...});

/// The position of the first entry of a pack that is not an option or not accepted (or the size).
constexpr std::size_t first_refused(std::initializer_list<option_entry> entries, unsigned accepted) {
    std::size_t i = 0;
    for (const option_entry& e : entries) {
        if (!e.option || (accepted & bit(e.record.tag)) == 0) return i;
        ++i;
    }
    return i;
}

template <std::size_t I, class T, class... Rest>
struct nth_option {
    using type = typename nth_option<I - 1, Rest...>::type;
};
template <class T, class... Rest>
struct nth_option<0, T, Rest...> {
    using type = T;
};

/// The refused option of a layer of kind K, named in the instantiation context. Reported from a
/// function body reached through decltype, not at class scope: a static_assert failing in a class
/// makes clang mark the layer invalid and pile up follow-on errors (see report_not_a_layer).
template <kind K, class Option>
constexpr auto refuse_option() {
    static_assert(!option_of<Option>::entry.option,
                  "netshape: this layer kind does not take this option (its kind_rule lists the options it takes)");
    static_assert(option_of<Option>::entry.option,
                  "netshape: not an option (an option type has a static member `record`, an option_record; "
                  "docs/layers.md lists each layer's)");
    return std::false_type{};
}

/// The spatial axes of a kind's window, from the ranks it takes: 3 for a kind of volumes alone
/// (conv3d), 1 for one of sequences alone (conv1d), else 2.
constexpr int window_axes(unsigned rank_set) {
    return rank_set == ranks::volume ? 3 : rank_set == ranks::sequence ? 1 : 2;
}

/// An extent option of a layer of kind K given `Values` values that its window's axes do not take
/// (as PyTorch: an int or a tuple of one value per axis), reported with the kind in the context.
template <kind K, int Axes, unsigned char Values>
constexpr auto refuse_extent() {
    static_assert(Axes != 1 || Values == 1, "netshape: a 1-D layer's stride, pad, dilation or output padding takes one value");
    static_assert(Axes != 2 || Values <= 2,
                  "netshape: a 2-D layer's stride, pad, dilation or output padding takes one value or two (height, width)");
    static_assert(Axes != 3 || Values != 2,
                  "netshape: a 3-D layer's stride, pad, dilation or output padding takes one value or three (depth, height, width)");
    return std::false_type{};
}

/// Every option of a layer of kind K is one its rule accepts (kind_rule<K>::options), none is
/// given twice, and each extent has one value or one per axis of K's window: one error at most.
/// Its type says whether they are (std::true_type or std::false_type): a layer keeps it as
/// `options_checked`, and a network with a refused layer is not evaluated (nodes.hpp), so that its
/// figures are unknown and the user's static_asserts on them add no second error.
template <kind K, class... Options>
constexpr auto check_options() {  // auto: decltype of the call then instantiates the body
    constexpr unsigned Accepted = kind_rule<K>::options;
    constexpr parsed_options parsed = options_of<Options...>;
    constexpr int axes = window_axes(kind_rule<K>::ranks);
    if constexpr (!parsed.only(Accepted)) {
        constexpr std::size_t bad = first_refused({option_of<Options>::entry...}, Accepted);
        return refuse_option<K, typename nth_option<bad, Options...>::type>();
    } else if constexpr (parsed.values != 1 && parsed.values != axes && !parsed.repeated) {
        return refuse_extent<K, axes, parsed.values>();
    } else {
        static_assert(!parsed.repeated, "netshape: an option is given twice");
        return std::bool_constant<!parsed.repeated>{};
    }
}

}  // namespace netshape::detail
