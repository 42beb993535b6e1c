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

/// Which option an option type is (see detail/options.hpp for how a layer reads them).
enum class option_tag : unsigned char { stride, pad, dilation, groups, no_bias, ceil_mode, per_pixel, output_padding, align_corners, affine, track_running_stats, shifted };

[[nodiscard]] constexpr unsigned bit(option_tag t) { return 1u << static_cast<unsigned>(t); }

/// What an option type contributes: its tag and its value.
struct option_record {
    option_tag tag = option_tag::stride;
    hw value{};
    count_t number = 0;
};

/// Step between windows; `stride<2>` or `stride<H, W>`. Default 1 for conv2d, the kernel for pools.
template <count_t H, count_t W = H>
struct stride {
    static constexpr hw value{H, W};
    static constexpr option_record record{option_tag::stride, value, 0};
};

/// Zero padding added on each side; `pad<1>` or `pad<H, W>`.
template <count_t H, count_t W = H>
struct pad {
    static constexpr hw value{H, W};
    static constexpr option_record record{option_tag::pad, value, 0};
};

/// Spacing between kernel taps; the kernel then covers dilation·(k − 1) + 1 pixels.
template <count_t H, count_t W = H>
struct dilation {
    static constexpr hw value{H, W};
    static constexpr option_record record{option_tag::dilation, value, 0};
};

/// Grouped convolution: input and filters split into G independent groups
/// (G = channels = filters is depthwise).
template <count_t G>
struct groups {
    static constexpr count_t value = G;
    static constexpr option_record record{option_tag::groups, hw{}, G};
};

/// The layer has no bias vector (convolutions followed by batch norm).
struct no_bias {
    static constexpr option_record record{option_tag::no_bias, hw{}, 1};
};

/// Pooling rounds the output size up, as PyTorch's ceil_mode=True (the last window must still
/// start inside the input or its left padding).
struct ceil_mode {
    static constexpr option_record record{option_tag::ceil_mode, hw{}, 1};
};

/// A dense layer applied to the channels at every position (PyTorch's nn.Linear on a
/// channels-last tensor, as in ConvNeXt) instead of to the flattened input.
struct per_pixel {
    static constexpr option_record record{option_tag::per_pixel, hw{}, 1};
};

}  // namespace netshape
