// netshape/options.hpp: the options a layer template takes after its required arguments.
//
//   conv2d<96, 11, stride<4>>            stride 4 both ways
//   conv2d<192, hw{1, 7}, pad<0, 3>>     Inception-v3's 1×7 with padding 0 high, 3 wide
//   max_pool<3, stride<2>, ceil_mode>    PyTorch's ceil_mode=True
//
// Values are not checked here but where the layer meets its input, so that a bad value is
// reported with the index and input shape of the layer that holds it.
#pragma once

#include <netshape/shape.hpp>

namespace netshape {

namespace detail {
struct stride_tag {};
struct pad_tag {};
struct dilation_tag {};
struct groups_tag {};
struct no_bias_tag {};
struct ceil_mode_tag {};
struct per_pixel_tag {};
}  // namespace detail

/// Step between windows; `stride<2>` or `stride<H, W>`. Default 1 for conv2d, the kernel for pools.
template <count_t H, count_t W = H>
struct stride {
    using option_tag = detail::stride_tag;
    static constexpr hw value{H, W};
};

/// Zero padding added on each side; `pad<1>` or `pad<H, W>`.
template <count_t H, count_t W = H>
struct pad {
    using option_tag = detail::pad_tag;
    static constexpr hw value{H, W};
};

/// Spacing between kernel taps; the kernel then covers dilation·(k − 1) + 1 pixels.
template <count_t H, count_t W = H>
struct dilation {
    using option_tag = detail::dilation_tag;
    static constexpr hw value{H, W};
};

/// Grouped convolution: input and filters split into G independent groups
/// (G = channels = filters is depthwise).
template <count_t G>
struct groups {
    using option_tag = detail::groups_tag;
    static constexpr count_t value = G;
};

/// The layer has no bias vector (convolutions followed by batch norm).
struct no_bias {
    using option_tag = detail::no_bias_tag;
    static constexpr bool value = true;
};

/// Pooling rounds the output size up, as PyTorch's ceil_mode=True (the last window must still
/// start inside the input or its left padding).
struct ceil_mode {
    using option_tag = detail::ceil_mode_tag;
    static constexpr bool value = true;
};

/// A dense layer applied to the channels at every position (PyTorch's nn.Linear on a
/// channels-last tensor, as in ConvNeXt) instead of to the flattened input.
struct per_pixel {
    using option_tag = detail::per_pixel_tag;
    static constexpr bool value = true;
};

}  // namespace netshape
