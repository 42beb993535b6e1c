// netshape/layers/pool.hpp: max, average, adaptive and global pooling.
#pragma once

#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>

namespace netshape {

namespace detail {
/// Reported from a function body reached through decltype, not at class scope: a static_assert
/// failing in the class makes clang mark the layer invalid and pile up follow-on errors (see
/// report_not_a_layer in nodes.hpp).
template <class... Options>
constexpr auto check_max_pool_options() {
    static_assert(options_of<Options...>.only(bit(option_tag::stride) | bit(option_tag::pad) | bit(option_tag::dilation) |
                             bit(option_tag::ceil_mode)),
                  "netshape: max_pool takes only stride<>, pad<>, dilation<> and ceil_mode");
    static_assert(!options_of<Options...>.repeated, "netshape: an option is given twice");
    return true;
}
}  // namespace detail

/// `max_pool<Kernel, Options...>`: options stride<> (default: the kernel, as in PyTorch), pad<>,
/// dilation<>, ceil_mode. Output size as conv2d; with ceil_mode the division rounds up and, as in
/// PyTorch, a last window that would start past the input and its left padding is dropped.
/// Padding may be at most half the kernel, dilated or not (PyTorch checks pad <= kernel / 2). No parameters, no MACs.
template <auto Kernel, class... Options>
struct max_pool {
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    using options_checked = decltype(detail::check_max_pool_options<Options...>());

    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::max_pool,
                                                                .kernel = hw(Kernel),
                                                                .stride = opts.has(option_tag::stride) ? opts.stride : hw(Kernel),
                                                                .pad = opts.pad,
                                                                .dilation = opts.dilation,
                                                                .bias = false,
                                                                .ceil = opts.has(option_tag::ceil_mode)});
};

namespace detail {
/// Reported from a function body reached through decltype, not at class scope: a static_assert
/// failing in the class makes clang mark the layer invalid and pile up follow-on errors (see
/// report_not_a_layer in nodes.hpp).
template <class... Options>
constexpr auto check_avg_pool_options() {
    static_assert(options_of<Options...>.only(bit(option_tag::stride) | bit(option_tag::pad) | bit(option_tag::ceil_mode)),
                  "netshape: avg_pool takes only stride<>, pad<> and ceil_mode");
    static_assert(!options_of<Options...>.repeated, "netshape: an option is given twice");
    return true;
}
}  // namespace detail

/// `avg_pool<Kernel, Options...>`: options stride<> (default: the kernel), pad<> (at most half the
/// kernel), ceil_mode. Same output size rule as max_pool; no dilation, as in PyTorch.
template <auto Kernel, class... Options>
struct avg_pool {
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    using options_checked = decltype(detail::check_avg_pool_options<Options...>());

    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::avg_pool,
                                                                .kernel = hw(Kernel),
                                                                .stride = opts.has(option_tag::stride) ? opts.stride : hw(Kernel),
                                                                .pad = opts.pad,
                                                                .bias = false,
                                                                .ceil = opts.has(option_tag::ceil_mode)});
};

/// `adaptive_avg_pool<H, W = H>`: PyTorch's AdaptiveAvgPool2d((H, W)). Window i on an axis spans
/// [floor(i·in/out), ceil((i+1)·in/out)); the receptive field uses the largest window and the
/// stride floor(in/out) (exact when out divides in, the case in every common network).
template <count_t H, count_t W = H>
struct adaptive_avg_pool {
    static constexpr std::array<spec, 1> nodes =
        detail::leaf({.kind = kind::adaptive_avg_pool, .kernel = hw{H, W}, .bias = false});
};

/// `adaptive_max_pool<H, W = H>`: as adaptive_avg_pool, taking the maximum.
template <count_t H, count_t W = H>
struct adaptive_max_pool {
    static constexpr std::array<spec, 1> nodes =
        detail::leaf({.kind = kind::adaptive_max_pool, .kernel = hw{H, W}, .bias = false});
};

/// Average over the whole feature map: H×W×C to 1×1×C.
using global_avg_pool = adaptive_avg_pool<1>;
/// Maximum over the whole feature map: H×W×C to 1×1×C.
using global_max_pool = adaptive_max_pool<1>;

}  // namespace netshape
