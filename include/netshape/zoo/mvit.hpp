// netshape/zoo/mvit.hpp: the Multiscale Vision Transformers for video, as torchvision 0.14 builds
// them (torchvision.models.video.MViT): mvit_v1_b (Fan et al. 2021) and mvit_v2_s (Li et al. 2022).
//
// The clip (1, 3, T, H, W) is cut into patches by a Conv3d ("conv_proj": kernel 3×7×7, stride
// 2×4×4, padding 1×3×3), its positions read as tokens frame by frame (to_tokens), the class token
// put first ("pos_encoding"; v1 adds its separable space-time position embedding there), then 16
// MultiscaleBlocks ("blocks.0" ... "blocks.15") over a token grid that their query pooling shrinks,
// a final layer norm ("norm"), and the classifier on the class token ("head": dropout, linear).
//
// A block on Cin → Cout channels, its grid T×H×W (torchvision's MultiscaleBlock):
//   v2 (proj_after_attn): x_norm1 = norm1(x); the skip is project(x_norm1) when Cin ≠ Cout, else x,
//      max-pooled over the grid when the query stride is not 1 ("pool_skip"); added to
//      attn(x_norm1) (multiscale_attention with Cout channels, residual pooling and relative
//      positions); then the MLP (Cout → 4·Cout → Cout) on norm2 of that, added to it.
//   v1: x = pool_skip(x) + attn(norm1(x)) (Cin channels); then norm2, and the MLP
//      (Cin → 4·Cin → Cout) added to project(norm2) when Cin ≠ Cout, to x otherwise.
#pragma once

#include <array>
#include <cstddef>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

