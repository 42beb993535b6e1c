// netshape/zoo/blocks.hpp: building blocks several families share, named as torchvision names them.
#pragma once

#include <type_traits>

#include <netshape/netshape.hpp>
#include <netshape/zoo/names.hpp>

namespace netshape::zoo {

namespace detail {
/// A layer that is Make::type, worked out only when a figure asks for its nodes. A family's alias
/// names its stages through deferred<...> without instantiating them, so that including the zoo
/// (or naming a model) builds no model; asking for a figure builds the one it needs.
template <class Make>
struct deferred {
    static constexpr const netshape::detail::shape_of_part& counts = netshape::detail::layer_nodes<typename Make::type>::counts;
    static constexpr netshape::detail::node_copier copy = netshape::detail::layer_nodes<typename Make::type>::copy;
};
}  // namespace detail

/// L where If holds, else nothing (no node): a part present in one variant of a model only, such as
/// the auxiliary heads of googlenet_aux and inception_v3_aux.
template <bool If, class L>
using only_if = std::conditional_t<If, L, netshape::detail::joined<>>;

/// How many blocks each stage has: blocks<3, 4, 6, 3> is ResNet-50's, blocks<6, 12, 24, 16>
/// DenseNet-121's.
template <count_t... N>
struct blocks {};

/// GoogLeNet's and Inception-v3's BasicConv2d: convolution without bias ("conv"), batch norm
/// ("bn"), then a functional ReLU (no module, so unnamed). Its user names the block.
template <count_t Filters, auto Kernel, class... Options>
using basic_conv = sequential<
    named<"conv", conv2d<Filters, Kernel, Options..., no_bias>>,
    named<"bn", batch_norm>,
    relu>;

/// torchvision's Conv2dNormActivation: a K×K convolution without bias, dilated by Dilation and
/// padded to keep the size ((K − 1) / 2 · Dilation), batch norm, then Activation unless it is void
/// ("0", "1", "2").
template <count_t Filters, count_t K, count_t Stride, count_t Groups, class Activation, count_t Dilation = 1>
using conv_bn_act = std::conditional_t<std::is_void_v<Activation>,
    sequential<
        at<0, conv2d<Filters, K, stride<Stride>, pad<(K - 1) / 2 * Dilation>, dilation<Dilation>, groups<Groups>, no_bias>>,
        at<1, batch_norm>>,
    sequential<
        at<0, conv2d<Filters, K, stride<Stride>, pad<(K - 1) / 2 * Dilation>, dilation<Dilation>, groups<Groups>, no_bias>>,
        at<1, batch_norm>,
        at<2, std::conditional_t<std::is_void_v<Activation>, relu, Activation>>>>;

/// torchvision's SqueezeExcitation on C channels: the input times a per-channel scale computed
/// from its global average ("avgpool", "fc1", "activation", "fc2", "scale_activation"); the scale
/// is 1×1×C and broadcasts over the map.
template <count_t C, count_t Squeeze, class Activation, class Scale>
using squeeze_excitation = multiply<
    sequential<
        named<"avgpool", adaptive_avg_pool<1>>,
        named<"fc1", conv2d<Squeeze, 1>>,
        named<"activation", Activation>,
        named<"fc2", conv2d<C, 1>>,
        named<"scale_activation", Scale>>,
    identity>;

/// The channel rounding of MobileNet and EfficientNet (torchvision's _make_divisible): the
/// multiple of Divisor nearest to V (halves up), at least Divisor, and never more than 10% below V.
/// V is given as a fraction Numerator / Denominator so that width multipliers stay exact.
constexpr count_t make_divisible(count_t numerator, count_t denominator, count_t divisor = 8) {
    // int(v + divisor / 2) // divisor * divisor, with v = numerator / denominator
    const count_t twice = 2 * numerator + divisor * denominator;  // 2·(v + divisor/2)·denominator
    count_t rounded = twice / (2 * denominator) / divisor * divisor;
    if (rounded < divisor) rounded = divisor;
    if (10 * rounded * denominator < 9 * numerator) rounded += divisor;  // new_v < 0.9·v
    return rounded;
}

// Values torchvision's _make_divisible returns for the same arguments.
static_assert(make_divisible(16, 1) == 16 && make_divisible(12, 1) == 16 && make_divisible(36, 1) == 40);
static_assert(make_divisible(20, 1) == 24 && make_divisible(3, 1) == 8 && make_divisible(1280 * 3, 4) == 960);

}  // namespace netshape::zoo
