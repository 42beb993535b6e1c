// netshape/layers/conv.hpp: two-dimensional convolution.
#pragma once

#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>

namespace netshape {

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
    using opts = detail::options<Options...>;
    static_assert(opts::template only<detail::stride_tag, detail::pad_tag, detail::dilation_tag, detail::groups_tag,
                                      detail::no_bias_tag>,
                  "netshape: conv2d takes only stride<>, pad<>, dilation<>, groups<> and no_bias");
    static_assert(detail::options_unique<Options...>, "netshape: an option is given twice");

    static constexpr auto nodes = detail::leaf(kind::conv2d, [](spec& s) {
        s.units = Filters;
        s.kernel = hw(Kernel);
        s.stride = opts::template get<detail::stride_tag>(hw{1});
        s.pad = opts::template get<detail::pad_tag>(hw{0});
        s.dilation = opts::template get<detail::dilation_tag>(hw{1});
        s.groups = opts::template get<detail::groups_tag>(count_t{1});
        s.bias = !opts::template get<detail::no_bias_tag>(false);
    });
};

}  // namespace netshape
