// netshape/detail/options.hpp: reading a layer's option pack.
//
// Each option type carries one `option_record`; a layer reads its pack as a small array of them
// with constexpr loops. This was measured against Boost.Hana's count_if/find_if over a tuple_t:
// with a thousand distinct layer types (a real zoo), Hana's per-type algorithm instantiations
// cost about a millisecond a type, the array a small fraction of that.
#pragma once

#include <cstddef>
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

template <class... Options>
struct options {
    static constexpr option_record list[] = {option_record{}, option_of<Options>::record...};

    /// How many options carry `tag`.
    static constexpr std::size_t count(option_tag tag) {
        std::size_t n = 0;
        for (const option_record& r : list) n += r.tag == tag ? 1 : 0;
        return n;
    }

    /// Every option is one of `allowed` (bit set of option_tag values).
    static constexpr bool only(unsigned allowed) {
        for (const option_record& r : list)
            if (r.tag != option_tag::none && (r.tag == option_tag::not_an_option || !(allowed & bit(r.tag)))) return false;
        return true;
    }

    /// No tag occurs twice.
    static constexpr bool unique() {
        for (const option_record& r : list)
            if (r.tag != option_tag::none && count(r.tag) > 1) return false;
        return true;
    }

    static constexpr hw pair(option_tag tag, hw fallback) {
        for (const option_record& r : list)
            if (r.tag == tag) return r.value;
        return fallback;
    }
    static constexpr count_t number(option_tag tag, count_t fallback) {
        for (const option_record& r : list)
            if (r.tag == tag) return r.number;
        return fallback;
    }
    static constexpr bool flag(option_tag tag) { return count(tag) > 0; }
};

}  // namespace netshape::detail
