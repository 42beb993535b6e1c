// netshape/detail/options.hpp: reading a layer's option pack (a short list of types: Hana's job).
#pragma once

#include <cstddef>
#include <type_traits>

#include <boost/hana/all_of.hpp>
#include <boost/hana/count_if.hpp>
#include <boost/hana/find_if.hpp>
#include <boost/hana/optional.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>

#include <netshape/options.hpp>

namespace netshape::detail {

namespace hana = boost::hana;

template <class T, class = void>
struct option_tag_of { using type = void; };
template <class T>
struct option_tag_of<T, std::void_t<typename T::option_tag>> { using type = typename T::option_tag; };

template <class Tag>
struct tagged {
    template <class T>
    constexpr auto operator()(T) const {
        return hana::bool_c<std::is_same_v<typename option_tag_of<typename T::type>::type, Tag>>;
    }
};

template <class... Allowed>
struct one_of {
    template <class T>
    constexpr auto operator()(T) const {
        using tag = typename option_tag_of<typename T::type>::type;
        return hana::bool_c<(std::is_same_v<tag, Allowed> || ...)>;
    }
};

template <class... Options>
struct options {
    static constexpr auto list = hana::tuple_t<Options...>;

    /// How many options carry Tag (more than one is an error the layer reports).
    template <class Tag>
    static constexpr std::size_t count = decltype(hana::count_if(list, tagged<Tag>{}))::value;

    /// Every option is one of the Allowed tags.
    template <class... Allowed>
    static constexpr bool only = decltype(hana::all_of(list, one_of<Allowed...>{}))::value;

    /// The value of the option carrying Tag, or `fallback` when it is absent.
    template <class Tag, class T>
    static constexpr T get(T fallback) {
        constexpr auto found = hana::find_if(list, tagged<Tag>{});
        if constexpr (decltype(hana::is_just(found))::value) {
            return T(decltype(+*found)::type::value);
        } else {
            return fallback;
        }
    }
};

/// True when every option tag occurs at most once.
template <class... Options>
inline constexpr bool options_unique =
    options<Options...>::template count<stride_tag> <= 1 && options<Options...>::template count<pad_tag> <= 1 &&
    options<Options...>::template count<dilation_tag> <= 1 && options<Options...>::template count<groups_tag> <= 1 &&
    options<Options...>::template count<no_bias_tag> <= 1 && options<Options...>::template count<ceil_mode_tag> <= 1 &&
    options<Options...>::template count<per_pixel_tag> <= 1;

}  // namespace netshape::detail