namespace detail {

/// One MultiscaleBlock of torchvision's block_setting (MSBlockConfig); a kernel or stride of one
/// element stands for torchvision's empty list (no pooling).
struct mvit_block_setting {
    count_t heads, in, out;
    dhw kernel_q, kernel_kv, stride_q, stride_kv;
};

/// The extents the configurations below use: none (a), the 3×3×3 kernel, the 1×2×2 query stride
/// and the key/value strides.
struct mvit_extents {
    static constexpr dhw a{1, 1, 1}, k{3, 3, 3}, q2{1, 2, 2}, kv8{1, 8, 8}, kv4{1, 4, 4}, kv2{1, 2, 2};
};

/// torchvision's mvit_v1_b and mvit_v2_s configurations: 16 blocks each.
struct mvit_v1_b_setting : mvit_extents {
    static constexpr bool v2 = false;
    static constexpr std::array<mvit_block_setting, 16> blocks{{
        {1, 96, 192, a, k, a, kv8},
        {2, 192, 192, k, k, q2, kv4},
        {2, 192, 384, a, k, a, kv4},
        {4, 384, 384, k, k, q2, kv2},
        {4, 384, 384, a, k, a, kv2}, {4, 384, 384, a, k, a, kv2}, {4, 384, 384, a, k, a, kv2},
        {4, 384, 384, a, k, a, kv2}, {4, 384, 384, a, k, a, kv2}, {4, 384, 384, a, k, a, kv2},
        {4, 384, 384, a, k, a, kv2}, {4, 384, 384, a, k, a, kv2}, {4, 384, 384, a, k, a, kv2},
        {4, 384, 768, a, k, a, kv2},
        {8, 768, 768, k, k, q2, a},
        {8, 768, 768, a, k, a, a},
    }};
};
struct mvit_v2_s_setting : mvit_extents {
    static constexpr bool v2 = true;
    static constexpr std::array<mvit_block_setting, 16> blocks{{
        {1, 96, 96, k, k, a, kv8},
        {2, 96, 192, k, k, q2, kv4},
        {2, 192, 192, k, k, a, kv4},
        {4, 192, 384, k, k, q2, kv2},
        {4, 384, 384, k, k, a, kv2}, {4, 384, 384, k, k, a, kv2}, {4, 384, 384, k, k, a, kv2},
        {4, 384, 384, k, k, a, kv2}, {4, 384, 384, k, k, a, kv2}, {4, 384, 384, k, k, a, kv2},
        {4, 384, 384, k, k, a, kv2}, {4, 384, 384, k, k, a, kv2}, {4, 384, 384, k, k, a, kv2},
        {4, 384, 384, k, k, a, kv2},
        {8, 384, 768, k, k, q2, a},
        {8, 768, 768, k, k, a, a},
    }};
};

/// One axis of a convolution's or pool's output (PyTorch's rule, dilation 1).
constexpr count_t mvit_axis(count_t n, count_t kernel, count_t stride, count_t pad) {
    return (n + 2 * pad - kernel) / stride + 1;
}

/// The token grid after conv_proj on a clip of Depth×Height×Width.
constexpr dhw mvit_patch_grid(count_t depth, count_t height, count_t width) {
    return dhw{mvit_axis(depth, 3, 2, 1), mvit_axis(height, 7, 4, 3), mvit_axis(width, 7, 4, 3)};
}

/// The grid block I of Setting reads: the patch grid, pooled by every earlier block's queries.
template <class Setting>
constexpr dhw mvit_grid_before(dhw grid, std::size_t block) {
    for (std::size_t i = 0; i < block; ++i) {
        const mvit_block_setting& b = Setting::blocks[i];
        if (netshape::detail::pools(b.kernel_q, b.stride_q))
            grid = netshape::detail::pooled_grid(grid, b.kernel_q, b.stride_q);
    }
    return grid;
}

/// pool_skip's MaxPool3d: kernel stride + 1 on each strided axis (1 elsewhere), padding kernel // 2.
constexpr dhw mvit_skip_kernel(dhw stride) {
    return dhw{stride.depth > 1 ? stride.depth + 1 : stride.depth, stride.height > 1 ? stride.height + 1 : stride.height,
               stride.width > 1 ? stride.width + 1 : stride.width};
}
constexpr dhw half(dhw k) { return dhw{k.depth / 2, k.height / 2, k.width / 2}; }

/// pool_skip on Grid (a grid_max_pool when the queries are strided), else nothing.
template <dhw Grid, dhw Stride>
using mvit_skip = only_if<(Stride.depth * Stride.height * Stride.width > 1),
    named<"pool_skip", grid_max_pool<Grid, mvit_skip_kernel(Stride), Stride, half(mvit_skip_kernel(Stride))>>>;

/// torchvision's MLP(Width, [Hidden, Out], GELU): "0" ... "4".
template <count_t Hidden, count_t Out>
using mvit_mlp = named<"mlp", sequential<
    at<0, dense<Hidden>>,
    at<1, gelu>,
    at<2, dropout>,
    at<3, dense<Out>>,
    at<4, dropout>>>;

template <class Setting, dhw Grid, std::size_t I, bool V2 = Setting::v2>
struct mvit_block_make;

/// A v2 block (see the header's comment).
template <class Setting, dhw Grid, std::size_t I>
struct mvit_block_make<Setting, Grid, I, true> {
    static constexpr mvit_block_setting b = Setting::blocks[I];
    using attention = named<"attn", multiscale_attention<b.heads, b.out, Grid, b.kernel_q, b.stride_q, b.kernel_kv,
                                                         b.stride_kv, residual_pool, relative_position>>;
    using first = std::conditional_t<b.in != b.out,
        sequential<
            named<"norm1", layer_norm>,
            add<sequential<named<"project", dense<b.out>>, mvit_skip<Grid, b.stride_q>>, attention>>,
        add<sequential<mvit_skip<Grid, b.stride_q>>, sequential<named<"norm1", layer_norm>, attention>>>;
    using type = sequential<
        first,
        add<identity, sequential<named<"norm2", layer_norm>, mvit_mlp<4 * b.out, b.out>>>>;
};

/// A v1 block (see the header's comment).
template <class Setting, dhw Grid, std::size_t I>
struct mvit_block_make<Setting, Grid, I, false> {
    static constexpr mvit_block_setting b = Setting::blocks[I];
    using attention =
        named<"attn", multiscale_attention<b.heads, b.in, Grid, b.kernel_q, b.stride_q, b.kernel_kv, b.stride_kv>>;
    using second = std::conditional_t<b.in != b.out,
        sequential<
            named<"norm2", layer_norm>,
            add<named<"project", dense<b.out>>, mvit_mlp<4 * b.in, b.out>>>,
        add<identity, sequential<named<"norm2", layer_norm>, mvit_mlp<4 * b.in, b.out>>>>;
    using type = sequential<
        add<sequential<mvit_skip<Grid, b.stride_q>>, sequential<named<"norm1", layer_norm>, attention>>,
        second>;
};

template <class Setting, dhw Patches, std::size_t... I>
auto mvit_blocks(std::index_sequence<I...>)
    -> sequential<at<static_cast<count_t>(I), deferred<mvit_block_make<Setting, mvit_grid_before<Setting>(Patches, I), I>>>...>;

template <class Setting, dhw Patches>
struct mvit_blocks_make {
    using type = decltype(mvit_blocks<Setting, Patches>(std::make_index_sequence<Setting::blocks.size()>{}));
};

template <class Setting, count_t Depth, count_t Height, count_t Width, count_t Classes>
struct mvit_network {
    static constexpr dhw patches = mvit_patch_grid(Depth, Height, Width);
    static constexpr count_t embed = Setting::blocks.front().in;
    using position = std::conditional_t<Setting::v2,
        class_token,
        sequential<class_token, separable_position_embedding<patches>>>;
    using type = network<input_volume<Depth, Height, Width, 3>,
        named<"conv_proj", conv3d<embed, dhw{3, 7, 7}, stride<2, 4, 4>, pad<1, 3, 3>>>,
        to_tokens,
        named<"pos_encoding", position>,
        named<"blocks", deferred<mvit_blocks_make<Setting, patches>>>,
        named<"norm", layer_norm>,
        select_token<0>,
        named<"head", sequential<
            at<0, dropout>,
            at<1, dense<Classes>>>>>;
};

}  // namespace detail

/// torchvision's mvit_v1_b(spatial_size=(Height, Width), temporal_size=Depth, num_classes=Classes)
/// on a clip Depth×Height×Width×3: 16 blocks, separable space-time position embedding, no
/// relative positions or residual pooling. torchvision sizes its position tables by T // 2,
/// H // 4 and W // 4, so its forward pass needs a clip whose patch grid (conv_proj's output) is that.
template <count_t Depth = 16, count_t Height = 224, count_t Width = Height, count_t Classes = 400>
using mvit_v1_b_clip = typename detail::mvit_network<detail::mvit_v1_b_setting, Depth, Height, Width, Classes>::type;

/// torchvision's mvit_v2_s(spatial_size=(Height, Width), temporal_size=Depth, num_classes=Classes)
/// on a clip Depth×Height×Width×3: 16 blocks with residual pooling and decomposed relative
/// positions (tables sized from the grid torchvision works out by T // 2, H // 4, W // 4).
template <count_t Depth = 16, count_t Height = 224, count_t Width = Height, count_t Classes = 400>
using mvit_v2_s_clip = typename detail::mvit_network<detail::mvit_v2_s_setting, Depth, Height, Width, Classes>::type;

/// On torchvision's 16×224×224 clips.
using mvit_v1_b = mvit_v1_b_clip<>;
using mvit_v2_s = mvit_v2_s_clip<>;

}  // namespace netshape::zoo
