// netshape/zoo/googlenet.hpp: GoogLeNet (Inception v1, Szegedy et al. 2014), as torchvision builds
// it: batch norm after every convolution, 3×3 (not 5×5) convolutions in the third branch (a known
// torchvision deviation its weights depend on), ceil_mode pooling; googlenet without auxiliary heads,
// googlenet_aux with them (aux_logits=True) as side outputs.
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

/// torchvision's InceptionAux (aux1 after inception4a, aux2 after inception4d): a 4×4 adaptive average
/// pool, a 1×1 BasicConv2d to 128, flatten, fc1 to 1024 with a functional ReLU, dropout, fc2.
template <count_t Classes>
using googlenet_aux_head = sequential<
    adaptive_avg_pool<4>,
    named<"conv", basic_conv<128, 1>>,
    flatten,
    named<"fc1", dense<1024>>,
    relu,
    named<"dropout", dropout>,
    named<"fc2", dense<Classes>>>;

/// GoogLeNet on Height×Width×3, with torchvision's two auxiliary classifiers as side outputs when Aux.
template <count_t Height, count_t Width, count_t Classes, bool Aux>
using googlenet_with = network<input<Height, Width, 3>,
    named<"conv1", basic_conv<64, 7, stride<2>, pad<3>>>,
    named<"maxpool1", max_pool<3, stride<2>, ceil_mode>>,
    named<"conv2", basic_conv<64, 1>>,
    named<"conv3", basic_conv<192, 3, pad<1>>>,
    named<"maxpool2", max_pool<3, stride<2>, ceil_mode>>,
    named<"inception3a", googlenet_inception<64, 96, 128, 16, 32, 32>>,
    named<"inception3b", googlenet_inception<128, 128, 192, 32, 96, 64>>,
    named<"maxpool3", max_pool<3, stride<2>, ceil_mode>>,
    named<"inception4a", googlenet_inception<192, 96, 208, 16, 48, 64>>,
    only_if<Aux, named<"aux1", output<googlenet_aux_head<Classes>>>>,
    named<"inception4b", googlenet_inception<160, 112, 224, 24, 64, 64>>,
    named<"inception4c", googlenet_inception<128, 128, 256, 24, 64, 64>>,
    named<"inception4d", googlenet_inception<112, 144, 288, 32, 64, 64>>,
    only_if<Aux, named<"aux2", output<googlenet_aux_head<Classes>>>>,
    named<"inception4e", googlenet_inception<256, 160, 320, 32, 128, 128>>,
    named<"maxpool4", max_pool<2, stride<2>, ceil_mode>>,
    named<"inception5a", googlenet_inception<256, 160, 320, 32, 128, 128>>,
    named<"inception5b", googlenet_inception<384, 192, 384, 48, 128, 128>>,
    named<"avgpool", adaptive_avg_pool<1>>,
    flatten,
    named<"dropout", dropout>,
    named<"fc", dense<Classes>>>;

/// GoogLeNet on Height×Width×3 (the adaptive pool before the classifier takes any size).
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using googlenet_at = googlenet_with<Height, Width, Classes, false>;

/// GoogLeNet with its auxiliary classifiers (torchvision's aux_logits=True, as in training): three
/// outputs, aux1's, aux2's and the main one (output_shapes<googlenet_aux>).
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using googlenet_aux_at = googlenet_with<Height, Width, Classes, true>;

using googlenet = googlenet_at<>;
using googlenet_aux = googlenet_aux_at<>;

}  // namespace netshape::zoo
