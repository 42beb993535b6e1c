// netshape/zoo/efficientnet.hpp: EfficientNet-B0 ... B7 (Tan and Le 2019) and EfficientNetV2-S, -M, -L
// (Tan and Le 2021), as torchvision builds them.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

namespace detail {

// torchvision's MBConv configuration for B0 (width and depth multipliers 1): expand ratio,
// kernel, stride, input channels, output channels, layers; and whether the row is a FusedMBConv
// (EfficientNetV2's first stages).
struct mbconv_row {
    count_t expand, kernel, stride, in, out, layers;
    bool fused = false;
};
inline constexpr mbconv_row efficientnet_b0_rows[] = {{1, 3, 1, 32, 16, 1},  {6, 3, 2, 16, 24, 2},
                                                      {6, 5, 2, 24, 40, 2},  {6, 3, 2, 40, 80, 3},
                                                      {6, 5, 1, 80, 112, 3}, {6, 5, 2, 112, 192, 4},
                                                      {6, 3, 1, 192, 320, 1}};
// torchvision's _efficientnet_conf for EfficientNetV2-S, -M and -L (FusedMBConvConfig rows first).
inline constexpr mbconv_row efficientnet_v2_s_rows[] = {
    {1, 3, 1, 24, 24, 2, true}, {4, 3, 2, 24, 48, 4, true}, {4, 3, 2, 48, 64, 4, true},
    {4, 3, 2, 64, 128, 6},      {6, 3, 1, 128, 160, 9},     {6, 3, 2, 160, 256, 15}};
inline constexpr mbconv_row efficientnet_v2_m_rows[] = {
    {1, 3, 1, 24, 24, 3, true}, {4, 3, 2, 24, 48, 5, true}, {4, 3, 2, 48, 80, 5, true}, {4, 3, 2, 80, 160, 7},
    {6, 3, 1, 160, 176, 14},    {6, 3, 2, 176, 304, 18},    {6, 3, 1, 304, 512, 5}};
inline constexpr mbconv_row efficientnet_v2_l_rows[] = {
    {1, 3, 1, 32, 32, 4, true}, {4, 3, 2, 32, 64, 7, true}, {4, 3, 2, 64, 96, 7, true}, {4, 3, 2, 96, 192, 10},
    {6, 3, 1, 192, 224, 19},    {6, 3, 2, 224, 384, 25},    {6, 3, 1, 384, 640, 7}};

/// An EfficientNet variant: its configuration table, torchvision's width_mult and depth_mult in
/// tenths (B0 10 and 10, B7 20 and 31), and its last_channel (0: four times the last stage's).
template <const auto& Rows, count_t Width10, count_t Depth10, count_t Last>
struct efficientnet_variant {
    static constexpr std::size_t stages = std::size(Rows);
    /// Row S (0-based) as MBConvConfig adjusts it: channels to make_divisible(c · width_mult, 8),
    /// layers to ⌈n · depth_mult⌉, both exact in tenths (torchvision computes them in floating point;
    /// none of its products lies on a rounding boundary, which the tests against it confirm).
    /// A FusedMBConvConfig row is taken as written.
    static constexpr mbconv_row row(std::size_t s) {
        mbconv_row r = Rows[s];
        if (!r.fused) {
            r.in = make_divisible(r.in * Width10, 10);
            r.out = make_divisible(r.out * Width10, 10);
            r.layers = (r.layers * Depth10 + 9) / 10;
        }
        return r;
    }
    static constexpr count_t last = Last != 0 ? Last : 4 * row(stages - 1).out;
};

/// MBConv block: expand 1×1 (when the expanded width differs), depthwise K×K, squeeze-excite
/// (squeeze to max(1, In / 4), SiLU inside, sigmoid scale), project 1×1 ("block" > "0" ...), all
/// SiLU. FusedMBConv (Fused): the expansion and the depthwise convolution are one K×K convolution,
/// then the projection; without an expansion, that K×K convolution to Out alone. No
/// squeeze-excite.
template <count_t In, count_t Out, count_t Expand, count_t K, count_t Stride, bool Fused,
          count_t Expanded = make_divisible(In * Expand, 1), count_t E = Expanded != In ? 1 : 0>
using mbconv_body = named<"block", std::conditional_t<Fused,
    std::conditional_t<E == 1,
        sequential<
            at<0, conv_bn_act<Expanded, K, Stride, 1, silu>>,
            at<1, conv_bn_act<Out, 1, 1, 1, void>>>,
        sequential<at<0, conv_bn_act<Out, K, Stride, 1, silu>>>>,
    sequential<
        std::conditional_t<E == 1, at<0, conv_bn_act<Expanded, 1, 1, 1, silu>>, sequential<>>,
        at<E, conv_bn_act<Expanded, K, Stride, Expanded, silu>>,
        at<E + 1, squeeze_excitation<Expanded, (In / 4 > 1 ? In / 4 : 1), silu, sigmoid>>,
        at<E + 2, conv_bn_act<Out, 1, 1, 1, void>>>>>;

/// With a residual sum, stochastic depth (a dropout at inference) precedes it.
template <count_t In, count_t Out, count_t Expand, count_t K, count_t Stride, bool Fused>
using mbconv = std::conditional_t<Stride == 1 && In == Out,
    add<sequential<mbconv_body<In, Out, Expand, K, Stride, Fused>, named<"stochastic_depth", dropout>>, identity>,
    sequential<mbconv_body<In, Out, Expand, K, Stride, Fused>>>;

/// Stage S (1-based, features' child "S"): its first block takes the row's input and stride, the
/// others the row's output and stride 1.
template <class Variant, count_t S, std::size_t... B>
auto mbconv_stage(std::index_sequence<B...>) -> sequential<
    at<static_cast<count_t>(B), mbconv<B == 0 ? Variant::row(S - 1).in : Variant::row(S - 1).out, Variant::row(S - 1).out,
                                       Variant::row(S - 1).expand, Variant::row(S - 1).kernel,
                                       B == 0 ? Variant::row(S - 1).stride : 1, Variant::row(S - 1).fused>>...>;

template <class Variant, count_t S>
struct mbconv_stage_make {
    using type = decltype(mbconv_stage<Variant, S>(std::make_index_sequence<static_cast<std::size_t>(Variant::row(S - 1).layers)>{}));
};
template <class Variant, count_t S>
using mbconv_stage_of = deferred<mbconv_stage_make<Variant, S>>;

template <class Variant, std::size_t... S>
auto efficientnet_features(std::index_sequence<S...>) -> named<"features", sequential<
    at<0, conv_bn_act<Variant::row(0).in, 3, 2, 1, silu>>,
    at<static_cast<count_t>(S + 1), mbconv_stage_of<Variant, static_cast<count_t>(S + 1)>>...,
    at<static_cast<count_t>(sizeof...(S) + 1), conv_bn_act<Variant::last, 1, 1, 1, silu>>>>;
// A template, so that its type is worked out only when deferred<> asks for it.
template <class Variant>
struct efficientnet_features_make {
    using type = decltype(efficientnet_features<Variant>(std::make_index_sequence<Variant::stages>{}));
};

}  // namespace detail

