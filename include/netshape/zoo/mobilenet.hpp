// netshape/zoo/mobilenet.hpp: MobileNetV2 (Sandler et al. 2018) and MobileNetV3-Large (Howard et
// al. 2019), as torchvision builds them. Channel counts come from torchvision's configuration
// tables through make_divisible, as torchvision computes them.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

namespace detail {

/// One inverted-residual block, as a configuration table unrolls it.
struct inverted {
    count_t in = 0, expanded = 0, out = 0, kernel = 3, stride = 1;
    bool se = false, hardswish = false;
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

// MobileNetV3-Large's table: in, kernel, expanded, out, SE, hardswish, stride (dilation 1).
struct v3_row {
    count_t in, kernel, expanded, out;
    bool se, hardswish;
    count_t stride;
};
inline constexpr v3_row mobilenet_v3_large_rows[] = {
    {16, 3, 16, 16, false, false, 1},    {16, 3, 64, 24, false, false, 2},    {24, 3, 72, 24, false, false, 1},
    {24, 5, 72, 40, true, false, 2},     {40, 5, 120, 40, true, false, 1},    {40, 5, 120, 40, true, false, 1},
    {40, 3, 240, 80, false, true, 2},    {80, 3, 200, 80, false, true, 1},    {80, 3, 184, 80, false, true, 1},
    {80, 3, 184, 80, false, true, 1},    {80, 3, 480, 112, true, true, 1},    {112, 3, 672, 112, true, true, 1},
    {112, 5, 672, 160, true, true, 2},   {160, 5, 960, 160, true, true, 1},   {160, 5, 960, 160, true, true, 1}};

constexpr inverted mobilenet_v3_large_block(std::size_t i) {
    const v3_row r = mobilenet_v3_large_rows[i];
    return inverted{make_divisible(r.in, 1), make_divisible(r.expanded, 1), make_divisible(r.out, 1), r.kernel,
                    r.stride,                r.se,                          r.hardswish};
}

/// MobileNetV2's block named P (features.i): expand 1×1 (unless t = 1), depthwise 3×3, project
/// 1×1 with batch norm and no activation (P.conv.0 ...); a residual sum when the shape is kept.
/// (Scalar parameters, not an `inverted`: g++ 12 crashes on members of class-type template
/// parameters in these aliases.)
template <fixed_string P, count_t In, count_t Expanded, count_t Out, count_t Stride, fixed_string C = cat<P, ".conv">>
using v2_body = sub<P, ".conv", std::conditional_t<Expanded != In,
    sequential<
        conv_bn_act<dot<C, 0>, Expanded, 1, 1, 1, relu6>,
        conv_bn_act<dot<C, 1>, Expanded, 3, Stride, Expanded, relu6>,
        at<C, 2, conv2d<Out, 1, no_bias>>,
        at<C, 3, batch_norm>>,
    sequential<
        conv_bn_act<dot<C, 0>, Expanded, 3, Stride, Expanded, relu6>,
        at<C, 1, conv2d<Out, 1, no_bias>>,
        at<C, 2, batch_norm>>>>;

template <fixed_string P, count_t In, count_t Expanded, count_t Out, count_t Stride>
using v2_block = named<P, std::conditional_t<Stride == 1 && In == Out,
    add<v2_body<P, In, Expanded, Out, Stride>, identity>, v2_body<P, In, Expanded, Out, Stride>>>;

template <std::size_t I>
struct v2_at {
    static constexpr inverted b = mobilenet_v2_block(I);
    using type = v2_block<dot<"features", static_cast<count_t>(I + 1)>, b.in, b.expanded, b.out, b.stride>;
};

/// features: the stem, the blocks, the last 1×1 convolution (features.0 ... features.18).
template <std::size_t... I>
auto mobilenet_v2_features(std::index_sequence<I...>) -> named<"features", sequential<
    conv_bn_act<"features.0", mobilenet_v2_stem, 3, 2, 1, relu6>,
    typename v2_at<I>::type...,
    conv_bn_act<dot<"features", sizeof...(I) + 1>, mobilenet_v2_last, 1, 1, 1, relu6>>>;

/// MobileNetV3's block named P: expand (unless the width is kept), depthwise K×K, squeeze-excite
/// (ReLU inside, hardsigmoid scale, squeeze to make_divisible(expanded / 4)), project
/// (P.block.0 ...); ReLU or hardswish as activation.
template <fixed_string P, count_t In, count_t Expanded, count_t Out, count_t K, count_t Stride, bool Se, class Act,
          fixed_string C = cat<P, ".block">, count_t E = Expanded != In ? 1 : 0, count_t S = Se ? 1 : 0>
using v3_body = sub<P, ".block", sequential<
    std::conditional_t<E == 1, conv_bn_act<dot<C, 0>, Expanded, 1, 1, 1, Act>, sequential<>>,
    conv_bn_act<dot<C, E>, Expanded, K, Stride, Expanded, Act>,
    std::conditional_t<Se, squeeze_excitation<dot<C, E + 1>, Expanded, make_divisible(Expanded / 4, 1), relu, hardsigmoid>,
                       sequential<>>,
    conv_bn_act<dot<C, E + S + 1>, Out, 1, 1, 1, void>>>;

template <std::size_t I>
struct v3_at {
    static constexpr inverted b = mobilenet_v3_large_block(I);
    using body = v3_body<dot<"features", static_cast<count_t>(I + 1)>, b.in, b.expanded, b.out, b.kernel, b.stride, b.se,
                         std::conditional_t<b.hardswish, hardswish, relu>>;
    using type = named<dot<"features", static_cast<count_t>(I + 1)>,
                       std::conditional_t<b.stride == 1 && b.in == b.out, add<body, identity>, body>>;
};

/// features: the stem, the blocks, the last 1×1 convolution to 6× the last block's channels.
template <std::size_t... I>
auto mobilenet_v3_large_features(std::index_sequence<I...>) -> named<"features", sequential<
    conv_bn_act<"features.0", make_divisible(16, 1), 3, 2, 1, hardswish>,
    typename v3_at<I>::type...,
    conv_bn_act<dot<"features", sizeof...(I) + 1>, 6 * mobilenet_v3_large_block(sizeof...(I) - 1).out, 1, 1, 1,
                hardswish>>>;

}  // namespace detail

/// MobileNetV2 (width 1.0) on Height×Width×3.
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using mobilenet_v2_at = network<input<Height, Width, 3>,
    decltype(detail::mobilenet_v2_features(std::make_index_sequence<detail::mobilenet_v2_count()>{})),
    adaptive_avg_pool<1>,
    flatten,
    named<"classifier", sequential<
        named<"classifier.0", dropout>,
        named<"classifier.1", dense<Classes>>>>>;

/// MobileNetV3-Large (width 1.0) on Height×Width×3.
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using mobilenet_v3_large_at = network<input<Height, Width, 3>,
    decltype(detail::mobilenet_v3_large_features(std::make_index_sequence<std::size(detail::mobilenet_v3_large_rows)>{})),
    named<"avgpool", adaptive_avg_pool<1>>,
    flatten,
    named<"classifier", sequential<
        named<"classifier.0", dense<make_divisible(1280, 1)>>,
        named<"classifier.1", hardswish>,
        named<"classifier.2", dropout>,
        named<"classifier.3", dense<Classes>>>>>;

using mobilenet_v2 = mobilenet_v2_at<>;
using mobilenet_v3_large = mobilenet_v3_large_at<>;

}  // namespace netshape::zoo
