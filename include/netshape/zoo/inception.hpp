// netshape/zoo/inception.hpp: Inception-v3 (Szegedy et al. 2015), as torchvision builds it, at
// 299×299 and without the auxiliary head.
#pragma once

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

/// Mixed_5b/5c/5d (InceptionA): 1×1; 1×1 then 5×5; 1×1 then two 3×3; 3×3 average pool then 1×1.
template <fixed_string P, count_t PoolFeatures>
using inception_a = named<P, concat<
    basic_conv<cat<P, ".branch1x1">, 64, 1>,
    sequential<
        basic_conv<cat<P, ".branch5x5_1">, 48, 1>,
        basic_conv<cat<P, ".branch5x5_2">, 64, 5, pad<2>>>,
    sequential<
        basic_conv<cat<P, ".branch3x3dbl_1">, 64, 1>,
        basic_conv<cat<P, ".branch3x3dbl_2">, 96, 3, pad<1>>,
        basic_conv<cat<P, ".branch3x3dbl_3">, 96, 3, pad<1>>>,
    sequential<
        avg_pool<3, stride<1>, pad<1>>,
        basic_conv<cat<P, ".branch_pool">, PoolFeatures, 1>>>>;

/// Mixed_6a (InceptionB): grid reduction 35→17.
template <fixed_string P>
using inception_b = named<P, concat<
    basic_conv<cat<P, ".branch3x3">, 384, 3, stride<2>>,
    sequential<
        basic_conv<cat<P, ".branch3x3dbl_1">, 64, 1>,
        basic_conv<cat<P, ".branch3x3dbl_2">, 96, 3, pad<1>>,
        basic_conv<cat<P, ".branch3x3dbl_3">, 96, 3, stride<2>>>,
    max_pool<3, stride<2>>>>;

/// Mixed_6b..6e (InceptionC): 7×7 factorised into 1×7 and 7×1, C7 channels inside.
template <fixed_string P, count_t C7>
using inception_c = named<P, concat<
    basic_conv<cat<P, ".branch1x1">, 192, 1>,
    sequential<
        basic_conv<cat<P, ".branch7x7_1">, C7, 1>,
        basic_conv<cat<P, ".branch7x7_2">, C7, hw{1, 7}, pad<0, 3>>,
        basic_conv<cat<P, ".branch7x7_3">, 192, hw{7, 1}, pad<3, 0>>>,
    sequential<
        basic_conv<cat<P, ".branch7x7dbl_1">, C7, 1>,
        basic_conv<cat<P, ".branch7x7dbl_2">, C7, hw{7, 1}, pad<3, 0>>,
        basic_conv<cat<P, ".branch7x7dbl_3">, C7, hw{1, 7}, pad<0, 3>>,
        basic_conv<cat<P, ".branch7x7dbl_4">, C7, hw{7, 1}, pad<3, 0>>,
        basic_conv<cat<P, ".branch7x7dbl_5">, 192, hw{1, 7}, pad<0, 3>>>,
    sequential<
        avg_pool<3, stride<1>, pad<1>>,
        basic_conv<cat<P, ".branch_pool">, 192, 1>>>>;

/// Mixed_7a (InceptionD): grid reduction 17→8.
template <fixed_string P>
using inception_d = named<P, concat<
    sequential<
        basic_conv<cat<P, ".branch3x3_1">, 192, 1>,
        basic_conv<cat<P, ".branch3x3_2">, 320, 3, stride<2>>>,
    sequential<
        basic_conv<cat<P, ".branch7x7x3_1">, 192, 1>,
        basic_conv<cat<P, ".branch7x7x3_2">, 192, hw{1, 7}, pad<0, 3>>,
        basic_conv<cat<P, ".branch7x7x3_3">, 192, hw{7, 1}, pad<3, 0>>,
        basic_conv<cat<P, ".branch7x7x3_4">, 192, 3, stride<2>>>,
    max_pool<3, stride<2>>>>;

/// Mixed_7b/7c (InceptionE): the 3×3 branches end in parallel 1×3 and 3×1, concatenated.
template <fixed_string P>
using inception_e = named<P, concat<
    basic_conv<cat<P, ".branch1x1">, 320, 1>,
    sequential<
        basic_conv<cat<P, ".branch3x3_1">, 384, 1>,
        concat<
            basic_conv<cat<P, ".branch3x3_2a">, 384, hw{1, 3}, pad<0, 1>>,
            basic_conv<cat<P, ".branch3x3_2b">, 384, hw{3, 1}, pad<1, 0>>>>,
    sequential<
        basic_conv<cat<P, ".branch3x3dbl_1">, 448, 1>,
        basic_conv<cat<P, ".branch3x3dbl_2">, 384, 3, pad<1>>,
        concat<
            basic_conv<cat<P, ".branch3x3dbl_3a">, 384, hw{1, 3}, pad<0, 1>>,
            basic_conv<cat<P, ".branch3x3dbl_3b">, 384, hw{3, 1}, pad<1, 0>>>>,
    sequential<
        avg_pool<3, stride<1>, pad<1>>,
        basic_conv<cat<P, ".branch_pool">, 192, 1>>>>;

/// Inception-v3 on Height×Width×3 (at least 75×75).
template <count_t Height = 299, count_t Width = Height, count_t Classes = 1000>
using inception_v3_at = network<input<Height, Width, 3>,
    basic_conv<"Conv2d_1a_3x3", 32, 3, stride<2>>,
    basic_conv<"Conv2d_2a_3x3", 32, 3>,
    basic_conv<"Conv2d_2b_3x3", 64, 3, pad<1>>,
    named<"maxpool1", max_pool<3, stride<2>>>,
    basic_conv<"Conv2d_3b_1x1", 80, 1>,
    basic_conv<"Conv2d_4a_3x3", 192, 3>,
    named<"maxpool2", max_pool<3, stride<2>>>,
    inception_a<"Mixed_5b", 32>,
    inception_a<"Mixed_5c", 64>,
    inception_a<"Mixed_5d", 64>,
    inception_b<"Mixed_6a">,
    inception_c<"Mixed_6b", 128>,
    inception_c<"Mixed_6c", 160>,
    inception_c<"Mixed_6d", 160>,
    inception_c<"Mixed_6e", 192>,
    inception_d<"Mixed_7a">,
    inception_e<"Mixed_7b">,
    inception_e<"Mixed_7c">,
    named<"avgpool", adaptive_avg_pool<1>>,
    named<"dropout", dropout>,
    flatten,
    named<"fc", dense<Classes>>>;

using inception_v3 = inception_v3_at<>;

}  // namespace netshape::zoo