/// EfficientNet of a variant (detail::efficientnet_variant) on Height×Width×3. Stochastic depth is
/// a dropout at inference; the classifier's dropout rate does not change a figure.
template <class Variant, count_t Height, count_t Width = Height, count_t Classes = 1000>
using efficientnet = network<input<Height, Width, 3>,
    detail::deferred<detail::efficientnet_features_make<Variant>>,
    named<"avgpool", adaptive_avg_pool<1>>,
    flatten,
    named<"classifier", sequential<
        at<0, dropout>,
        at<1, dense<Classes>>>>>;

// torchvision's variants: B0 ... B7 scale B0's table by width_mult and depth_mult (tenths);
// V2 has tables of its own and last_channel 1280.
using efficientnet_b0_variant = detail::efficientnet_variant<detail::efficientnet_b0_rows, 10, 10, 0>;
using efficientnet_b1_variant = detail::efficientnet_variant<detail::efficientnet_b0_rows, 10, 11, 0>;
using efficientnet_b2_variant = detail::efficientnet_variant<detail::efficientnet_b0_rows, 11, 12, 0>;
using efficientnet_b3_variant = detail::efficientnet_variant<detail::efficientnet_b0_rows, 12, 14, 0>;
using efficientnet_b4_variant = detail::efficientnet_variant<detail::efficientnet_b0_rows, 14, 18, 0>;
using efficientnet_b5_variant = detail::efficientnet_variant<detail::efficientnet_b0_rows, 16, 22, 0>;
using efficientnet_b6_variant = detail::efficientnet_variant<detail::efficientnet_b0_rows, 18, 26, 0>;
using efficientnet_b7_variant = detail::efficientnet_variant<detail::efficientnet_b0_rows, 20, 31, 0>;
using efficientnet_v2_s_variant = detail::efficientnet_variant<detail::efficientnet_v2_s_rows, 10, 10, 1280>;
using efficientnet_v2_m_variant = detail::efficientnet_variant<detail::efficientnet_v2_m_rows, 10, 10, 1280>;
using efficientnet_v2_l_variant = detail::efficientnet_variant<detail::efficientnet_v2_l_rows, 10, 10, 1280>;

