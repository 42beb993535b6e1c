// netshape/zoo/squeezenet.hpp: SqueezeNet 1.0 and 1.1 (Iandola et al. 2016), as torchvision builds them.
#pragma once

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

/// A Fire module: a 1×1 squeeze to S channels, then 1×1 and 3×3 expansions side by side.
template <count_t S, count_t E1, count_t E3>
using fire = sequential<
    named<"squeeze", conv2d<S, 1>>,
    named<"squeeze_activation", relu>,
    concat<
        sequential<named<"expand1x1", conv2d<E1, 1>>, named<"expand1x1_activation", relu>>,
        sequential<named<"expand3x3", conv2d<E3, 3, pad<1>>>, named<"expand3x3_activation", relu>>>>;

/// The classifier both versions share: dropout, a 1×1 convolution to the classes, ReLU, global average.
template <count_t Classes>
using squeezenet_classifier = named<"classifier", sequential<
    at<0, dropout>,
    at<1, conv2d<Classes, 1>>,
    at<2, relu>,
    at<3, adaptive_avg_pool<1>>>>;

template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using squeezenet1_0_at = network<input<Height, Width, 3>,
    named<"features", sequential<
        at<0, conv2d<96, 7, stride<2>>>,
        at<1, relu>,
        at<2, max_pool<3, stride<2>, ceil_mode>>,
        at<3, fire<16, 64, 64>>,
        at<4, fire<16, 64, 64>>,
        at<5, fire<32, 128, 128>>,
        at<6, max_pool<3, stride<2>, ceil_mode>>,
        at<7, fire<32, 128, 128>>,
        at<8, fire<48, 192, 192>>,
        at<9, fire<48, 192, 192>>,
        at<10, fire<64, 256, 256>>,
        at<11, max_pool<3, stride<2>, ceil_mode>>,
        at<12, fire<64, 256, 256>>>>,
    squeezenet_classifier<Classes>,
    flatten>;

/// SqueezeNet 1.1: a 3×3 stem with 64 filters and earlier pooling, 2.4× fewer MACs.
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using squeezenet1_1_at = network<input<Height, Width, 3>,
    named<"features", sequential<
        at<0, conv2d<64, 3, stride<2>>>,
        at<1, relu>,
        at<2, max_pool<3, stride<2>, ceil_mode>>,
        at<3, fire<16, 64, 64>>,
        at<4, fire<16, 64, 64>>,
        at<5, max_pool<3, stride<2>, ceil_mode>>,
        at<6, fire<32, 128, 128>>,
        at<7, fire<32, 128, 128>>,
        at<8, max_pool<3, stride<2>, ceil_mode>>,
        at<9, fire<48, 192, 192>>,
        at<10, fire<48, 192, 192>>,
        at<11, fire<64, 256, 256>>,
        at<12, fire<64, 256, 256>>>>,
    squeezenet_classifier<Classes>,
    flatten>;

using squeezenet1_0 = squeezenet1_0_at<>;
using squeezenet1_1 = squeezenet1_1_at<>;

}  // namespace netshape::zoo
