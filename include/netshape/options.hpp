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
enum class option_tag : unsigned char { stride, pad, dilation, groups, no_bias, ceil_mode, per_pixel, output_padding, align_corners, affine, track_running_stats, shifted, residual_pool, relative_position, exclude_pad };

[[nodiscard]] constexpr unsigned bit(option_tag t) { return 1u << static_cast<unsigned>(t); }

/// What an option type contributes: its tag and its value. An extent (stride, pad, dilation,
/// output padding) keeps how many values it was given: one (every axis), two (height, width) or
/// three (depth, height, width); `value` is then its height and width, `depth` its depth.
struct option_record {
    option_tag tag = option_tag::stride;
    hw value{};
    count_t number = 0;
    count_t depth = 0;
    unsigned char values = 1;
};

/// An extent option's record from its one, two or three values (depth first when three).
template <count_t First, count_t... More>
constexpr option_record extent_record(option_tag tag) {
    static_assert(sizeof...(More) <= 2,
                  "netshape: a stride, pad, dilation or output padding takes one, two (height, width) or three values "
                  "(depth, height, width)");
    const count_t v[] = {First, More..., First, First};
    if constexpr (sizeof...(More) == 2) return option_record{tag, hw{v[1], v[2]}, 0, First, 3};
    else return option_record{tag, hw{First, v[1]}, 0, First, static_cast<unsigned char>(1 + sizeof...(More))};
}

/// Step between windows; `stride<2>` (every axis), `stride<H, W>` (2-D) or `stride<D, H, W>` (3-D).
/// Default 1 for convolutions, the kernel for pools.
template <count_t First, count_t... More>
struct stride {
    static constexpr option_record record = extent_record<First, More...>(option_tag::stride);
    static constexpr hw value = record.value;
};

/// Zero padding added on each side; `pad<1>`, `pad<H, W>` or `pad<D, H, W>`.
template <count_t First, count_t... More>
struct pad {
    static constexpr option_record record = extent_record<First, More...>(option_tag::pad);
    static constexpr hw value = record.value;
};

/// Spacing between kernel taps; the kernel then covers dilation·(k − 1) + 1 pixels. One value, or
/// one per axis as stride<>.
template <count_t First, count_t... More>
struct dilation {
    static constexpr option_record record = extent_record<First, More...>(option_tag::dilation);
    static constexpr hw value = record.value;
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

/// An average pool divides each window's sum by the input positions it covers, not counting the
/// padding (PyTorch's count_include_pad=False; ONNX AveragePool's default, count_include_pad=0).
/// Without it the padding's zeros are counted, as PyTorch's default. No figure depends on it.
struct exclude_pad {
    static constexpr option_record record{option_tag::exclude_pad, hw{}, 1};
};

/// A dense layer applied to the channels at every position (PyTorch's nn.Linear on a
/// channels-last tensor, as in ConvNeXt) instead of to the flattened input.
struct per_pixel {
    static constexpr option_record record{option_tag::per_pixel, hw{}, 1};
};

}  // namespace netshape
