// netshape/zoo/vgg.hpp: VGG (Simonyan and Zisserman 2014), as torchvision builds it.
#pragma once

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

/// In a VGG configuration, a 2×2 max pool; any other entry is a 3×3 convolution with that many filters.
inline constexpr count_t vgg_pool = 0;

template <count_t... Entries>
struct vgg_config {};

namespace detail {

// Walks the configuration, numbering the layers as torchvision's `features` Sequential does.
template <bool BatchNorm, count_t Index, class Done, count_t... Rest>
struct vgg_features;

template <bool BatchNorm, count_t Index, class... Done>
struct vgg_features<BatchNorm, Index, sequential<Done...>> {
    using type = sequential<Done...>;
};

template <bool BatchNorm, count_t Index, class... Done, count_t... Rest>
struct vgg_features<BatchNorm, Index, sequential<Done...>, vgg_pool, Rest...>
    : vgg_features<BatchNorm, Index + 1, sequential<Done..., at<Index, max_pool<2>>>, Rest...> {};

template <count_t Index, class... Done, count_t Filters, count_t... Rest>
    requires(Filters != vgg_pool)
struct vgg_features<false, Index, sequential<Done...>, Filters, Rest...>
    : vgg_features<false, Index + 2,
                   sequential<Done..., at<Index, conv2d<Filters, 3, pad<1>>>, at<Index + 1, relu>>,
                   Rest...> {};

// With batch norm the convolution keeps its bias, as in torchvision.
template <count_t Index, class... Done, count_t Filters, count_t... Rest>
    requires(Filters != vgg_pool)
struct vgg_features<true, Index, sequential<Done...>, Filters, Rest...>
    : vgg_features<true, Index + 3,
                   sequential<Done..., at<Index, conv2d<Filters, 3, pad<1>>>,
                              at<Index + 1, batch_norm>, at<Index + 2, relu>>,
                   Rest...> {};

template <class Config, bool BatchNorm>
struct vgg_body;
template <count_t... Entries, bool BatchNorm>
struct vgg_body<vgg_config<Entries...>, BatchNorm> {
    using type = typename vgg_features<BatchNorm, 0, sequential<>, Entries...>::type;
};

}  // namespace detail

/// VGG with a configuration (vgg_config<64, vgg_pool, 128, ...>), optionally with batch norm,
/// on Height×Width×3. The adaptive 7×7 pool makes the classifier's size independent of the input.
template <class Config, bool BatchNorm, count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using vgg = network<input<Height, Width, 3>,
    named<"features", detail::deferred<detail::vgg_body<Config, BatchNorm>>>,
    named<"avgpool", adaptive_avg_pool<7>>,
    flatten,
    named<"classifier", sequential<
        at<0, dense<4096>>,
        at<1, relu>,
        at<2, dropout>,
        at<3, dense<4096>>,
        at<4, relu>,
        at<5, dropout>,
        at<6, dense<Classes>>>>>;

// The paper's configurations A, B, D and E.
using vgg11_config = vgg_config<64, vgg_pool, 128, vgg_pool, 256, 256, vgg_pool, 512, 512, vgg_pool, 512, 512, vgg_pool>;
using vgg13_config =
    vgg_config<64, 64, vgg_pool, 128, 128, vgg_pool, 256, 256, vgg_pool, 512, 512, vgg_pool, 512, 512, vgg_pool>;
using vgg16_config = vgg_config<64, 64, vgg_pool, 128, 128, vgg_pool, 256, 256, 256, vgg_pool, 512, 512, 512, vgg_pool,
                                512, 512, 512, vgg_pool>;
using vgg19_config = vgg_config<64, 64, vgg_pool, 128, 128, vgg_pool, 256, 256, 256, 256, vgg_pool, 512, 512, 512, 512,
                                vgg_pool, 512, 512, 512, 512, vgg_pool>;

using vgg11 = vgg<vgg11_config, false>;
using vgg13 = vgg<vgg13_config, false>;
using vgg16 = vgg<vgg16_config, false>;
using vgg19 = vgg<vgg19_config, false>;
using vgg11_bn = vgg<vgg11_config, true>;
using vgg13_bn = vgg<vgg13_config, true>;
using vgg16_bn = vgg<vgg16_config, true>;
using vgg19_bn = vgg<vgg19_config, true>;

}  // namespace netshape::zoo
