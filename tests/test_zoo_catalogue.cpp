// The rest of torchvision 0.14's classification catalogue: the zoo's ConvNeXt-S/B/L, DenseNet-161,
// EfficientNet-B1 ... B7 and V2-S/M/L, the MNASNets, MobileNetV3-Small, ResNeXt-101 (32×8d, 64×4d),
// Wide ResNet-101-2, ShuffleNet V2 ×0.5/×1.5/×2.0 and VGG-11/13 with batch norm equal torchvision's
// in input, parameters, buffers, output shape and MACs, at torchvision's size (the EfficientNets at
// their weights' crop sizes) with 1000 classes and at 160×192 with 10; efficientnet_v2_s (fused and
// plain MBConv), mnasnet0_5 and mobilenet_v3_small have every layer's name and output shape checked.
// (The RegNets are in test_zoo_regnet.cpp.)
#include <netshape/zoo/convnext.hpp>
#include <netshape/zoo/densenet.hpp>
#include <netshape/zoo/efficientnet.hpp>
#include <netshape/zoo/mnasnet.hpp>
#include <netshape/zoo/mobilenet.hpp>
#include <netshape/zoo/resnet.hpp>
#include <netshape/zoo/shufflenet.hpp>
#include <netshape/zoo/vgg.hpp>

#include "data/zoo_checks.hpp"

namespace ns = netshape;
namespace zoo = netshape::zoo;

ZOO_CHECK_MODEL(convnext_small);
ZOO_CHECK_MODEL(convnext_base);
ZOO_CHECK_MODEL(convnext_large);
ZOO_CHECK_AT(convnext_small_160x192, zoo::convnext<zoo::blocks<3, 3, 27, 3>, zoo::blocks<96, 192, 384, 768>, 160, 192, 10>);
ZOO_CHECK_AT(convnext_base_160x192, zoo::convnext<zoo::blocks<3, 3, 27, 3>, zoo::blocks<128, 256, 512, 1024>, 160, 192, 10>);
ZOO_CHECK_AT(convnext_large_160x192, zoo::convnext<zoo::blocks<3, 3, 27, 3>, zoo::blocks<192, 384, 768, 1536>, 160, 192, 10>);

ZOO_CHECK_MODEL(densenet161);
ZOO_CHECK_AT(densenet161_160x192, zoo::densenet<48, zoo::blocks<6, 12, 36, 24>, 96, 160, 192, 10>);

ZOO_CHECK_MODEL(efficientnet_b1);
ZOO_CHECK_MODEL(efficientnet_b2);
ZOO_CHECK_MODEL(efficientnet_b3);
ZOO_CHECK_MODEL(efficientnet_b4);
ZOO_CHECK_MODEL(efficientnet_b5);
ZOO_CHECK_MODEL(efficientnet_b6);
ZOO_CHECK_MODEL(efficientnet_b7);
ZOO_CHECK_MODEL(efficientnet_v2_s);
ZOO_CHECK_MODEL(efficientnet_v2_m);
ZOO_CHECK_MODEL(efficientnet_v2_l);
ZOO_CHECK_AT(efficientnet_b1_160x192, zoo::efficientnet_b1_at<160, 192, 10>);
ZOO_CHECK_AT(efficientnet_b2_160x192, zoo::efficientnet_b2_at<160, 192, 10>);
ZOO_CHECK_AT(efficientnet_b3_160x192, zoo::efficientnet_b3_at<160, 192, 10>);
ZOO_CHECK_AT(efficientnet_b4_160x192, zoo::efficientnet_b4_at<160, 192, 10>);
ZOO_CHECK_AT(efficientnet_b5_160x192, zoo::efficientnet_b5_at<160, 192, 10>);
ZOO_CHECK_AT(efficientnet_b6_160x192, zoo::efficientnet_b6_at<160, 192, 10>);
ZOO_CHECK_AT(efficientnet_b7_160x192, zoo::efficientnet_b7_at<160, 192, 10>);
ZOO_CHECK_AT(efficientnet_v2_s_160x192, zoo::efficientnet_v2_s_at<160, 192, 10>);
ZOO_CHECK_AT(efficientnet_v2_m_160x192, zoo::efficientnet_v2_m_at<160, 192, 10>);
ZOO_CHECK_AT(efficientnet_v2_l_160x192, zoo::efficientnet_v2_l_at<160, 192, 10>);

