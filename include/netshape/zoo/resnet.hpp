// netshape/zoo/resnet.hpp: ResNet, ResNeXt and Wide ResNet, as torchvision builds them.
//
// A ResNet reads as its stages (layer1 ... layer4), each a sequence of blocks (layer1.0, ...),
// each a residual sum of a main path and a shortcut (a 1×1 projection when the shape changes).
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

namespace detail {
/// torchvision's `downsample`: a strided 1×1 projection and batch norm, only when the shortcut
/// would otherwise change shape (stride ≠ 1 or channels differ); else the identity.
template <count_t In, count_t Out, count_t Stride>
using shortcut = std::conditional_t<Stride != 1 || In != Out,
    named<"downsample", sequential<
        at<0, conv2d<Out, 1, stride<Stride>, no_bias>>,
        at<1, batch_norm>>>,
    identity>;
}  // namespace detail

/// ResNet-18/34's block: two 3×3 convolutions. `block<In, Planes, Stride>` is the block taking In
/// channels; its stage names it by its index.
struct basic {
    static constexpr count_t expansion = 1;
    template <count_t In, count_t Planes, count_t Stride>
    using block = sequential<
        add<sequential<
                named<"conv1", conv2d<Planes, 3, stride<Stride>, pad<1>, no_bias>>,
                named<"bn1", batch_norm>,
                named<"relu", relu>,
                named<"conv2", conv2d<Planes, 3, pad<1>, no_bias>>,
                named<"bn2", batch_norm>>,
            detail::shortcut<In, Planes, Stride>>,
        named<"relu", relu>>;
};

/// The bottleneck block (1×1 reduce, 3×3, 1×1 expand ×4), stride on the 3×3 ("ResNet v1.5", as
/// torchvision). Groups and WidthPerGroup give ResNeXt (32, 4) and Wide ResNet (1, 128): the
/// inner width is Planes·(WidthPerGroup/64)·Groups.
template <count_t Groups = 1, count_t WidthPerGroup = 64>
struct bottleneck {
    static constexpr count_t expansion = 4;
    template <count_t Planes>
    static constexpr count_t width = Planes * WidthPerGroup / 64 * Groups;

    template <count_t In, count_t Planes, count_t Stride>
    using block = sequential<
        add<sequential<
                named<"conv1", conv2d<width<Planes>, 1, no_bias>>,
                named<"bn1", batch_norm>,
                named<"relu", relu>,
                named<"conv2", conv2d<width<Planes>, 3, stride<Stride>, pad<1>, groups<Groups>, no_bias>>,
                named<"bn2", batch_norm>,
                named<"relu", relu>,
                named<"conv3", conv2d<Planes * expansion, 1, no_bias>>,
                named<"bn3", batch_norm>>,
            detail::shortcut<In, Planes * expansion, Stride>>,
        named<"relu", relu>>;
};

namespace detail {
// A stage ("layer1" ...): Count blocks named "0", "1", ...; the first takes In channels and
// strides, the others are one type.
template <class Block, count_t In, count_t Planes, count_t Stride, std::size_t... B>
auto resnet_stage(std::index_sequence<B...>) -> sequential<
    at<static_cast<count_t>(B), typename Block::template block<B == 0 ? In : Planes * Block::expansion, Planes, B == 0 ? Stride : 1>>...>;

template <class Block, count_t In, count_t Planes, count_t Stride, count_t Count>
struct stage_of {
    using type = decltype(resnet_stage<Block, In, Planes, Stride>(std::make_index_sequence<static_cast<std::size_t>(Count)>{}));
};
template <class Block, count_t In, count_t Planes, count_t Stride, count_t Count>
using stage = deferred<stage_of<Block, In, Planes, Stride, Count>>;

template <class Block, class Blocks, count_t Height, count_t Width, count_t Classes>
struct resnet_network;
template <class Block, count_t N1, count_t N2, count_t N3, count_t N4, count_t Height, count_t Width, count_t Classes>
struct resnet_network<Block, blocks<N1, N2, N3, N4>, Height, Width, Classes> {
    static constexpr count_t e = Block::expansion;
    using type = network<input<Height, Width, 3>,
        named<"conv1", conv2d<64, 7, stride<2>, pad<3>, no_bias>>,
        named<"bn1", batch_norm>,
        named<"relu", relu>,
        named<"maxpool", max_pool<3, stride<2>, pad<1>>>,
        named<"layer1", stage<Block, 64, 64, 1, N1>>,
        named<"layer2", stage<Block, 64 * e, 128, 2, N2>>,
        named<"layer3", stage<Block, 128 * e, 256, 2, N3>>,
        named<"layer4", stage<Block, 256 * e, 512, 2, N4>>,
        named<"avgpool", adaptive_avg_pool<1>>,
        flatten,
        named<"fc", dense<Classes>>>;
};
}  // namespace detail

/// ResNet with a block kind (basic or bottleneck<...>) and blocks<N1, N2, N3, N4> per stage, on
/// Height×Width×3: `resnet<bottleneck<>, blocks<3, 4, 6, 3>, 320, 320, 10>` is ResNet-50 for
/// 320×320 images and 10 classes.
template <class Block, class Blocks, count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using resnet = typename detail::resnet_network<Block, Blocks, Height, Width, Classes>::type;

using resnet18 = resnet<basic, blocks<2, 2, 2, 2>>;
using resnet34 = resnet<basic, blocks<3, 4, 6, 3>>;
using resnet50 = resnet<bottleneck<>, blocks<3, 4, 6, 3>>;
using resnet101 = resnet<bottleneck<>, blocks<3, 4, 23, 3>>;
using resnet152 = resnet<bottleneck<>, blocks<3, 8, 36, 3>>;
using resnext50_32x4d = resnet<bottleneck<32, 4>, blocks<3, 4, 6, 3>>;
using wide_resnet50_2 = resnet<bottleneck<1, 128>, blocks<3, 4, 6, 3>>;

}  // namespace netshape::zoo
