// netshape/zoo/resnet.hpp: ResNet, ResNeXt and Wide ResNet, as torchvision builds them.
//
// A ResNet reads as its stages (layer1 ... layer4), each a sequence of blocks (layer1.0, ...),
// each a residual sum of a main path and a shortcut (a 1×1 projection when the shape changes).
// resnet_backbone gives the stem and the stages alone (the segmentation and detection backbones
// build on it), with torchvision's replace_stride_with_dilation and norm_layer.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

namespace detail {
/// torchvision's `downsample`: a strided 1×1 projection and the norm, only when the shortcut
/// would otherwise change shape (stride ≠ 1 or channels differ); else the identity.
template <count_t In, count_t Out, count_t Stride, class Norm>
using shortcut = std::conditional_t<Stride != 1 || In != Out,
    named<"downsample", sequential<
        at<0, conv2d<Out, 1, stride<Stride>, no_bias>>,
        at<1, Norm>>>,
    identity>;
}  // namespace detail

/// ResNet-18/34's block: two 3×3 convolutions. `block<In, Planes, Stride, Dilation, Norm>` is the
/// block taking In channels, its 3×3 convolutions dilated by Dilation (padded by it, as
/// torchvision's conv3x3), Norm its norm layer (batch_norm, or frozen_batch_norm as torchvision's
/// detection backbones); its stage names it by its index. (torchvision's BasicBlock refuses a
/// dilation above 1; netshape computes the network it would be.)
struct basic {
    static constexpr count_t expansion = 1;
    template <count_t In, count_t Planes, count_t Stride, count_t Dilation = 1, class Norm = batch_norm>
    using block = sequential<
        add<sequential<
                named<"conv1", conv2d<Planes, 3, stride<Stride>, pad<Dilation>, dilation<Dilation>, no_bias>>,
                named<"bn1", Norm>,
                named<"relu", relu>,
                named<"conv2", conv2d<Planes, 3, pad<Dilation>, dilation<Dilation>, no_bias>>,
                named<"bn2", Norm>>,
            detail::shortcut<In, Planes, Stride, Norm>>,
        named<"relu", relu>>;
};

/// The bottleneck block (1×1 reduce, 3×3, 1×1 expand ×4), stride on the 3×3 ("ResNet v1.5", as
/// torchvision). Groups and WidthPerGroup give ResNeXt (32, 4) and Wide ResNet (1, 128): the
/// inner width is Planes·(WidthPerGroup/64)·Groups. Dilation and Norm as basic's: the 3×3
/// convolution is dilated and padded by Dilation.
template <count_t Groups = 1, count_t WidthPerGroup = 64>
struct bottleneck {
    static constexpr count_t expansion = 4;
    template <count_t Planes>
    static constexpr count_t width = Planes * WidthPerGroup / 64 * Groups;

    template <count_t In, count_t Planes, count_t Stride, count_t Dilation = 1, class Norm = batch_norm>
    using block = sequential<
        add<sequential<
                named<"conv1", conv2d<width<Planes>, 1, no_bias>>,
                named<"bn1", Norm>,
                named<"relu", relu>,
                named<"conv2", conv2d<width<Planes>, 3, stride<Stride>, pad<Dilation>, dilation<Dilation>, groups<Groups>, no_bias>>,
                named<"bn2", Norm>,
                named<"relu", relu>,
                named<"conv3", conv2d<Planes * expansion, 1, no_bias>>,
                named<"bn3", Norm>>,
            detail::shortcut<In, Planes * expansion, Stride, Norm>>,
        named<"relu", relu>>;
};

/// torchvision's `replace_stride_with_dilation` for layer2, layer3 and layer4: a stage marked true
/// keeps its input's size (stride 1) and multiplies the dilation of the stages from there on by the
/// stride it gave up; its first block keeps the dilation before it, as torchvision's _make_layer.
/// replace_stride_with_dilation<false, true, true> is the segmentation models' output stride 8.
template <bool Layer2, bool Layer3, bool Layer4>
struct replace_stride_with_dilation {
    static constexpr bool dilate[3] = {Layer2, Layer3, Layer4};
};
using no_dilation = replace_stride_with_dilation<false, false, false>;

