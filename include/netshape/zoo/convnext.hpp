// netshape/zoo/convnext.hpp: ConvNeXt (Liu et al. 2022), as torchvision builds it.
//
// Its block runs on channels-last tensors: nn.Linear over the channels of every position is
// dense<N, per_pixel>, nn.LayerNorm over channels is layer_norm, and the learnable per-channel
// γ is layer_scale. torchvision's Permute modules have no netshape counterpart (no shape change
// in height × width × channels terms) and are left out.
#pragma once

#include <cstddef>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

namespace detail {

/// CNBlock named P on Dim channels: depthwise 7×7, layer norm, per-pixel Dim→4·Dim, GELU,
/// 4·Dim→Dim, layer scale, stochastic depth; added to the input.
template <fixed_string P, count_t Dim, fixed_string Q = cat<P, ".block">>
using cn_block = named<P, add<
    sequential<
        at<Q, 0, conv2d<Dim, 7, pad<3>, groups<Dim>>>,
        at<Q, 2, layer_norm>,
        at<Q, 3, dense<4 * Dim, per_pixel>>,
        at<Q, 4, gelu>,
        at<Q, 5, dense<Dim, per_pixel>>,
        sub<P, ".layer_scale", layer_scale>,
        sub<P, ".stochastic_depth", dropout>>,
    identity>>;

template <count_t Index, count_t Dim, std::size_t... B>
auto cn_stage(std::index_sequence<B...>)
    -> named<dot<"features", Index>, sequential<cn_block<dot<dot<"features", Index>, static_cast<count_t>(B)>, Dim>...>>;

/// features.Index: Count blocks on Dim channels.
template <count_t Index, count_t Dim, count_t Count>
using cn_stage_of = decltype(cn_stage<Index, Dim>(std::make_index_sequence<static_cast<std::size_t>(Count)>{}));

/// features.Index: layer norm then a 2×2 stride-2 convolution to Out channels.
template <count_t Index, count_t Out>
using cn_downsample = named<dot<"features", Index>, sequential<
    at<dot<"features", Index>, 0, layer_norm>,
    at<dot<"features", Index>, 1, conv2d<Out, 2, stride<2>>>>>;

template <class Blocks, class Dims, count_t Height, count_t Width, count_t Classes>
struct convnext_network;
template <count_t N1, count_t N2, count_t N3, count_t N4, count_t D1, count_t D2, count_t D3, count_t D4, count_t Height,
          count_t Width, count_t Classes>
struct convnext_network<blocks<N1, N2, N3, N4>, blocks<D1, D2, D3, D4>, Height, Width, Classes> {
    using type = network<input<Height, Width, 3>,
        named<"features", sequential<
            named<"features.0", sequential<
                named<"features.0.0", conv2d<D1, 4, stride<4>>>,
                named<"features.0.1", layer_norm>>>,
            cn_stage_of<1, D1, N1>,
            cn_downsample<2, D2>,
            cn_stage_of<3, D2, N2>,
            cn_downsample<4, D3>,
            cn_stage_of<5, D3, N3>,
            cn_downsample<6, D4>,
            cn_stage_of<7, D4, N4>>>,
        named<"avgpool", adaptive_avg_pool<1>>,
        named<"classifier", sequential<
            named<"classifier.0", layer_norm>,
            named<"classifier.1", flatten>,
            named<"classifier.2", dense<Classes>>>>>;
};

}  // namespace detail

/// ConvNeXt with blocks<N1..N4> blocks and blocks<D1..D4> channels per stage, on Height×Width×3.
template <class Blocks, class Dims, count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using convnext = typename detail::convnext_network<Blocks, Dims, Height, Width, Classes>::type;

using convnext_tiny = convnext<blocks<3, 3, 9, 3>, blocks<96, 192, 384, 768>>;

}  // namespace netshape::zoo
