// netshape/zoo/googlenet.hpp: GoogLeNet (Inception v1, Szegedy et al. 2014), as torchvision builds
// it: batch norm after every convolution, 3×3 (not 5×5) convolutions in the third branch (a known
// torchvision deviation its weights depend on), ceil_mode pooling, no auxiliary heads.
#pragma once

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

/// One Inception module: 1×1; 1×1 then 3×3; 1×1 then "5×5" (3×3); 3×3 max pool then 1×1
/// ("branch1" ... "branch4").
template <count_t C1, count_t C3Reduce, count_t C3, count_t C5Reduce, count_t C5, count_t PoolProj>
using googlenet_inception = concat<
    named<"branch1", basic_conv<C1, 1>>,
    named<"branch2", sequential<
        at<0, basic_conv<C3Reduce, 1>>,
        at<1, basic_conv<C3, 3, pad<1>>>>>,
    named<"branch3", sequential<
        at<0, basic_conv<C5Reduce, 1>>,
        at<1, basic_conv<C5, 3, pad<1>>>>>,
    named<"branch4", sequential<
        at<0, max_pool<3, stride<1>, pad<1>, ceil_mode>>,
        at<1, basic_conv<PoolProj, 1>>>>>;

/// GoogLeNet on Height×Width×3 (the adaptive pool before the classifier takes any size).
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using googlenet_at = network<input<Height, Width, 3>,
    named<"conv1", basic_conv<64, 7, stride<2>, pad<3>>>,
    named<"maxpool1", max_pool<3, stride<2>, ceil_mode>>,
    named<"conv2", basic_conv<64, 1>>,
    named<"conv3", basic_conv<192, 3, pad<1>>>,
    named<"maxpool2", max_pool<3, stride<2>, ceil_mode>>,
    named<"inception3a", googlenet_inception<64, 96, 128, 16, 32, 32>>,
    named<"inception3b", googlenet_inception<128, 128, 192, 32, 96, 64>>,
    named<"maxpool3", max_pool<3, stride<2>, ceil_mode>>,
    named<"inception4a", googlenet_inception<192, 96, 208, 16, 48, 64>>,
    named<"inception4b", googlenet_inception<160, 112, 224, 24, 64, 64>>,
    named<"inception4c", googlenet_inception<128, 128, 256, 24, 64, 64>>,
    named<"inception4d", googlenet_inception<112, 144, 288, 32, 64, 64>>,
    named<"inception4e", googlenet_inception<256, 160, 320, 32, 128, 128>>,
    named<"maxpool4", max_pool<2, stride<2>, ceil_mode>>,
    named<"inception5a", googlenet_inception<256, 160, 320, 32, 128, 128>>,
    named<"inception5b", googlenet_inception<384, 192, 384, 48, 128, 128>>,
    named<"avgpool", adaptive_avg_pool<1>>,
    flatten,
    named<"dropout", dropout>,
    named<"fc", dense<Classes>>>;

using googlenet = googlenet_at<>;

}  // namespace netshape::zoo
