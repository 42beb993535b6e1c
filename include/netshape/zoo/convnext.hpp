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

/// CNBlock on Dim channels: depthwise 7×7, layer norm, per-pixel Dim→4·Dim, GELU, 4·Dim→Dim
/// ("block" > "0" ... "5"; torchvision's Permutes "1" and "6" are left out), layer scale (a
/// parameter of the block, named as torchvision names it), stochastic depth; added to the input.
/// The add carries the name its stage gives it, so "block" is a block of its own inside.
template <count_t Dim>
using cn_block = add<
    sequential<
        named<"block", sequential<
            at<0, conv2d<Dim, 7, pad<3>, groups<Dim>>>,
            at<2, layer_norm>,
            at<3, dense<4 * Dim, per_pixel>>,
            at<4, gelu>,
            at<5, dense<Dim, per_pixel>>>>,
        named<"layer_scale", layer_scale>,
        named<"stochastic_depth", dropout>>,
    identity>;

template <count_t Dim, std::size_t... B>
auto cn_stage(std::index_sequence<B...>) -> sequential<at<static_cast<count_t>(B), cn_block<Dim>>...>;

/// A stage: Count blocks on Dim channels, all one type.
template <count_t Dim, count_t Count>
struct cn_stage_make {
    using type = decltype(cn_stage<Dim>(std::make_index_sequence<static_cast<std::size_t>(Count)>{}));
};
template <count_t Dim, count_t Count>
using cn_stage_of = deferred<cn_stage_make<Dim, Count>>;

/// Downsampling between stages: layer norm then a 2×2 stride-2 convolution to Out channels.
template <count_t Out>
using cn_downsample = sequential<
    at<0, layer_norm>,
    at<1, conv2d<Out, 2, stride<2>>>>;

template <class Blocks, class Dims, count_t Height, count_t Width, count_t Classes>
struct convnext_network;
template <count_t N1, count_t N2, count_t N3, count_t N4, count_t D1, count_t D2, count_t D3, count_t D4, count_t Height,
          count_t Width, count_t Classes>
struct convnext_network<blocks<N1, N2, N3, N4>, blocks<D1, D2, D3, D4>, Height, Width, Classes> {
    using type = network<input<Height, Width, 3>,
        named<"features", sequential<
            at<0, sequential<
                at<0, conv2d<D1, 4, stride<4>>>,
                at<1, layer_norm>>>,
            at<1, cn_stage_of<D1, N1>>,
            at<2, cn_downsample<D2>>,
            at<3, cn_stage_of<D2, N2>>,
            at<4, cn_downsample<D3>>,
            at<5, cn_stage_of<D3, N3>>,
            at<6, cn_downsample<D4>>,
            at<7, cn_stage_of<D4, N4>>>>,
        named<"avgpool", adaptive_avg_pool<1>>,
        named<"classifier", sequential<
            at<0, layer_norm>,
            at<1, flatten>,
            at<2, dense<Classes>>>>>;
};

}  // namespace detail

/// ConvNeXt with blocks<N1..N4> blocks and blocks<D1..D4> channels per stage, on Height×Width×3.
template <class Blocks, class Dims, count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using convnext = typename detail::convnext_network<Blocks, Dims, Height, Width, Classes>::type;

using convnext_tiny = convnext<blocks<3, 3, 9, 3>, blocks<96, 192, 384, 768>>;
using convnext_small = convnext<blocks<3, 3, 27, 3>, blocks<96, 192, 384, 768>>;
using convnext_base = convnext<blocks<3, 3, 27, 3>, blocks<128, 256, 512, 1024>>;
using convnext_large = convnext<blocks<3, 3, 27, 3>, blocks<192, 384, 768, 1536>>;

}  // namespace netshape::zoo
