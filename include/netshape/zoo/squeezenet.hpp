// netshape/zoo/squeezenet.hpp: SqueezeNet 1.0 and 1.1 (Iandola et al. 2016), as torchvision builds them.
#pragma once

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

/// A Fire module named P: a 1×1 squeeze to S channels, then 1×1 and 3×3 expansions side by side.
template <fixed_string P, count_t S, count_t E1, count_t E3>
using fire = named<P, sequential<
    sub<P, ".squeeze", conv2d<S, 1>>,
    sub<P, ".squeeze_activation", relu>,
    concat<
        sequential<sub<P, ".expand1x1", conv2d<E1, 1>>, sub<P, ".expand1x1_activation", relu>>,
        sequential<sub<P, ".expand3x3", conv2d<E3, 3, pad<1>>>, sub<P, ".expand3x3_activation", relu>>>>>;

/// The classifier both versions share: dropout, a 1×1 convolution to the classes, ReLU, global average.
template <count_t Classes>
using squeezenet_classifier = named<"classifier", sequential<
    named<"classifier.0", dropout>,
    named<"classifier.1", conv2d<Classes, 1>>,
    named<"classifier.2", relu>,
    named<"classifier.3", adaptive_avg_pool<1>>>>;

template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using squeezenet1_0_at = network<input<Height, Width, 3>,
    named<"features", sequential<
        named<"features.0", conv2d<96, 7, stride<2>>>,
        named<"features.1", relu>,
        named<"features.2", max_pool<3, stride<2>, ceil_mode>>,
        fire<"features.3", 16, 64, 64>,
        fire<"features.4", 16, 64, 64>,
        fire<"features.5", 32, 128, 128>,
        named<"features.6", max_pool<3, stride<2>, ceil_mode>>,
        fire<"features.7", 32, 128, 128>,
        fire<"features.8", 48, 192, 192>,
        fire<"features.9", 48, 192, 192>,
        fire<"features.10", 64, 256, 256>,
        named<"features.11", max_pool<3, stride<2>, ceil_mode>>,
        fire<"features.12", 64, 256, 256>>>,
    squeezenet_classifier<Classes>,
    flatten>;

/// SqueezeNet 1.1: a 3×3 stem with 64 filters and earlier pooling, 2.4× fewer MACs.
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using squeezenet1_1_at = network<input<Height, Width, 3>,
    named<"features", sequential<
        named<"features.0", conv2d<64, 3, stride<2>>>,
        named<"features.1", relu>,
        named<"features.2", max_pool<3, stride<2>, ceil_mode>>,
        fire<"features.3", 16, 64, 64>,
        fire<"features.4", 16, 64, 64>,
        named<"features.5", max_pool<3, stride<2>, ceil_mode>>,
        fire<"features.6", 32, 128, 128>,
        fire<"features.7", 32, 128, 128>,
        named<"features.8", max_pool<3, stride<2>, ceil_mode>>,
        fire<"features.9", 48, 192, 192>,
        fire<"features.10", 48, 192, 192>,
        fire<"features.11", 64, 256, 256>,
        fire<"features.12", 64, 256, 256>>>,
    squeezenet_classifier<Classes>,
    flatten>;

using squeezenet1_0 = squeezenet1_0_at<>;
using squeezenet1_1 = squeezenet1_1_at<>;

}  // namespace netshape::zoo
