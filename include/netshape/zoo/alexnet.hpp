// netshape/zoo/alexnet.hpp: AlexNet, as the 2012 paper describes it and as torchvision builds it.
#pragma once

#include <netshape/netshape.hpp>
#include <netshape/zoo/names.hpp>

namespace netshape::zoo {

namespace detail {
/// Local response normalisation after conv1 and conv2 when Lrn (the 2012 paper), else nothing.
template <bool Lrn, count_t Index>
using optional_lrn = std::conditional_t<Lrn, at<Index, lrn>, sequential<>>;
/// Both AlexNets' classifier: dropout, 4096, dropout, 4096, Classes (torchvision's names).
template <count_t Classes>
using alexnet_classifier = named<"classifier", sequential<
    at<0, dropout>,
    at<1, dense<4096>>,
    at<2, relu>,
    at<3, dropout>,
    at<4, dense<4096>>,
    at<5, relu>,
    at<6, dense<Classes>>>>;
}  // namespace detail

/// Krizhevsky et al. 2012 on Height×Width×3. Towers = 2 is the paper's two-GPU model: conv2,
/// conv4 and conv5 see only their own tower's maps (groups of 2); conv3 and the dense layers
/// cross. Module names follow tools/torchvision_reference.py, which builds the same model.
template <count_t Towers = 1, bool Lrn = false, count_t Height = 227, count_t Width = Height, count_t Classes = 1000>
using alexnet_2012 = network<input<Height, Width, 3>,
    named<"features", sequential<
        at<0, conv2d<96, 11, stride<4>>>,
        at<1, relu>,
        detail::optional_lrn<Lrn, 2>,
        at<Lrn ? 3 : 2, max_pool<3, stride<2>>>,
        at<Lrn ? 4 : 3, conv2d<256, 5, pad<2>, groups<Towers>>>,
        at<Lrn ? 5 : 4, relu>,
        detail::optional_lrn<Lrn, 6>,
        at<Lrn ? 7 : 5, max_pool<3, stride<2>>>,
        at<Lrn ? 8 : 6, conv2d<384, 3, pad<1>>>,
        at<Lrn ? 9 : 7, relu>,
        at<Lrn ? 10 : 8, conv2d<384, 3, pad<1>, groups<Towers>>>,
        at<Lrn ? 11 : 9, relu>,
        at<Lrn ? 12 : 10, conv2d<256, 3, pad<1>, groups<Towers>>>,
        at<Lrn ? 13 : 11, relu>,
        at<Lrn ? 14 : 12, max_pool<3, stride<2>>>>>,
    flatten,
    detail::alexnet_classifier<Classes>>;

/// torchvision's AlexNet ("one weird trick", Krizhevsky 2014): 64/192/384/256/256 filters and an
/// adaptive 6×6 pool, so any input of at least 63×63 works.
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using alexnet_one_weird_trick = network<input<Height, Width, 3>,
    named<"features", sequential<
        at<0, conv2d<64, 11, stride<4>, pad<2>>>,
        at<1, relu>,
        at<2, max_pool<3, stride<2>>>,
        at<3, conv2d<192, 5, pad<2>>>,
        at<4, relu>,
        at<5, max_pool<3, stride<2>>>,
        at<6, conv2d<384, 3, pad<1>>>,
        at<7, relu>,
        at<8, conv2d<256, 3, pad<1>>>,
        at<9, relu>,
        at<10, conv2d<256, 3, pad<1>>>,
        at<11, relu>,
        at<12, max_pool<3, stride<2>>>>>,
    named<"avgpool", adaptive_avg_pool<6>>,
    flatten,
    detail::alexnet_classifier<Classes>>;

/// The seed's AlexNet: one tower, 227×227×3, 62,378,344 parameters.
using alexnet = alexnet_2012<1, false>;
/// The 2012 paper's two towers (groups of 2 on conv2, conv4, conv5) with LRN.
using alexnet_grouped = alexnet_2012<2, true>;
/// torchvision.models.alexnet.
using alexnet_owt = alexnet_one_weird_trick<>;

}  // namespace netshape::zoo
