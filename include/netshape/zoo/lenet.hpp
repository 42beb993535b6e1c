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
        at<0, conv2d<6, 5>>,
        at<1, tanh>,
        at<2, avg_pool<2>>,
        at<3, conv2d<16, 5>>,
        at<4, tanh>,
        at<5, avg_pool<2>>,
        at<6, conv2d<120, 5>>,
        at<7, tanh>>>,
    flatten,
    named<"classifier", sequential<
        at<0, dense<84>>,
        at<1, tanh>,
        at<2, dense<Classes>>>>>;

using lenet5 = lenet<>;

}  // namespace netshape::zoo
