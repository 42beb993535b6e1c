// netshape/zoo/blocks.hpp: building blocks several families share, named as torchvision names them.
#pragma once

#include <type_traits>

#include <netshape/netshape.hpp>
#include <netshape/zoo/names.hpp>

namespace netshape::zoo {

/// How many blocks each stage has: blocks<3, 4, 6, 3> is ResNet-50's, blocks<6, 12, 24, 16>
/// DenseNet-121's.
template <count_t... N>
struct blocks {};

/// GoogLeNet's and Inception-v3's BasicConv2d named P: convolution without bias (P.conv), batch
/// norm (P.bn), then a functional ReLU (no module, so unnamed).
template <fixed_string P, count_t Filters, auto Kernel, class... Options>
using basic_conv = named<P, sequential<
    sub<P, ".conv", conv2d<Filters, Kernel, Options..., no_bias>>,
    sub<P, ".bn", batch_norm>,
    relu>>;

/// torchvision's Conv2dNormActivation named P: a K×K convolution without bias padded to keep the
/// size ((K − 1) / 2), batch norm, then Activation unless it is void: P.0, P.1, P.2.
template <fixed_string P, count_t Filters, count_t K, count_t Stride, count_t Groups, class Activation>
using conv_bn_act = named<P, std::conditional_t<std::is_void_v<Activation>,
    sequential<
        at<P, 0, conv2d<Filters, K, stride<Stride>, pad<(K - 1) / 2>, groups<Groups>, no_bias>>,
        at<P, 1, batch_norm>>,
    sequential<
        at<P, 0, conv2d<Filters, K, stride<Stride>, pad<(K - 1) / 2>, groups<Groups>, no_bias>>,
        at<P, 1, batch_norm>,
        at<P, 2, std::conditional_t<std::is_void_v<Activation>, relu, Activation>>>>>;

/// torchvision's SqueezeExcitation named P on C channels: the input times a per-channel scale
/// computed from its global average (P.avgpool, P.fc1, P.activation, P.fc2, P.scale_activation);
/// the scale is 1×1×C and broadcasts over the map.
template <fixed_string P, count_t C, count_t Squeeze, class Activation, class Scale>
using squeeze_excitation = named<P, multiply<
    sequential<
        sub<P, ".avgpool", adaptive_avg_pool<1>>,
        sub<P, ".fc1", conv2d<Squeeze, 1>>,
        sub<P, ".activation", Activation>,
        sub<P, ".fc2", conv2d<C, 1>>,
        sub<P, ".scale_activation", Scale>>,
    identity>>;

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
