// netshape/detail/options.hpp: reading a layer's option pack.
//
// Each option type carries one `option_record`; a layer's pack is read in one pass, once per
// distinct pack, into a parsed_options that every layer type with that pack shares. This was
// measured against Boost.Hana's count_if/find_if over a tuple_t (about a millisecond a type over a
// thousand-type zoo) and against a loop per question (count, only, unique, each value: a sixth of
// the zoo's type instantiation on clang).
#pragma once

#include <initializer_list>
#include <type_traits>

#include <netshape/options.hpp>

namespace netshape::detail {

template <class T, class = void>
struct option_of {
    static constexpr option_record record{option_tag::not_an_option, hw{}, 0};
};
template <class T>
struct option_of<T, std::void_t<decltype(T::record)>> {
    static constexpr option_record record = T::record;
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

    [[nodiscard]] constexpr bool has(option_tag tag) const { return (seen & bit(tag)) != 0; }
    /// Every option is one of `allowed` (a bit set of option_tag values).
    [[nodiscard]] constexpr bool only(unsigned allowed) const { return !foreign && (seen & ~allowed) == 0; }
};

constexpr parsed_options parse(std::initializer_list<option_record> records) {
    parsed_options p{};
    for (const option_record& r : records) {
        if (r.tag == option_tag::none) continue;
        if (r.tag == option_tag::not_an_option) {
            p.foreign = true;
            continue;
        }
        p.repeated = p.repeated || p.has(r.tag);
        p.seen |= bit(r.tag);
        if (r.tag == option_tag::stride) p.stride = r.value;
        else if (r.tag == option_tag::pad) p.pad = r.value;
        else if (r.tag == option_tag::dilation) p.dilation = r.value;
        else if (r.tag == option_tag::groups) p.groups = r.number;
    }
    return p;
}

template <class... Options>
inline constexpr parsed_options options_of = parse({option_record{}, option_of<Options>::record...});

}  // namespace netshape::detail