namespace detail {
// A stage ("layer1" ...): Count blocks named "0", "1", ...; the first takes In channels, strides
// and has dilation First, the others are one type (dilation Rest).
template <class Block, count_t In, count_t Planes, count_t Stride, count_t First, count_t Rest, class Norm, std::size_t... B>
auto resnet_stage(std::index_sequence<B...>) -> sequential<
    at<static_cast<count_t>(B), typename Block::template block<B == 0 ? In : Planes * Block::expansion, Planes, B == 0 ? Stride : 1,
                                                               B == 0 ? First : Rest, Norm>>...>;

template <class Block, count_t In, count_t Planes, count_t Stride, count_t Count, count_t First, count_t Rest, class Norm>
struct stage_of {
    using type = decltype(resnet_stage<Block, In, Planes, Stride, First, Rest, Norm>(
        std::make_index_sequence<static_cast<std::size_t>(Count)>{}));
};

/// Stage K's (1 to 4) stride and dilations under replace_stride_with_dilation, as _make_layer
/// computes them: layer1 stride 1; the others stride 2, or 1 with the dilation multiplied by 2.
struct stage_plan {
    count_t stride, first_dilation, dilation;
};
template <class Dilate>
constexpr stage_plan plan_of(int k) {
    stage_plan p{1, 1, 1};
    count_t dilation = 1;
    for (int i = 2; i <= k; ++i) {
        p = {2, dilation, dilation};
        if (Dilate::dilate[i - 2]) {
            dilation *= 2;
            p = {1, p.first_dilation, dilation};
        }
    }
    return p;
}

/// Stage K (1 to 4) of Count blocks taking In channels, with Planes planes. (Scalar parameters from
/// plan_of, not a stage_plan: see mobilenet.hpp on g++ 12 and class-type parameters.)
template <class Block, class Dilate, class Norm, int K, count_t In, count_t Planes, count_t Count>
using stage = deferred<stage_of<Block, In, Planes, plan_of<Dilate>(K).stride, Count, plan_of<Dilate>(K).first_dilation,
                                plan_of<Dilate>(K).dilation, Norm>>;
}  // namespace detail

/// The stem and the four stages of a ResNet (torchvision's ResNet without avgpool and fc: what its
/// segmentation and detection models take as their backbone), each part a member: `stem` ("conv1",
/// "bn1", "relu", "maxpool"), `layer1` ... `layer4` (named), and `body`, all of them in order. Dilate
/// is a replace_stride_with_dilation<...>, Norm the norm layer of every block and of the stem.
template <class Block, class Blocks, class Dilate = no_dilation, class Norm = batch_norm>
struct resnet_backbone;
template <class Block, count_t N1, count_t N2, count_t N3, count_t N4, class Dilate, class Norm>
struct resnet_backbone<Block, blocks<N1, N2, N3, N4>, Dilate, Norm> {
    static constexpr count_t e = Block::expansion;
    /// Channels of layer4's output.
    static constexpr count_t channels = 512 * e;
    using stem = netshape::detail::joined<
        named<"conv1", conv2d<64, 7, stride<2>, pad<3>, no_bias>>,
        named<"bn1", Norm>,
        named<"relu", relu>,
        named<"maxpool", max_pool<3, stride<2>, pad<1>>>>;
    using layer1 = named<"layer1", detail::stage<Block, Dilate, Norm, 1, 64, 64, N1>>;
    using layer2 = named<"layer2", detail::stage<Block, Dilate, Norm, 2, 64 * e, 128, N2>>;
    using layer3 = named<"layer3", detail::stage<Block, Dilate, Norm, 3, 128 * e, 256, N3>>;
    using layer4 = named<"layer4", detail::stage<Block, Dilate, Norm, 4, 256 * e, 512, N4>>;
    using body = netshape::detail::joined<stem, layer1, layer2, layer3, layer4>;
};

namespace detail {
template <class Block, class Blocks, count_t Height, count_t Width, count_t Classes>
using resnet_network = network<input<Height, Width, 3>,
    typename resnet_backbone<Block, Blocks>::body,
    named<"avgpool", adaptive_avg_pool<1>>,
    flatten,
    named<"fc", dense<Classes>>>;
}  // namespace detail

/// ResNet with a block kind (basic or bottleneck<...>) and blocks<N1, N2, N3, N4> per stage, on
/// Height×Width×3: `resnet<bottleneck<>, blocks<3, 4, 6, 3>, 320, 320, 10>` is ResNet-50 for
/// 320×320 images and 10 classes.
template <class Block, class Blocks, count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using resnet = detail::resnet_network<Block, Blocks, Height, Width, Classes>;

using resnet18 = resnet<basic, blocks<2, 2, 2, 2>>;
using resnet34 = resnet<basic, blocks<3, 4, 6, 3>>;
using resnet50 = resnet<bottleneck<>, blocks<3, 4, 6, 3>>;
using resnet101 = resnet<bottleneck<>, blocks<3, 4, 23, 3>>;
using resnet152 = resnet<bottleneck<>, blocks<3, 8, 36, 3>>;
using resnext50_32x4d = resnet<bottleneck<32, 4>, blocks<3, 4, 6, 3>>;
using wide_resnet50_2 = resnet<bottleneck<1, 128>, blocks<3, 4, 6, 3>>;
using resnext101_32x8d = resnet<bottleneck<32, 8>, blocks<3, 4, 23, 3>>;
using resnext101_64x4d = resnet<bottleneck<64, 4>, blocks<3, 4, 23, 3>>;
using wide_resnet101_2 = resnet<bottleneck<1, 128>, blocks<3, 4, 23, 3>>;

}  // namespace netshape::zoo
