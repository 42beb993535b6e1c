// netshape/zoo/segmentation.hpp: torchvision's semantic segmentation models (FCN, DeepLabV3,
// LR-ASPP), as torchvision 0.14 builds them with aux_loss off: one output, the class scores of
// every input pixel (torchvision's {'out': ...}).
//
// Each is a backbone ("backbone": a ResNet with layer3 and layer4 dilated, output stride 8, or
// MobileNetV3-Large's features with the last stage dilated, output stride 16), a head
// ("classifier") and a bilinear resize back to the input's size. The sizes the resizes go to are
// those of the feature maps they meet (every stride-2 layer of these backbones maps n to ⌈n/2⌉),
// and a wrong one would not compile: the concat or add it feeds requires equal sizes.
#pragma once

#include <cstddef>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>
#include <netshape/zoo/mobilenet.hpp>
#include <netshape/zoo/resnet.hpp>

namespace netshape::zoo {

namespace detail {
/// The size n becomes after Times stride-2 layers of a torchvision backbone: each of them (a 7×7
/// convolution padded by 3, a 3×3 one or pool padded by 1, a 5×5 one padded by 2, a 1×1 one
/// unpadded) maps n to ⌊(n − 1)/2⌋ + 1 = ⌈n/2⌉.
constexpr count_t halved(count_t n, int times) {
    for (int i = 0; i < times; ++i) n = (n + 1) / 2;
    return n;
}

/// A segmentation model: the backbone, the head, and F.interpolate to the input's size (bilinear).
template <count_t Height, count_t Width, class Backbone, class Classifier>
using segmentation_network = network<input<Height, Width, 3>,
    named<"backbone", Backbone>,
    named<"classifier", Classifier>,
    resize<Height, Width, interpolation::bilinear>>;

/// The dilated ResNet backbone of FCN and DeepLabV3 (replace_stride_with_dilation [False, True,
/// True]): output stride 8.
template <class Blocks>
using dilated_resnet = resnet_backbone<bottleneck<>, Blocks, replace_stride_with_dilation<false, true, true>>;
}  // namespace detail

/// torchvision's FCNHead on C channels: a 3×3 convolution to C/4 without bias, batch norm, ReLU,
/// dropout (0.1), a 1×1 convolution to Classes ("0" ... "4").
template <count_t In, count_t Classes>
using fcn_head = sequential<
    at<0, conv2d<In / 4, 3, pad<1>, no_bias>>,
    at<1, batch_norm>,
    at<2, relu>,
    at<3, dropout>,
    at<4, conv2d<Classes, 1>>>;

/// torchvision's ASPP (atrous spatial pyramid pooling) on a Height×Width map: five branches
/// concatenated ("convs" "0" ... "4": a 1×1 convolution; 3×3 convolutions dilated by 12, 24 and 36;
/// a global average pool, 1×1 convolution and a bilinear resize back to Height×Width), each to 256
/// channels with batch norm and ReLU, then "project": 1×1 to 256, batch norm, ReLU, dropout (0.5).
template <count_t Height, count_t Width>
using aspp = sequential<
    named<"convs", concat<
        at<0, sequential<at<0, conv2d<256, 1, no_bias>>, at<1, batch_norm>, at<2, relu>>>,
        at<1, sequential<at<0, conv2d<256, 3, pad<12>, dilation<12>, no_bias>>, at<1, batch_norm>, at<2, relu>>>,
        at<2, sequential<at<0, conv2d<256, 3, pad<24>, dilation<24>, no_bias>>, at<1, batch_norm>, at<2, relu>>>,
        at<3, sequential<at<0, conv2d<256, 3, pad<36>, dilation<36>, no_bias>>, at<1, batch_norm>, at<2, relu>>>,
        at<4, sequential<
            at<0, adaptive_avg_pool<1>>,
            at<1, conv2d<256, 1, no_bias>>,
            at<2, batch_norm>,
            at<3, relu>,
            resize<Height, Width, interpolation::bilinear>>>>>,
    named<"project", sequential<at<0, conv2d<256, 1, no_bias>>, at<1, batch_norm>, at<2, relu>, at<3, dropout>>>>;

/// torchvision's DeepLabHead on a Height×Width map: ASPP, a 3×3 convolution to 256 without bias,
/// batch norm, ReLU, a 1×1 convolution to Classes ("0" ... "4").
template <count_t Height, count_t Width, count_t Classes>
using deeplab_head = sequential<
    at<0, aspp<Height, Width>>,
    at<1, conv2d<256, 3, pad<1>, no_bias>>,
    at<2, batch_norm>,
    at<3, relu>,
    at<4, conv2d<Classes, 1>>>;

/// FCN with a dilated bottleneck ResNet (blocks<3, 4, 6, 3>: ResNet-50) on Height×Width×3.
template <class Blocks, count_t Height = 520, count_t Width = Height, count_t Classes = 21>
using fcn_resnet = detail::segmentation_network<Height, Width,
    sequential<typename detail::dilated_resnet<Blocks>::body>,
    fcn_head<detail::dilated_resnet<Blocks>::channels, Classes>>;

/// DeepLabV3 with a dilated bottleneck ResNet on Height×Width×3 (ASPP on the map of stride 8).
template <class Blocks, count_t Height = 520, count_t Width = Height, count_t Classes = 21>
using deeplabv3_resnet = detail::segmentation_network<Height, Width,
    sequential<typename detail::dilated_resnet<Blocks>::body>,
    deeplab_head<detail::halved(Height, 3), detail::halved(Width, 3), Classes>>;

template <count_t Height = 520, count_t Width = Height, count_t Classes = 21>
using fcn_resnet50_at = fcn_resnet<blocks<3, 4, 6, 3>, Height, Width, Classes>;
template <count_t Height = 520, count_t Width = Height, count_t Classes = 21>
using fcn_resnet101_at = fcn_resnet<blocks<3, 4, 23, 3>, Height, Width, Classes>;
template <count_t Height = 520, count_t Width = Height, count_t Classes = 21>
using deeplabv3_resnet50_at = deeplabv3_resnet<blocks<3, 4, 6, 3>, Height, Width, Classes>;
template <count_t Height = 520, count_t Width = Height, count_t Classes = 21>
using deeplabv3_resnet101_at = deeplabv3_resnet<blocks<3, 4, 23, 3>, Height, Width, Classes>;

/// DeepLabV3 with MobileNetV3-Large (dilated) on Height×Width×3: the backbone is features[0] ...
/// features[16] ("backbone" > "0" ...), ASPP on the map of stride 16.
template <count_t Height = 520, count_t Width = Height, count_t Classes = 21>
using deeplabv3_mobilenet_v3_large_at = detail::segmentation_network<Height, Width,
    detail::deferred<detail::mobilenet_v3_large_features_make<true>>,
    deeplab_head<detail::halved(Height, 4), detail::halved(Width, 4), Classes>>;

namespace detail {
/// LR-ASPP's feature maps: features[low] (stride 8) feeds the low-level classifier, the last one
/// (stride 16) the head; low is torchvision's stage_indices[-4].
inline constexpr std::size_t lraspp_low = mobilenet_v3_large_stage_index(4);
}  // namespace detail

/// LR-ASPP with MobileNetV3-Large (dilated) on Height×Width×3, torchvision's LRASPPHead (128
/// channels inside): the sum of two branches from features[4]'s output (stride 8): the deep one
/// runs features[5] ... features[16], multiplies "cbr" (1×1 to 128 without bias, batch norm, ReLU)
/// by "scale" (global average pool, 1×1 to 128 without bias, sigmoid), resizes that to the stride-8
/// size (bilinear) and applies "high_classifier" (1×1 to Classes); the other applies
/// "low_classifier" (1×1 to Classes). Names as torchvision's ("backbone.5", "classifier.cbr.0"); the
/// two classifier branches are in the add's order, so high_classifier's row comes before
/// low_classifier's, where torchvision's forward calls low_classifier first.
template <count_t Height = 520, count_t Width = Height, count_t Classes = 21>
using lraspp_mobilenet_v3_large_at = network<input<Height, Width, 3>,
    named<"backbone", detail::deferred<detail::mobilenet_v3_large_features_make<true, 0, detail::lraspp_low + 1>>>,
    add<sequential<
            named<"backbone", detail::deferred<detail::mobilenet_v3_large_features_make<true, detail::lraspp_low + 1>>>,
            named<"classifier", sequential<
                multiply<
                    named<"cbr", sequential<at<0, conv2d<128, 1, no_bias>>, at<1, batch_norm>, at<2, relu>>>,
                    named<"scale", sequential<at<0, adaptive_avg_pool<1>>, at<1, conv2d<128, 1, no_bias>>, at<2, sigmoid>>>>,
                resize<detail::halved(Height, 3), detail::halved(Width, 3), interpolation::bilinear>,
                named<"high_classifier", conv2d<Classes, 1>>>>>,
        named<"classifier", sequential<named<"low_classifier", conv2d<Classes, 1>>>>>,
    resize<Height, Width, interpolation::bilinear>>;

using fcn_resnet50 = fcn_resnet50_at<>;
using fcn_resnet101 = fcn_resnet101_at<>;
using deeplabv3_resnet50 = deeplabv3_resnet50_at<>;
using deeplabv3_resnet101 = deeplabv3_resnet101_at<>;
using deeplabv3_mobilenet_v3_large = deeplabv3_mobilenet_v3_large_at<>;
using lraspp_mobilenet_v3_large = lraspp_mobilenet_v3_large_at<>;

}  // namespace netshape::zoo
