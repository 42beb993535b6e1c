// netshape/layers/conv.hpp: two-dimensional convolution.
#pragma once

#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>

namespace netshape {

namespace detail {
/// Reported from a function body reached through decltype, not at class scope: a static_assert
/// failing in the class makes clang mark the layer invalid and pile up follow-on errors (see
/// report_not_a_layer in nodes.hpp).
template <class... Options>
constexpr auto check_conv2d_options() {
    static_assert(options_of<Options...>.only(bit(option_tag::stride) | bit(option_tag::pad) | bit(option_tag::dilation) |
                             bit(option_tag::groups) | bit(option_tag::no_bias)),
                  "netshape: conv2d takes only stride<>, pad<>, dilation<>, groups<> and no_bias");
    static_assert(!options_of<Options...>.repeated, "netshape: an option is given twice");
    return true;
}
}  // namespace detail

/// `conv2d<Filters, Kernel, Options...>`: Filters output channels, a Kernel×Kernel (or hw{h, w})
/// window. Options: stride<>, pad<>, dilation<>, groups<>, no_bias.
///
/// With k_eff = dilation·(k − 1) + 1, per axis:
///   output      = floor((in + 2·pad − k_eff) / stride) + 1
///   weights     = k_h·k_w·(in_channels / groups)·filters
///   biases      = filters (0 with no_bias)
///   MACs        = out_h·out_w·filters·(in_channels / groups)·k_h·k_w
///   receptive   r += (k_eff − 1)·j, then j *= stride
template <count_t Filters, auto Kernel, class... Options>
struct conv2d {
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    using options_checked = decltype(detail::check_conv2d_options<Options...>());

    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::conv2d,
                                                                .units = Filters,
                                                                .kernel = hw(Kernel),
                                                                .stride = opts.stride,
                                                                .pad = opts.pad,
                                                                .dilation = opts.dilation,
                                                                .groups = opts.groups,
                                                                .bias = !opts.has(option_tag::no_bias)});
};

}  // namespace netshape
