// netshape/zoo/lenet.hpp: LeNet-5.
#pragma once

#include <netshape/netshape.hpp>
#include <netshape/zoo/names.hpp>

namespace netshape::zoo {

/// LeCun et al. 1998 on Height×Width×1 (32×32 digits): every C3 map sees all S2 maps, as modern
/// reimplementations (and tools/torchvision_reference.py) build it, with average pooling.
template <count_t Height = 32, count_t Width = Height, count_t Classes = 10>
using lenet = network<input<Height, Width, 1>,
    named<"features", sequential<
        named<"features.0", conv2d<6, 5>>,
        named<"features.1", tanh>,
        named<"features.2", avg_pool<2>>,
        named<"features.3", conv2d<16, 5>>,
        named<"features.4", tanh>,
        named<"features.5", avg_pool<2>>,
        named<"features.6", conv2d<120, 5>>,
        named<"features.7", tanh>>>,
    flatten,
    named<"classifier", sequential<
        named<"classifier.0", dense<84>>,
        named<"classifier.1", tanh>,
        named<"classifier.2", dense<Classes>>>>>;

using lenet5 = lenet<>;

}  // namespace netshape::zoo
