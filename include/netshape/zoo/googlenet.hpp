// netshape/zoo/googlenet.hpp: GoogLeNet (Inception v1, Szegedy et al. 2014), as torchvision builds
// it: batch norm after every convolution, 3×3 (not 5×5) convolutions in the third branch (a known
// torchvision deviation its weights depend on), ceil_mode pooling, no auxiliary heads.
#pragma once

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

/// One Inception module named P: 1×1; 1×1 then 3×3; 1×1 then "5×5" (3×3); 3×3 max pool then 1×1.
template <fixed_string P, count_t C1, count_t C3Reduce, count_t C3, count_t C5Reduce, count_t C5, count_t PoolProj>
using googlenet_inception = named<P, concat<
    basic_conv<cat<P, ".branch1">, C1, 1>,
    sub<P, ".branch2", sequential<
        basic_conv<cat<P, ".branch2.0">, C3Reduce, 1>,
        basic_conv<cat<P, ".branch2.1">, C3, 3, pad<1>>>>,
    sub<P, ".branch3", sequential<
        basic_conv<cat<P, ".branch3.0">, C5Reduce, 1>,
        basic_conv<cat<P, ".branch3.1">, C5, 3, pad<1>>>>,
    sub<P, ".branch4", sequential<
        sub<P, ".branch4.0", max_pool<3, stride<1>, pad<1>, ceil_mode>>,
        basic_conv<cat<P, ".branch4.1">, PoolProj, 1>>>>>;

/// GoogLeNet on Height×Width×3 (the adaptive pool before the classifier takes any size).
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using googlenet_at = network<input<Height, Width, 3>,
    basic_conv<"conv1", 64, 7, stride<2>, pad<3>>,
    named<"maxpool1", max_pool<3, stride<2>, ceil_mode>>,
    basic_conv<"conv2", 64, 1>,
    basic_conv<"conv3", 192, 3, pad<1>>,
    named<"maxpool2", max_pool<3, stride<2>, ceil_mode>>,
    googlenet_inception<"inception3a", 64, 96, 128, 16, 32, 32>,
    googlenet_inception<"inception3b", 128, 128, 192, 32, 96, 64>,
    named<"maxpool3", max_pool<3, stride<2>, ceil_mode>>,
    googlenet_inception<"inception4a", 192, 96, 208, 16, 48, 64>,
    googlenet_inception<"inception4b", 160, 112, 224, 24, 64, 64>,
    googlenet_inception<"inception4c", 128, 128, 256, 24, 64, 64>,
    googlenet_inception<"inception4d", 112, 144, 288, 32, 64, 64>,
    googlenet_inception<"inception4e", 256, 160, 320, 32, 128, 128>,
    named<"maxpool4", max_pool<2, stride<2>, ceil_mode>>,
    googlenet_inception<"inception5a", 256, 160, 320, 32, 128, 128>,
    googlenet_inception<"inception5b", 384, 192, 384, 48, 128, 128>,
    named<"avgpool", adaptive_avg_pool<1>>,
    flatten,
    named<"dropout", dropout>,
    named<"fc", dense<Classes>>>;

using googlenet = googlenet_at<>;

}  // namespace netshape::zoo
