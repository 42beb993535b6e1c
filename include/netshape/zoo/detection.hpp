// netshape/zoo/detection.hpp: torchvision's detection backbone with its feature pyramid
// (resnet_fpn_backbone), as torchvision 0.14 builds it.
//
// The feature pyramid (Lin et al. 2017) fuses each stage's map with the coarser level above it:
// level k's lateral 1×1 convolution ("fpn.inner_blocks.k") plus the level above's sum resized to
// its size (nearest), then a 3×3 convolution ("fpn.layer_blocks.k") gives the output. netshape
// writes this top-down path by nesting: a level is the add of a branch that goes deeper (the next
// stage, the coarser level, its output head, the resize) and of its lateral convolution, and each
// output is an output<> head on the sum. The outputs therefore come coarsest first.
#pragma once

#include <type_traits>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>
#include <netshape/zoo/resnet.hpp>
#include <netshape/zoo/segmentation.hpp>

namespace netshape::zoo {

namespace detail {
/// fpn.<Part>.<K>: torchvision's Conv2dNormActivation without norm or activation (so a convolution
/// with bias, "0") at index K of the FeaturePyramidNetwork's ModuleList Part.
template <fixed_string Part, count_t K, class Conv>
using fpn_block = named<"fpn", sequential<named<Part, sequential<at<K, sequential<at<0, Conv>>>>>>>;

template <count_t K>
using fpn_inner = fpn_block<"inner_blocks", K, conv2d<256, 1>>;
template <count_t K>
using fpn_layer = fpn_block<"layer_blocks", K, conv2d<256, 3, pad<1>>>;

/// The pyramid's sum at C_J (J = 2 to 5: the output of layer{J − 1}, of stride 2^J), taking C_J:
/// the add of the branch that goes deeper (layer J, "body.layerJ"; the sum at C_{J+1}; that sum's
/// output head; the resize to C_J's size, Height×Width halved J times) and of C_J's lateral
/// convolution (fpn.inner_blocks.{J − 2}). `head` is this level's output, fpn.layer_blocks.{J − 2}.
template <class Backbone, int J, count_t Height, count_t Width>
struct fpn_level {
    using above = fpn_level<Backbone, J + 1, Height, Width>;
    using layer = std::conditional_t<J == 2, typename Backbone::layer2,
                                     std::conditional_t<J == 3, typename Backbone::layer3, typename Backbone::layer4>>;
    using type = add<
        sequential<
            named<"body", sequential<layer>>,
            typename above::type,
            typename above::head,
            resize<halved(Height, J), halved(Width, J)>>,
        fpn_inner<J - 2>>;
    using head = output<fpn_layer<J - 2>>;
};

/// C5, the coarsest: the lateral convolution alone (nothing above it to add); its output head
/// carries the extra level, torchvision's LastLevelMaxPool (F.max_pool2d(x, 1, 2, 0) on that
/// output), as a side output of its own.
template <class Backbone, count_t Height, count_t Width>
struct fpn_level<Backbone, 5, Height, Width> {
    using type = fpn_inner<3>;
    using head = output<sequential<fpn_layer<3>, output<max_pool<1, stride<2>>>>>;
};
}  // namespace detail

/// torchvision's resnet_fpn_backbone(backbone_name, weights=None, trainable_layers=5) on
/// Height×Width×3: a ResNet with frozen batch norm (FrozenBatchNorm2d: no parameters, 4·C buffers)
/// up to layer4 ("body"), and the feature pyramid ("fpn", 256 channels) on layer1 ... layer4 with
/// the extra max-pooled level. Five outputs, coarsest first (output_shapes): 'pool' (the
/// max-pooled '3', stride 64), '3' (stride 32), '2', '1', and '0' (stride 4), the main path.
/// (trainable_layers only sets requires_grad; every figure counts all parameters.)
template <class Block, class Blocks, count_t Height = 800, count_t Width = Height>
using resnet_fpn = network<input<Height, Width, 3>,
    named<"body", sequential<
        typename resnet_backbone<Block, Blocks, no_dilation, frozen_batch_norm>::stem,
        typename resnet_backbone<Block, Blocks, no_dilation, frozen_batch_norm>::layer1>>,
    typename detail::fpn_level<resnet_backbone<Block, Blocks, no_dilation, frozen_batch_norm>, 2, Height, Width>::type,
    detail::fpn_layer<0>>;

template <count_t Height = 800, count_t Width = Height>
using resnet50_fpn_at = resnet_fpn<bottleneck<>, blocks<3, 4, 6, 3>, Height, Width>;

using resnet50_fpn = resnet50_fpn_at<>;

}  // namespace netshape::zoo
