// netshape/zoo/mobilenet.hpp: MobileNetV2 (Sandler et al. 2018) and MobileNetV3-Large and -Small
// (Howard et al. 2019), as torchvision builds them. Channel counts come from torchvision's configuration
// tables through make_divisible, as torchvision computes them.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

namespace detail {

/// One inverted-residual block, as a configuration table unrolls it: stride is the table's (it
/// decides the residual sum); a dilated block's depthwise convolution has stride 1 instead.
struct inverted {
    count_t in = 0, expanded = 0, out = 0, kernel = 3, stride = 1;
    bool se = false, hardswish = false;
    count_t dilation = 1;
};

// MobileNetV2's table: expansion t, channels c, repeats n, first stride s.
struct v2_row {
    count_t t, c, n, s;
};
inline constexpr v2_row mobilenet_v2_rows[] = {{1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                                              {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
inline constexpr count_t mobilenet_v2_stem = make_divisible(32, 1);
inline constexpr count_t mobilenet_v2_last = make_divisible(1280, 1);

constexpr std::size_t mobilenet_v2_count() {
    std::size_t n = 0;
    for (const v2_row& r : mobilenet_v2_rows) n += static_cast<std::size_t>(r.n);
    return n;
}

/// Block i (0-based) of MobileNetV2.
constexpr inverted mobilenet_v2_block(std::size_t i) {
    count_t in = mobilenet_v2_stem;
    for (const v2_row& r : mobilenet_v2_rows) {
        const count_t out = make_divisible(r.c, 1);
        for (count_t k = 0; k < r.n; ++k, --i) {
            if (i == 0) return inverted{in, in * r.t, out, 3, k == 0 ? r.s : 1, false, false};
            in = out;
        }
    }
    return inverted{};
}

// MobileNetV3-Large's table: in, kernel, expanded, out, SE, hardswish, stride, and the dilation of
// torchvision's dilated=True (the segmentation backbones: the last stage dilated by 2; 1 otherwise).
struct v3_row {
    count_t in, kernel, expanded, out;
    bool se, hardswish;
    count_t stride, dilated;
};
inline constexpr v3_row mobilenet_v3_large_rows[] = {
    {16, 3, 16, 16, false, false, 1, 1},    {16, 3, 64, 24, false, false, 2, 1},    {24, 3, 72, 24, false, false, 1, 1},
    {24, 5, 72, 40, true, false, 2, 1},     {40, 5, 120, 40, true, false, 1, 1},    {40, 5, 120, 40, true, false, 1, 1},
    {40, 3, 240, 80, false, true, 2, 1},    {80, 3, 200, 80, false, true, 1, 1},    {80, 3, 184, 80, false, true, 1, 1},
    {80, 3, 184, 80, false, true, 1, 1},    {80, 3, 480, 112, true, true, 1, 1},    {112, 3, 672, 112, true, true, 1, 1},
    {112, 5, 672, 160, true, true, 2, 2},   {160, 5, 960, 160, true, true, 1, 2},   {160, 5, 960, 160, true, true, 1, 2}};
// MobileNetV3-Small's table (torchvision's _mobilenet_v3_conf("mobilenet_v3_small")), the same columns.
inline constexpr v3_row mobilenet_v3_small_rows[] = {
    {16, 3, 16, 16, true, false, 2, 1},     {16, 3, 72, 24, false, false, 2, 1},    {24, 3, 88, 24, false, false, 1, 1},
    {24, 5, 96, 40, true, true, 2, 1},      {40, 5, 240, 40, true, true, 1, 1},     {40, 5, 240, 40, true, true, 1, 1},
    {40, 5, 120, 48, true, true, 1, 1},     {48, 5, 144, 48, true, true, 1, 1},     {48, 5, 288, 96, true, true, 2, 2},
    {96, 5, 576, 96, true, true, 1, 2},     {96, 5, 576, 96, true, true, 1, 2}};

/// A MobileNetV3 variant: its table, and the width of its classifier's hidden layer (last_channel).
struct v3_large {
    static constexpr const v3_row* rows = mobilenet_v3_large_rows;
    static constexpr std::size_t count = std::size(mobilenet_v3_large_rows);
    static constexpr count_t last = 1280;
};
struct v3_small {
    static constexpr const v3_row* rows = mobilenet_v3_small_rows;
    static constexpr std::size_t count = std::size(mobilenet_v3_small_rows);
    static constexpr count_t last = 1024;
};
inline constexpr std::size_t mobilenet_v3_large_count = v3_large::count;

/// Block i (0-based) of a MobileNetV3 variant's table (width 1.0: every channel count through make_divisible).
template <class Variant>
constexpr inverted mobilenet_v3_block(std::size_t i, bool dilated = false) {
    const v3_row r = Variant::rows[i];
    return inverted{make_divisible(r.in, 1), make_divisible(r.expanded, 1), make_divisible(r.out, 1), r.kernel,
                    r.stride,                r.se,                          r.hardswish,              dilated ? r.dilated : 1};
}
constexpr inverted mobilenet_v3_large_block(std::size_t i, bool dilated = false) { return mobilenet_v3_block<v3_large>(i, dilated); }

/// torchvision's stage_indices of MobileNetV3-Large's features (the segmentation models' choice of
/// feature maps): 0, every block whose table stride is above 1 (at its place in features, 1 + its
/// row), and the last index; the I-th from the end (1 the last).
constexpr std::size_t mobilenet_v3_large_stage_index(std::size_t from_end) {
    std::size_t indices[mobilenet_v3_large_count + 2] = {0};
    std::size_t n = 1;
    for (std::size_t i = 0; i < mobilenet_v3_large_count; ++i)
        if (mobilenet_v3_large_rows[i].stride > 1) indices[n++] = i + 1;
    indices[n++] = mobilenet_v3_large_count + 1;
    return indices[n - from_end];
}

/// MobileNetV2's block: expand 1×1 (unless t = 1), depthwise 3×3, project 1×1 with batch norm
/// and no activation ("conv" > "0" ...); a residual sum when the shape is kept. Its place in
/// `features` names it. (Scalar parameters, not an `inverted`: g++ 12 crashes on members of
/// class-type template parameters in these aliases.)
template <count_t In, count_t Expanded, count_t Out, count_t Stride>
using v2_body = named<"conv", std::conditional_t<Expanded != In,
    sequential<
        at<0, conv_bn_act<Expanded, 1, 1, 1, relu6>>,
        at<1, conv_bn_act<Expanded, 3, Stride, Expanded, relu6>>,
        at<2, conv2d<Out, 1, no_bias>>,
        at<3, batch_norm>>,
    sequential<
        at<0, conv_bn_act<Expanded, 3, Stride, Expanded, relu6>>,
        at<1, conv2d<Out, 1, no_bias>>,
        at<2, batch_norm>>>>;

// Without the residual sum the body still sits in a block of its own, which its index names:
// a name on "conv" itself would replace "conv".
template <count_t In, count_t Expanded, count_t Out, count_t Stride>
using v2_block = std::conditional_t<Stride == 1 && In == Out,
    add<v2_body<In, Expanded, Out, Stride>, identity>, sequential<v2_body<In, Expanded, Out, Stride>>>;

template <std::size_t I>
struct v2_at {
    static constexpr inverted b = mobilenet_v2_block(I);
    using type = at<static_cast<count_t>(I + 1), v2_block<b.in, b.expanded, b.out, b.stride>>;
};

/// features: the stem, the blocks, the last 1×1 convolution ("0" ... "18").
template <std::size_t... I>
auto mobilenet_v2_features(std::index_sequence<I...>) -> named<"features", sequential<
    at<0, conv_bn_act<mobilenet_v2_stem, 3, 2, 1, relu6>>,
    typename v2_at<I>::type...,
    at<static_cast<count_t>(sizeof...(I) + 1), conv_bn_act<mobilenet_v2_last, 1, 1, 1, relu6>>>>;
// A template, so that its type is worked out only when deferred<> asks for it.
template <std::size_t Blocks>
struct mobilenet_v2_features_make {
    using type = decltype(mobilenet_v2_features(std::make_index_sequence<Blocks>{}));
};

/// MobileNetV3's block: expand (unless the width is kept), depthwise K×K (dilated by Dilation, and
/// then of stride 1), squeeze-excite (ReLU inside, hardsigmoid scale, squeeze to
/// make_divisible(expanded / 4)), project ("block" > "0" ...); ReLU or hardswish as activation.
template <count_t In, count_t Expanded, count_t Out, count_t K, count_t Stride, bool Se, class Act, count_t Dilation = 1,
          count_t E = Expanded != In ? 1 : 0, count_t S = Se ? 1 : 0>
using v3_body = named<"block", sequential<
    std::conditional_t<E == 1, at<0, conv_bn_act<Expanded, 1, 1, 1, Act>>, sequential<>>,
    at<E, conv_bn_act<Expanded, K, Dilation == 1 ? Stride : 1, Expanded, Act, Dilation>>,
    std::conditional_t<Se, at<E + 1, squeeze_excitation<Expanded, make_divisible(Expanded / 4, 1), relu, hardsigmoid>>,
                       sequential<>>,
    at<E + S + 1, conv_bn_act<Out, 1, 1, 1, void>>>>;

/// features[I] of a MobileNetV3 variant (dilated: torchvision's dilated=True), at its index: 0 the
/// stem, 1 to count the blocks, count + 1 the last 1×1 convolution to 6× the last block's channels.
template <class Variant, bool Dilated, std::size_t I, int Part = I == 0 ? 0 : I == Variant::count + 1 ? 2 : 1>
struct v3_at;
template <class Variant, bool Dilated, std::size_t I>
struct v3_at<Variant, Dilated, I, 1> {
    static constexpr inverted b = mobilenet_v3_block<Variant>(I - 1, Dilated);
    using body = v3_body<b.in, b.expanded, b.out, b.kernel, b.stride, b.se, std::conditional_t<b.hardswish, hardswish, relu>, b.dilation>;
    using type = at<static_cast<count_t>(I), std::conditional_t<b.stride == 1 && b.in == b.out, add<body, identity>, sequential<body>>>;
};
template <class Variant, bool Dilated, std::size_t I>
struct v3_at<Variant, Dilated, I, 0> {
    using type = at<0, conv_bn_act<make_divisible(16, 1), 3, 2, 1, hardswish>>;
};
template <class Variant, bool Dilated, std::size_t I>
struct v3_at<Variant, Dilated, I, 2> {
    using type = at<static_cast<count_t>(I), conv_bn_act<6 * mobilenet_v3_block<Variant>(Variant::count - 1).out, 1, 1, 1, hardswish>>;
};

/// features[First] ... features[First + sizeof...(I) − 1], each at its index, as one sequential.
template <class Variant, bool Dilated, std::size_t First, std::size_t... I>
auto mobilenet_v3_features(std::index_sequence<I...>) -> sequential<typename v3_at<Variant, Dilated, First + I>::type...>;
/// features[First, Last): a template, so that its type is worked out only when deferred<> asks.
template <class Variant, bool Dilated, std::size_t First = 0, std::size_t Last = Variant::count + 2>
struct mobilenet_v3_features_make {
    using type = decltype(mobilenet_v3_features<Variant, Dilated, First>(std::make_index_sequence<Last - First>{}));
};
template <bool Dilated, std::size_t First = 0, std::size_t Last = mobilenet_v3_large_count + 2>
using mobilenet_v3_large_features_make = mobilenet_v3_features_make<v3_large, Dilated, First, Last>;

/// MobileNetV3 (width 1.0) of a variant on Height×Width×3.
template <class Variant, count_t Height, count_t Width, count_t Classes>
using mobilenet_v3_network = network<input<Height, Width, 3>,
    named<"features", deferred<mobilenet_v3_features_make<Variant, false>>>,
    named<"avgpool", adaptive_avg_pool<1>>,
    flatten,
    named<"classifier", sequential<
        at<0, dense<make_divisible(Variant::last, 1)>>,
        at<1, hardswish>,
        at<2, dropout>,
        at<3, dense<Classes>>>>>;

}  // namespace detail

/// MobileNetV2 (width 1.0) on Height×Width×3.
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using mobilenet_v2_at = network<input<Height, Width, 3>,
    detail::deferred<detail::mobilenet_v2_features_make<detail::mobilenet_v2_count()>>,
    adaptive_avg_pool<1>,
    flatten,
    named<"classifier", sequential<
        at<0, dropout>,
        at<1, dense<Classes>>>>>;

/// MobileNetV3-Large (width 1.0) on Height×Width×3.
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using mobilenet_v3_large_at = detail::mobilenet_v3_network<detail::v3_large, Height, Width, Classes>;

/// MobileNetV3-Small (width 1.0) on Height×Width×3.
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using mobilenet_v3_small_at = detail::mobilenet_v3_network<detail::v3_small, Height, Width, Classes>;

using mobilenet_v2 = mobilenet_v2_at<>;
using mobilenet_v3_large = mobilenet_v3_large_at<>;
using mobilenet_v3_small = mobilenet_v3_small_at<>;

}  // namespace netshape::zoo