ZOO_CHECK_MODEL(mnasnet0_5);
ZOO_CHECK_MODEL(mnasnet0_75);
ZOO_CHECK_MODEL(mnasnet1_0);
ZOO_CHECK_MODEL(mnasnet1_3);
ZOO_CHECK_AT(mnasnet0_5_160x192, zoo::mnasnet<50, 160, 192, 10>);
ZOO_CHECK_AT(mnasnet0_75_160x192, zoo::mnasnet<75, 160, 192, 10>);
ZOO_CHECK_AT(mnasnet1_0_160x192, zoo::mnasnet<100, 160, 192, 10>);
ZOO_CHECK_AT(mnasnet1_3_160x192, zoo::mnasnet<130, 160, 192, 10>);

ZOO_CHECK_MODEL(mobilenet_v3_small);
ZOO_CHECK_AT(mobilenet_v3_small_160x192, zoo::mobilenet_v3_small_at<160, 192, 10>);

ZOO_CHECK_MODEL(resnext101_32x8d);
ZOO_CHECK_MODEL(resnext101_64x4d);
ZOO_CHECK_MODEL(wide_resnet101_2);
ZOO_CHECK_AT(resnext101_32x8d_160x192, zoo::resnet<zoo::bottleneck<32, 8>, zoo::blocks<3, 4, 23, 3>, 160, 192, 10>);
ZOO_CHECK_AT(resnext101_64x4d_160x192, zoo::resnet<zoo::bottleneck<64, 4>, zoo::blocks<3, 4, 23, 3>, 160, 192, 10>);
ZOO_CHECK_AT(wide_resnet101_2_160x192, zoo::resnet<zoo::bottleneck<1, 128>, zoo::blocks<3, 4, 23, 3>, 160, 192, 10>);

ZOO_CHECK_MODEL(shufflenet_v2_x0_5);
ZOO_CHECK_MODEL(shufflenet_v2_x1_5);
ZOO_CHECK_MODEL(shufflenet_v2_x2_0);
ZOO_CHECK_AT(shufflenet_v2_x0_5_160x192,
             zoo::shufflenet_v2<zoo::blocks<4, 8, 4>, zoo::shuffle_channels<24, 48, 96, 192, 1024>, 160, 192, 10>);
ZOO_CHECK_AT(shufflenet_v2_x1_5_160x192,
             zoo::shufflenet_v2<zoo::blocks<4, 8, 4>, zoo::shuffle_channels<24, 176, 352, 704, 1024>, 160, 192, 10>);
ZOO_CHECK_AT(shufflenet_v2_x2_0_160x192,
             zoo::shufflenet_v2<zoo::blocks<4, 8, 4>, zoo::shuffle_channels<24, 244, 488, 976, 2048>, 160, 192, 10>);

ZOO_CHECK_MODEL(vgg11_bn);
ZOO_CHECK_MODEL(vgg13_bn);
ZOO_CHECK_AT(vgg11_bn_160x192, zoo::vgg<zoo::vgg11_config, true, 160, 192, 10>);
ZOO_CHECK_AT(vgg13_bn_160x192, zoo::vgg<zoo::vgg13_config, true, 160, 192, 10>);

// The scaled EfficientNet tables, as torchvision's MBConvConfig computes them: B7 (width 2.0, depth
// 3.1) has stages of ⌈3.1·n⌉ = 4, 7, 7, 10, 10, 13, 4 blocks, and B2's first width is
// make_divisible(32 · 1.1) = 32 (35.2 rounds to 32, not below 0.9 · 35.2).
static_assert(zoo::efficientnet_b7_variant::row(0).layers == 4 && zoo::efficientnet_b7_variant::row(3).layers == 10 &&
              zoo::efficientnet_b7_variant::row(5).layers == 13 && zoo::efficientnet_b7_variant::row(6).out == 640);
static_assert(zoo::efficientnet_b2_variant::row(0).in == 32 && zoo::efficientnet_b2_variant::last == 4 * 352);
// MNASNet's widths (torchvision's _get_depths): 0.5 → 16, 8, 16, 24, 40, 48, 96, 160.
static_assert(zoo::detail::mnasnet_depth(0, 50) == 16 && zoo::detail::mnasnet_depth(1, 50) == 8 &&
              zoo::detail::mnasnet_depth(7, 50) == 160 && zoo::detail::mnasnet_depth(3, 130) == 56);

TEST_CASE("zoo: efficientnet_v2_s's layers are torchvision's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::efficientnet_v2_s>(netshape_reference::efficientnet_v2_s_layers);
}
TEST_CASE("zoo: mnasnet0_5's layers are torchvision's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::mnasnet0_5>(netshape_reference::mnasnet0_5_layers);
}
TEST_CASE("zoo: mobilenet_v3_small's layers are torchvision's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::mobilenet_v3_small>(netshape_reference::mobilenet_v3_small_layers);
}
