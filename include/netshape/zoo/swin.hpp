// netshape/zoo/swin.hpp: the Swin Transformer (Liu et al. 2021) and Swin Transformer V2 (Liu et
// al. 2022), as torchvision builds them (torchvision.models.SwinTransformer).
//
// torchvision keeps Swin's tokens channels-last, N×H×W×C, from the patch embedding to the head:
// netshape's image H×W×C is that tensor, so nn.LayerNorm and nn.Linear on its last axis are
// layer_norm and dense<N, per_pixel>, and attention runs within windows of the image
// (window_attention, cosine_window_attention). torchvision's Permute modules move no figure and
// are left out, as in ConvNeXt.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

namespace detail {

/// The MLP of a transformer block on Dim channels of every position: Dim→Hidden, GELU, dropout,
/// Hidden→Dim, dropout (torchvision's MLP, "0" ... "4").
template <count_t Dim, count_t Hidden>
using per_position_mlp = sequential<
    at<0, dense<Hidden, per_pixel>>,
    at<1, gelu>,
    at<2, dropout>,
    at<3, dense<Dim, per_pixel>>,
    at<4, dropout>>;

/// x + stochastic_depth(Norm(Body(x))) after the norm (PostNorm), else x + stochastic_depth(Body(Norm(x))).
template <fixed_string Norm, fixed_string Body, class Layer, bool PostNorm>
using swin_residual = add<
    std::conditional_t<PostNorm,
        sequential<named<Body, Layer>, named<Norm, layer_norm>, named<"stochastic_depth", dropout>>,
        sequential<named<Norm, layer_norm>, named<Body, Layer>, named<"stochastic_depth", dropout>>>,
    identity>;

/// SwinTransformerBlock: x + stochastic_depth(attn(norm1(x))), then x + stochastic_depth(mlp(norm2(x)));
/// SwinTransformerBlockV2 (PostNorm): the norms after attention and MLP (res-post-norm).
template <count_t Dim, class Attention, bool PostNorm>
using swin_block = sequential<
    swin_residual<"norm1", "attn", Attention, PostNorm>,
    swin_residual<"norm2", "mlp", per_position_mlp<Dim, 4 * Dim>, PostNorm>>;

/// Swin V1 (ShiftedWindowAttention, PatchMerging) or V2 (ShiftedWindowAttentionV2, PatchMergingV2).
enum class swin_version { v1, v2 };

/// Block B of a stage: every second block's windows are shifted by half (shift_size = window // 2).
template <swin_version V, count_t Dim, count_t Heads, count_t Window, bool Shifted>
struct swin_block_of {
    template <class... Options>
    using attention = std::conditional_t<V == swin_version::v1, window_attention<Heads, Window, Options...>,
                                         cosine_window_attention<Heads, Window, Options...>>;
    using attn = std::conditional_t<Shifted, attention<shifted>, attention<>>;
    using type = swin_block<Dim, attn, V == swin_version::v2>;
};

template <swin_version V, count_t Dim, count_t Heads, count_t Window, std::size_t... B>
auto swin_stage(std::index_sequence<B...>)
    -> sequential<at<static_cast<count_t>(B), typename swin_block_of<V, Dim, Heads, Window, B % 2 == 1>::type>...>;

/// A stage: Depth blocks on Dim channels of Heads heads, alternately unshifted and shifted.
template <swin_version V, count_t Dim, count_t Depth, count_t Heads, count_t Window>
struct swin_stage_make {
    using type = decltype(swin_stage<V, Dim, Heads, Window>(std::make_index_sequence<static_cast<std::size_t>(Depth)>{}));
};

/// PatchMerging (V1): the 2×2 neighbourhoods concatenated, layer norm over their 4·Dim channels,
/// then the linear reduction to 2·Dim without bias. PatchMergingV2: reduction first, then the
/// norm over 2·Dim.
template <swin_version V, count_t Dim>
using swin_merging = std::conditional_t<V == swin_version::v1,
    sequential<
        patch_merging,
        named<"norm", layer_norm>,
        named<"reduction", dense<2 * Dim, per_pixel, no_bias>>>,
    sequential<
        patch_merging,
        named<"reduction", dense<2 * Dim, per_pixel, no_bias>>,
        named<"norm", layer_norm>>>;

/// Stage I as features' child 2·I + 1, and after every stage but the last its patch merging as
/// child 2·I + 2 (spliced into features, no block of their own).
template <swin_version V, count_t Embed, count_t Window, count_t Stages, count_t I, count_t Depth, count_t Heads>
using swin_stage_and_merging = netshape::detail::joined<
    at<2 * I + 1, deferred<swin_stage_make<V, (Embed << I), Depth, Heads, Window>>>,
    only_if<(I + 1 < Stages), at<2 * I + 2, swin_merging<V, (Embed << I)>>>>;

template <swin_version V, count_t Patch, count_t Embed, class Depths, class Heads, count_t Window, count_t Height,
          count_t Width, count_t Classes, class Stages>
struct swin_network;
template <swin_version V, count_t Patch, count_t Embed, count_t... Depth, count_t... Heads, count_t Window, count_t Height,
          count_t Width, count_t Classes, std::size_t... I>
struct swin_network<V, Patch, Embed, blocks<Depth...>, blocks<Heads...>, Window, Height, Width, Classes,
                    std::index_sequence<I...>> {
    static_assert(sizeof...(Depth) == sizeof...(Heads), "netshape: swin_transformer needs one head count per stage");
    static_assert(sizeof...(Depth) > 0, "netshape: swin_transformer needs at least one stage");
    static constexpr count_t stages = static_cast<count_t>(sizeof...(Depth));
    using type = network<input<Height, Width, 3>,
        named<"features", sequential<
            at<0, sequential<
                at<0, conv2d<Embed, Patch, stride<Patch>>>,
                at<2, layer_norm>>>,
            swin_stage_and_merging<V, Embed, Window, stages, static_cast<count_t>(I), Depth, Heads>...>>,
        named<"norm", layer_norm>,
        named<"avgpool", adaptive_avg_pool<1>>,
        named<"flatten", flatten>,
        named<"head", dense<Classes>>>;
};

template <swin_version V, count_t Patch, count_t Embed, class Depths, class Heads, count_t Window, count_t Height,
          count_t Width, count_t Classes>
struct swin_of;
template <swin_version V, count_t Patch, count_t Embed, count_t... Depth, class Heads, count_t Window, count_t Height,
          count_t Width, count_t Classes>
struct swin_of<V, Patch, Embed, blocks<Depth...>, Heads, Window, Height, Width, Classes> {
    using type = typename swin_network<V, Patch, Embed, blocks<Depth...>, Heads, Window, Height, Width, Classes,
                                       std::make_index_sequence<sizeof...(Depth)>>::type;
};

}  // namespace detail

