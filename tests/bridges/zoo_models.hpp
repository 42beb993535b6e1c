// tests/bridges/zoo_models.hpp: every model of <netshape/zoo.hpp>, for the tests of the optional
// bridges (hana.hpp, torch.hpp) that run over the whole zoo. NETSHAPE_ZOO_MODELS(X) calls X(name)
// once per alias in netshape::zoo; a model added to the zoo is added here too (the same 101 the
// tests/test_zoo_*.cpp files check against torchvision, tools/unet_reference.py's U-Net and
// tools/m5_model.py's M5).
#pragma once

#include <netshape/zoo.hpp>

#define NETSHAPE_ZOO_MODELS(X)                                                                               \
    X(alexnet) X(alexnet_grouped) X(alexnet_owt) X(lenet5) X(vgg11) X(vgg13) X(vgg16) X(vgg19) X(vgg16_bn)   \
    X(vgg19_bn) X(resnet18) X(resnet34) X(resnet50) X(resnet101) X(resnet152) X(resnext50_32x4d)             \
    X(wide_resnet50_2) X(googlenet) X(googlenet_aux) X(inception_v3) X(inception_v3_aux) X(squeezenet1_0)    \
    X(squeezenet1_1) X(densenet121) X(densenet169) X(densenet201) X(mobilenet_v2) X(mobilenet_v3_large)      \
    X(shufflenet_v2_x1_0) X(efficientnet_b0) X(convnext_tiny) X(vit_b_16) X(vit_b_32) X(vit_l_16) X(vit_l_32) \
    X(vit_h_14) X(swin_t) X(swin_s) X(swin_b) X(swin_v2_t) X(swin_v2_s) X(swin_v2_b) X(maxvit_t) X(fcn_resnet50)    \
    X(fcn_resnet101) X(deeplabv3_resnet50) X(deeplabv3_resnet101) X(deeplabv3_mobilenet_v3_large)               \
    X(lraspp_mobilenet_v3_large) X(resnet50_fpn) X(unet) X(unet_bilinear)  \
    X(r3d_18) X(mc3_18) X(r2plus1d_18) X(s3d) X(mvit_v1_b) X(mvit_v2_s) X(m5) \
    X(vgg11_bn) X(vgg13_bn) X(resnext101_32x8d) X(resnext101_64x4d) X(wide_resnet101_2) X(densenet161) \
    X(mobilenet_v3_small) X(mnasnet0_5) X(mnasnet0_75) X(mnasnet1_0) X(mnasnet1_3) X(shufflenet_v2_x0_5) \
    X(shufflenet_v2_x1_5) X(shufflenet_v2_x2_0) X(efficientnet_b1) X(efficientnet_b2) X(efficientnet_b3) \
    X(efficientnet_b4) X(efficientnet_b5) X(efficientnet_b6) X(efficientnet_b7) X(efficientnet_v2_s) \
    X(efficientnet_v2_m) X(efficientnet_v2_l) X(convnext_small) X(convnext_base) X(convnext_large) \
    X(regnet_x_400mf) X(regnet_x_800mf) X(regnet_x_1_6gf) X(regnet_x_3_2gf) X(regnet_x_8gf) \
    X(regnet_x_16gf) X(regnet_x_32gf) X(regnet_y_400mf) X(regnet_y_800mf) X(regnet_y_1_6gf) \
    X(regnet_y_3_2gf) X(regnet_y_8gf) X(regnet_y_16gf) X(regnet_y_32gf) X(regnet_y_128gf)
