// netshape/zoo/inception.hpp: Inception-v3 (Szegedy et al. 2015), as torchvision builds it, at
// 299×299; inception_v3 without the auxiliary head, inception_v3_aux with it (aux_logits=True) as a
// side output.
#pragma once

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

/// Mixed_5b/5c/5d (InceptionA): 1×1; 1×1 then 5×5; 1×1 then two 3×3; 3×3 average pool then 1×1.
template <count_t PoolFeatures>
using inception_a = concat<
    named<"branch1x1", basic_conv<64, 1>>,
    sequential<
        named<"branch5x5_1", basic_conv<48, 1>>,
        named<"branch5x5_2", basic_conv<64, 5, pad<2>>>>,
    sequential<
        named<"branch3x3dbl_1", basic_conv<64, 1>>,
        named<"branch3x3dbl_2", basic_conv<96, 3, pad<1>>>,
        named<"branch3x3dbl_3", basic_conv<96, 3, pad<1>>>>,
    sequential<
        avg_pool<3, stride<1>, pad<1>>,
        named<"branch_pool", basic_conv<PoolFeatures, 1>>>>;

/// Mixed_6a (InceptionB): grid reduction 35→17.
using inception_b = concat<
    named<"branch3x3", basic_conv<384, 3, stride<2>>>,
    sequential<
        named<"branch3x3dbl_1", basic_conv<64, 1>>,
        named<"branch3x3dbl_2", basic_conv<96, 3, pad<1>>>,
        named<"branch3x3dbl_3", basic_conv<96, 3, stride<2>>>>,
    max_pool<3, stride<2>>>;

/// Mixed_6b..6e (InceptionC): 7×7 factorised into 1×7 and 7×1, C7 channels inside.
template <count_t C7>
using inception_c = concat<
    named<"branch1x1", basic_conv<192, 1>>,
    sequential<
        named<"branch7x7_1", basic_conv<C7, 1>>,
        named<"branch7x7_2", basic_conv<C7, hw{1, 7}, pad<0, 3>>>,
        named<"branch7x7_3", basic_conv<192, hw{7, 1}, pad<3, 0>>>>,
    sequential<
        named<"branch7x7dbl_1", basic_conv<C7, 1>>,
        named<"branch7x7dbl_2", basic_conv<C7, hw{7, 1}, pad<3, 0>>>,
        named<"branch7x7dbl_3", basic_conv<C7, hw{1, 7}, pad<0, 3>>>,
        named<"branch7x7dbl_4", basic_conv<C7, hw{7, 1}, pad<3, 0>>>,
        named<"branch7x7dbl_5", basic_conv<192, hw{1, 7}, pad<0, 3>>>>,
    sequential<
        avg_pool<3, stride<1>, pad<1>>,
        named<"branch_pool", basic_conv<192, 1>>>>;

/// Mixed_7a (InceptionD): grid reduction 17→8.
using inception_d = concat<
    sequential<
        named<"branch3x3_1", basic_conv<192, 1>>,
        named<"branch3x3_2", basic_conv<320, 3, stride<2>>>>,
    sequential<
        named<"branch7x7x3_1", basic_conv<192, 1>>,
        named<"branch7x7x3_2", basic_conv<192, hw{1, 7}, pad<0, 3>>>,
        named<"branch7x7x3_3", basic_conv<192, hw{7, 1}, pad<3, 0>>>,
        named<"branch7x7x3_4", basic_conv<192, 3, stride<2>>>>,
    max_pool<3, stride<2>>>;

/// Mixed_7b/7c (InceptionE): the 3×3 branches end in parallel 1×3 and 3×1, concatenated.
using inception_e = concat<
    named<"branch1x1", basic_conv<320, 1>>,
    sequential<
        named<"branch3x3_1", basic_conv<384, 1>>,
        concat<
            named<"branch3x3_2a", basic_conv<384, hw{1, 3}, pad<0, 1>>>,
            named<"branch3x3_2b", basic_conv<384, hw{3, 1}, pad<1, 0>>>>>,
    sequential<
        named<"branch3x3dbl_1", basic_conv<448, 1>>,
        named<"branch3x3dbl_2", basic_conv<384, 3, pad<1>>>,
        concat<
            named<"branch3x3dbl_3a", basic_conv<384, hw{1, 3}, pad<0, 1>>>,
            named<"branch3x3dbl_3b", basic_conv<384, hw{3, 1}, pad<1, 0>>>>>,
    sequential<
        avg_pool<3, stride<1>, pad<1>>,
        named<"branch_pool", basic_conv<192, 1>>>>;

/// torchvision's InceptionAux ("AuxLogits", after Mixed_6e): a 5×5/3 average pool, 1×1 BasicConv2d to
/// 128, 5×5 BasicConv2d to 768, adaptive average pool to 1×1, flatten, fc.
template <count_t Classes>
using inception_aux_head = sequential<
    avg_pool<5, stride<3>>,
    named<"conv0", basic_conv<128, 1>>,
    named<"conv1", basic_conv<768, 5>>,
    adaptive_avg_pool<1>,
    flatten,
    named<"fc", dense<Classes>>>;

/// Inception-v3 on Height×Width×3 (at least 75×75), with the auxiliary classifier as a side output
/// when Aux.
template <count_t Height, count_t Width, count_t Classes, bool Aux>
using inception_v3_with = network<input<Height, Width, 3>,
    named<"Conv2d_1a_3x3", basic_conv<32, 3, stride<2>>>,
    named<"Conv2d_2a_3x3", basic_conv<32, 3>>,
    named<"Conv2d_2b_3x3", basic_conv<64, 3, pad<1>>>,
    named<"maxpool1", max_pool<3, stride<2>>>,
    named<"Conv2d_3b_1x1", basic_conv<80, 1>>,
    named<"Conv2d_4a_3x3", basic_conv<192, 3>>,
    named<"maxpool2", max_pool<3, stride<2>>>,
    named<"Mixed_5b", inception_a<32>>,
    named<"Mixed_5c", inception_a<64>>,
    named<"Mixed_5d", inception_a<64>>,
    named<"Mixed_6a", inception_b>,
    named<"Mixed_6b", inception_c<128>>,
    named<"Mixed_6c", inception_c<160>>,
    named<"Mixed_6d", inception_c<160>>,
    named<"Mixed_6e", inception_c<192>>,
    only_if<Aux, named<"AuxLogits", output<inception_aux_head<Classes>>>>,
    named<"Mixed_7a", inception_d>,
    named<"Mixed_7b", inception_e>,
    named<"Mixed_7c", inception_e>,
    named<"avgpool", adaptive_avg_pool<1>>,
    named<"dropout", dropout>,
    flatten,
    named<"fc", dense<Classes>>>;

/// Inception-v3 on Height×Width×3 (at least 75×75).
template <count_t Height = 299, count_t Width = Height, count_t Classes = 1000>
using inception_v3_at = inception_v3_with<Height, Width, Classes, false>;

/// Inception-v3 with its auxiliary classifier (torchvision's aux_logits=True, as in training): two
/// outputs, AuxLogits' and the main one (output_shapes<inception_v3_aux>).
template <count_t Height = 299, count_t Width = Height, count_t Classes = 1000>
using inception_v3_aux_at = inception_v3_with<Height, Width, Classes, true>;

using inception_v3 = inception_v3_at<>;
using inception_v3_aux = inception_v3_aux_at<>;

}  // namespace netshape::zoo