/// torchvision's SwinTransformer(patch_size=[Patch, Patch], embed_dim=Embed, depths=[Depths...],
/// num_heads=[Heads...], window_size=[Window, Window], num_classes=Classes) on Height×Width×3: stage
/// I has Embed·2^I channels and Depths_I blocks of Heads_I heads, patch merging between stages, MLP
/// ratio 4. Depths and Heads are blocks<...> lists of equal length (any number of stages).
template <count_t Patch, count_t Embed, class Depths, class Heads, count_t Window, count_t Height = 224,
          count_t Width = Height, count_t Classes = 1000>
using swin_transformer =
    typename detail::swin_of<detail::swin_version::v1, Patch, Embed, Depths, Heads, Window, Height, Width, Classes>::type;

/// torchvision's SwinTransformer with block=SwinTransformerBlockV2 and
/// downsample_layer=PatchMergingV2, as its swin_v2_* builders make it: cosine window attention
/// with a continuous position bias, norms after attention and MLP, patch merging reduced then
/// normalised. Arguments as swin_transformer's.
template <count_t Patch, count_t Embed, class Depths, class Heads, count_t Window, count_t Height = 256,
          count_t Width = Height, count_t Classes = 1000>
using swin_transformer_v2 =
    typename detail::swin_of<detail::swin_version::v2, Patch, Embed, Depths, Heads, Window, Height, Width, Classes>::type;

using swin_t = swin_transformer<4, 96, blocks<2, 2, 6, 2>, blocks<3, 6, 12, 24>, 7>;
using swin_s = swin_transformer<4, 96, blocks<2, 2, 18, 2>, blocks<3, 6, 12, 24>, 7>;
using swin_b = swin_transformer<4, 128, blocks<2, 2, 18, 2>, blocks<4, 8, 16, 32>, 7>;

/// 256×256, as torchvision's weights for them (its builders take any size).
using swin_v2_t = swin_transformer_v2<4, 96, blocks<2, 2, 6, 2>, blocks<3, 6, 12, 24>, 8>;
using swin_v2_s = swin_transformer_v2<4, 96, blocks<2, 2, 18, 2>, blocks<3, 6, 12, 24>, 8>;
using swin_v2_b = swin_transformer_v2<4, 128, blocks<2, 2, 18, 2>, blocks<4, 8, 16, 32>, 8>;

}  // namespace netshape::zoo