/// EfficientNet-B0 ... B7 and V2-S, -M, -L on Height×Width×3. The defaults are the crop sizes of
/// torchvision's IMAGENET1K_V1 weights (B0 224, B1 240, B2 288, B3 300, B4 380, B5 456, B6 528,
/// B7 600, V2-S 384, V2-M and V2-L 480).
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using efficientnet_b0_at = efficientnet<efficientnet_b0_variant, Height, Width, Classes>;
template <count_t Height = 240, count_t Width = Height, count_t Classes = 1000>
using efficientnet_b1_at = efficientnet<efficientnet_b1_variant, Height, Width, Classes>;
template <count_t Height = 288, count_t Width = Height, count_t Classes = 1000>
using efficientnet_b2_at = efficientnet<efficientnet_b2_variant, Height, Width, Classes>;
template <count_t Height = 300, count_t Width = Height, count_t Classes = 1000>
using efficientnet_b3_at = efficientnet<efficientnet_b3_variant, Height, Width, Classes>;
template <count_t Height = 380, count_t Width = Height, count_t Classes = 1000>
using efficientnet_b4_at = efficientnet<efficientnet_b4_variant, Height, Width, Classes>;
template <count_t Height = 456, count_t Width = Height, count_t Classes = 1000>
using efficientnet_b5_at = efficientnet<efficientnet_b5_variant, Height, Width, Classes>;
template <count_t Height = 528, count_t Width = Height, count_t Classes = 1000>
using efficientnet_b6_at = efficientnet<efficientnet_b6_variant, Height, Width, Classes>;
template <count_t Height = 600, count_t Width = Height, count_t Classes = 1000>
using efficientnet_b7_at = efficientnet<efficientnet_b7_variant, Height, Width, Classes>;
template <count_t Height = 384, count_t Width = Height, count_t Classes = 1000>
using efficientnet_v2_s_at = efficientnet<efficientnet_v2_s_variant, Height, Width, Classes>;
template <count_t Height = 480, count_t Width = Height, count_t Classes = 1000>
using efficientnet_v2_m_at = efficientnet<efficientnet_v2_m_variant, Height, Width, Classes>;
template <count_t Height = 480, count_t Width = Height, count_t Classes = 1000>
using efficientnet_v2_l_at = efficientnet<efficientnet_v2_l_variant, Height, Width, Classes>;

using efficientnet_b0 = efficientnet_b0_at<>;
using efficientnet_b1 = efficientnet_b1_at<>;
using efficientnet_b2 = efficientnet_b2_at<>;
using efficientnet_b3 = efficientnet_b3_at<>;
using efficientnet_b4 = efficientnet_b4_at<>;
using efficientnet_b5 = efficientnet_b5_at<>;
using efficientnet_b6 = efficientnet_b6_at<>;
using efficientnet_b7 = efficientnet_b7_at<>;
using efficientnet_v2_s = efficientnet_v2_s_at<>;
using efficientnet_v2_m = efficientnet_v2_m_at<>;
using efficientnet_v2_l = efficientnet_v2_l_at<>;

}  // namespace netshape::zoo
