// netshape/zoo/efficientnet.hpp: EfficientNet-B0 (Tan and Le 2019), as torchvision builds it.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

namespace detail {

// torchvision's MBConv configuration for B0 (width and depth multipliers 1): expand ratio,
// kernel, stride, input channels, output channels, layers.
struct mbconv_row {
    count_t expand, kernel, stride, in, out, layers;
};
inline constexpr mbconv_row efficientnet_b0_rows[] = {{1, 3, 1, 32, 16, 1},  {6, 3, 2, 16, 24, 2},
                                                      {6, 5, 2, 24, 40, 2},  {6, 3, 2, 40, 80, 3},
                                                      {6, 5, 1, 80, 112, 3}, {6, 5, 2, 112, 192, 4},
                                                      {6, 3, 1, 192, 320, 1}};

/// MBConv block: expand 1×1 (when the expanded width differs), depthwise K×K, squeeze-excite
/// (squeeze to max(1, In / 4), SiLU inside, sigmoid scale), project 1×1 ("block" > "0" ...), all
/// SiLU. With a residual sum, stochastic depth (a dropout at inference) precedes it.
template <count_t In, count_t Out, count_t Expand, count_t K, count_t Stride,
          count_t Expanded = make_divisible(In * Expand, 1), count_t E = Expanded != In ? 1 : 0>
using mbconv_body = named<"block", sequential<
    std::conditional_t<E == 1, at<0, conv_bn_act<Expanded, 1, 1, 1, silu>>, sequential<>>,
    at<E, conv_bn_act<Expanded, K, Stride, Expanded, silu>>,
    at<E + 1, squeeze_excitation<Expanded, (In / 4 > 1 ? In / 4 : 1), silu, sigmoid>>,
    at<E + 2, conv_bn_act<Out, 1, 1, 1, void>>>>;

template <count_t In, count_t Out, count_t Expand, count_t K, count_t Stride>
using mbconv = std::conditional_t<Stride == 1 && In == Out,
    add<sequential<mbconv_body<In, Out, Expand, K, Stride>, named<"stochastic_depth", dropout>>, identity>,
    sequential<mbconv_body<In, Out, Expand, K, Stride>>>;

/// Stage S (1-based, features' child "S"): its first block takes the row's input and stride, the
/// others the row's output and stride 1.
template <count_t S, std::size_t... B>
auto mbconv_stage(std::index_sequence<B...>) -> sequential<
    at<static_cast<count_t>(B), mbconv<B == 0 ? efficientnet_b0_rows[S - 1].in : efficientnet_b0_rows[S - 1].out, efficientnet_b0_rows[S - 1].out,
                 efficientnet_b0_rows[S - 1].expand, efficientnet_b0_rows[S - 1].kernel,
                 B == 0 ? efficientnet_b0_rows[S - 1].stride : 1>>...>;

template <count_t S>
struct mbconv_stage_make {
    using type =
        decltype(mbconv_stage<S>(std::make_index_sequence<static_cast<std::size_t>(efficientnet_b0_rows[S - 1].layers)>{}));
};
template <count_t S>
using mbconv_stage_of = deferred<mbconv_stage_make<S>>;

template <std::size_t... S>
auto efficientnet_b0_features(std::index_sequence<S...>) -> named<"features", sequential<
    at<0, conv_bn_act<efficientnet_b0_rows[0].in, 3, 2, 1, silu>>,
    at<static_cast<count_t>(S + 1), mbconv_stage_of<static_cast<count_t>(S + 1)>>...,
    at<static_cast<count_t>(sizeof...(S) + 1), conv_bn_act<4 * efficientnet_b0_rows[sizeof...(S) - 1].out, 1, 1, 1, silu>>>>;
// A template, so that its type is worked out only when deferred<> asks for it.
template <std::size_t Stages>
struct efficientnet_b0_features_make {
    using type = decltype(efficientnet_b0_features(std::make_index_sequence<Stages>{}));
};

}  // namespace detail

/// EfficientNet-B0 on Height×Width×3.
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using efficientnet_b0_at = network<input<Height, Width, 3>,
    detail::deferred<detail::efficientnet_b0_features_make<std::size(detail::efficientnet_b0_rows)>>,
    named<"avgpool", adaptive_avg_pool<1>>,
    flatten,
    named<"classifier", sequential<
        at<0, dropout>,
        at<1, dense<Classes>>>>>;

using efficientnet_b0 = efficientnet_b0_at<>;

}  // namespace netshape::zoo
