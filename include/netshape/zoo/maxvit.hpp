// netshape/zoo/maxvit.hpp: MaxViT (Tu et al. 2022), as torchvision builds it (torchvision.models.MaxVit).
//
// Each MaxViT layer is an MBConv, then block attention (self-attention within P×P windows) and
// grid attention (among the P×P positions of a grid spread over the map), each with its MLP.
// torchvision partitions its N×C×H×W map into windows or grids (N×G×P²×C) for them; layer norm and
// the MLP's linear layers act on every position alike, so netshape keeps the image H×W×C and the
// attentions are window_attention and grid_attention on it: partitioning moves no figure.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

namespace detail {

/// MaxViT's MBConv from In to Out channels (torchvision's MBConv, expansion 4, squeeze 1/4): a
/// residual of "layers" (pre_norm, conv_a 1×1 to 4·Out, conv_b depthwise 3×3 of stride Stride,
/// squeeze_excitation with SiLU, conv_c 1×1 to Out with bias) and stochastic depth, added to
/// "proj": the input itself, or (stride 2) a 3×3 average pool of stride 2 and a 1×1 convolution
/// with bias, or (other channels) that convolution alone.
template <count_t In, count_t Out, count_t Stride>
using maxvit_mbconv = add<
    sequential<
        named<"layers", sequential<
            named<"pre_norm", batch_norm>,
            named<"conv_a", conv_bn_act<4 * Out, 1, 1, 1, gelu>>,
            named<"conv_b", conv_bn_act<4 * Out, 3, Stride, 4 * Out, gelu>>,
            named<"squeeze_excitation", squeeze_excitation<4 * Out, Out / 4, silu, sigmoid>>,
            named<"conv_c", conv2d<Out, 1>>>>,
        named<"stochastic_depth", dropout>>,
    named<"proj", std::conditional_t<Stride == 2,
        sequential<
            at<0, avg_pool<3, stride<2>, pad<1>>>,
            at<1, conv2d<Out, 1>>>,
        std::conditional_t<In != Out, sequential<at<0, conv2d<Out, 1>>>, identity>>>>;

/// PartitionAttentionLayer on C channels: x + stochastic_dropout(attn_layer(x)) (layer norm, the
/// Attention, dropout), then x + stochastic_dropout(mlp_layer(x)) (layer norm, C→4·C, GELU,
/// 4·C→C, dropout).
template <count_t C, class Attention>
using maxvit_partition = sequential<
    add<
        sequential<
            named<"attn_layer", sequential<
                at<0, layer_norm>,
                at<1, Attention>,
                at<2, dropout>>>,
            named<"stochastic_dropout", dropout>>,
        identity>,
    add<
        sequential<
            named<"mlp_layer", sequential<
                at<0, layer_norm>,
                at<1, dense<4 * C, per_pixel>>,
                at<2, gelu>,
                at<3, dense<C, per_pixel>>,
                at<4, dropout>>>,
            named<"stochastic_dropout", dropout>>,
        identity>>;

/// Out / HeadDim heads; 1 where HeadDim does not divide Out, which check_head_dim reports, so that
/// nothing follows its error.
constexpr count_t maxvit_heads(count_t out, count_t head_dim) {
    return head_dim > 0 && out % head_dim == 0 ? out / head_dim : 1;
}

/// MaxVitLayer: MBconv, then block ("window") and grid attention of Out / HeadDim heads over
/// Partition × Partition positions.
template <count_t In, count_t Out, count_t Stride, count_t HeadDim, count_t Partition>
using maxvit_layer = sequential<named<"layers", sequential<
    named<"MBconv", maxvit_mbconv<In, Out, Stride>>,
    named<"window_attention", maxvit_partition<Out, window_attention<maxvit_heads(Out, HeadDim), Partition>>>,
    named<"grid_attention", maxvit_partition<Out, grid_attention<maxvit_heads(Out, HeadDim), Partition>>>>>>;

template <count_t In, count_t Out, count_t HeadDim, count_t Partition, std::size_t... L>
auto maxvit_block(std::index_sequence<L...>) -> sequential<named<"layers", sequential<
    at<static_cast<count_t>(L), maxvit_layer<L == 0 ? In : Out, Out, L == 0 ? 2 : 1, HeadDim, Partition>>...>>>;

/// MaxVitBlock: Layers layers from In to Out channels, the first of stride 2.
template <count_t In, count_t Out, count_t Layers, count_t HeadDim, count_t Partition>
struct maxvit_block_make {
    using type = decltype(maxvit_block<In, Out, HeadDim, Partition>(std::make_index_sequence<static_cast<std::size_t>(Layers)>{}));
};

/// torchvision's MaxVit requires the head dimension to divide every block's channels.
template <count_t HeadDim, count_t... Channels>
constexpr auto check_head_dim() {
    static_assert(HeadDim > 0 && ((Channels % HeadDim == 0) && ...),
                  "netshape: MaxViT's head dimension must divide every block's channels");
    return true;
}

template <count_t Stem, count_t Partition, class Channels, class Layers, count_t HeadDim, count_t Image, count_t Classes,
          class Blocks>
struct maxvit_network;
template <count_t Stem, count_t Partition, count_t... Channels, count_t... Layers, count_t HeadDim, count_t Image,
          count_t Classes, std::size_t... B>
struct maxvit_network<Stem, Partition, blocks<Channels...>, blocks<Layers...>, HeadDim, Image, Classes,
                      std::index_sequence<B...>> {
    static_assert(sizeof...(Channels) == sizeof...(Layers) && sizeof...(Channels) > 0,
                  "netshape: maxvit needs one layer count per block, and a block");
    using head_dim_checked = decltype(check_head_dim<HeadDim, Channels...>());
    static constexpr count_t channels[] = {Channels...};
    static constexpr count_t last = channels[sizeof...(Channels) - 1];
    using type = network<input<Image, Image, 3>,
        named<"stem", sequential<
            at<0, conv_bn_act<Stem, 3, 2, 1, gelu>>,
            at<1, sequential<at<0, conv2d<Stem, 3, pad<1>>>>>>>,
        named<"blocks", sequential<
            at<static_cast<count_t>(B),
               deferred<maxvit_block_make<B == 0 ? Stem : channels[B == 0 ? 0 : B - 1], Channels, Layers, HeadDim, Partition>>>...>>,
        named<"classifier", sequential<
            at<0, adaptive_avg_pool<1>>,
            at<1, flatten>,
            at<2, layer_norm>,
            at<3, dense<last>>,
            at<4, tanh>,
            at<5, dense<Classes, no_bias>>>>>;
};

template <count_t Stem, count_t Partition, class Channels, class Layers, count_t HeadDim, count_t Image, count_t Classes>
struct maxvit_of;
template <count_t Stem, count_t Partition, count_t... Channels, class Layers, count_t HeadDim, count_t Image, count_t Classes>
struct maxvit_of<Stem, Partition, blocks<Channels...>, Layers, HeadDim, Image, Classes> {
    using type = typename maxvit_network<Stem, Partition, blocks<Channels...>, Layers, HeadDim, Image, Classes,
                                         std::make_index_sequence<sizeof...(Channels)>>::type;
};

}  // namespace detail

/// torchvision's MaxVit(input_size=(Image, Image), stem_channels=Stem, partition_size=Partition,
/// block_channels=[Channels...], block_layers=[Layers...], head_dim=HeadDim, num_classes=Classes)
/// with its defaults (batch norm, GELU, squeeze ratio 1/4, expansion 4, MLP ratio 4): a stem of
/// two 3×3 convolutions (the first of stride 2), then one MaxVitBlock per entry of Channels, each
/// Layers_i layers (the first of stride 2), and the classifier (average pool, layer norm, a dense
/// layer with tanh, the classes without bias). Channels and Layers are blocks<...> lists of equal
/// length. torchvision requires Partition to divide every block's map (grid_attention's rule
/// reports it) and HeadDim to divide every block's channels.
template <count_t Stem, count_t Partition, class Channels, class Layers, count_t HeadDim, count_t Image = 224,
          count_t Classes = 1000>
using maxvit = typename detail::maxvit_of<Stem, Partition, Channels, Layers, HeadDim, Image, Classes>::type;

using maxvit_t = maxvit<64, 7, blocks<64, 128, 256, 512>, blocks<2, 2, 5, 2>, 32>;

}  // namespace netshape::zoo
