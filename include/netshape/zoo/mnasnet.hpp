// netshape/zoo/mnasnet.hpp: MNASNet (Tan et al. 2019, the B1 variant), as torchvision builds it.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

namespace detail {

/// torchvision's _get_depths, its i-th: the widths 32, 16, 24, 40, 80, 96, 192, 320 times alpha (given in
/// hundredths, alpha100), each through _round_to_multiple_of(v, 8): the multiple of 8 nearest to v
/// (halves up), at least 8, plus 8 when that is below 0.9·v. That is _make_divisible's rule, so
/// make_divisible computes it, exactly in hundredths (torchvision in floating point).
constexpr count_t mnasnet_depth(std::size_t i, count_t alpha100) {
    constexpr count_t base[] = {32, 16, 24, 40, 80, 96, 192, 320};
    return make_divisible(base[i] * alpha100, 100);
}

/// torchvision's _InvertedResidual: 1×1 to In·Expand, depthwise K×K (stride S), 1×1 to Out, each
/// with batch norm, ReLU after the first two ("layers" > "0" ... "7"); a residual sum when the
/// shape is kept.
template <count_t In, count_t Out, count_t K, count_t S, count_t Expand>
using mnas_body = named<"layers", sequential<
    at<0, conv2d<In * Expand, 1, no_bias>>,
    at<1, batch_norm>,
    at<2, relu>,
    at<3, conv2d<In * Expand, K, stride<S>, pad<K / 2>, groups<In * Expand>, no_bias>>,
    at<4, batch_norm>,
    at<5, relu>,
    at<6, conv2d<Out, 1, no_bias>>,
    at<7, batch_norm>>>;
template <count_t In, count_t Out, count_t K, count_t S, count_t Expand>
using mnas_block = std::conditional_t<In == Out && S == 1, add<mnas_body<In, Out, K, S, Expand>, identity>,
                                      sequential<mnas_body<In, Out, K, S, Expand>>>;

/// torchvision's _stack: a block from In to Out with stride S, then Repeats − 1 blocks on Out.
template <count_t In, count_t Out, count_t K, count_t S, count_t Expand, std::size_t... B>
auto mnas_stack(std::index_sequence<0, B...>) -> sequential<
    at<0, mnas_block<In, Out, K, S, Expand>>,
    at<static_cast<count_t>(B), mnas_block<Out, Out, K, 1, Expand>>...>;
template <count_t Alpha100, std::size_t I, count_t K, count_t S, count_t Expand, count_t Repeats>
struct mnas_stack_make {
    using type = decltype(mnas_stack<mnasnet_depth(I - 1, Alpha100), mnasnet_depth(I, Alpha100), K, S, Expand>(
        std::make_index_sequence<static_cast<std::size_t>(Repeats)>{}));
};

template <count_t Alpha100>
using mnasnet_layers = named<"layers", sequential<
    at<0, conv2d<mnasnet_depth(0, Alpha100), 3, stride<2>, pad<1>, no_bias>>,
    at<1, batch_norm>,
    at<2, relu>,
    at<3, conv2d<mnasnet_depth(0, Alpha100), 3, pad<1>, groups<mnasnet_depth(0, Alpha100)>, no_bias>>,
    at<4, batch_norm>,
    at<5, relu>,
    at<6, conv2d<mnasnet_depth(1, Alpha100), 1, no_bias>>,
    at<7, batch_norm>,
    // kernel, stride, expansion, repeats: torchvision's six _stack calls
    at<8, deferred<mnas_stack_make<Alpha100, 2, 3, 2, 3, 3>>>,
    at<9, deferred<mnas_stack_make<Alpha100, 3, 5, 2, 3, 3>>>,
    at<10, deferred<mnas_stack_make<Alpha100, 4, 5, 2, 6, 3>>>,
    at<11, deferred<mnas_stack_make<Alpha100, 5, 3, 1, 6, 2>>>,
    at<12, deferred<mnas_stack_make<Alpha100, 6, 5, 2, 6, 4>>>,
    at<13, deferred<mnas_stack_make<Alpha100, 7, 3, 1, 6, 1>>>,
    at<14, conv2d<1280, 1, no_bias>>,
    at<15, batch_norm>,
    at<16, relu>>>;

}  // namespace detail

/// MNASNet with width multiplier Alpha100 / 100 on Height×Width×3.
template <count_t Alpha100, count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using mnasnet = network<input<Height, Width, 3>,
    detail::mnasnet_layers<Alpha100>,
    global_avg_pool,  // x.mean([2, 3]) in torchvision: no module
    named<"classifier", sequential<
        at<0, dropout>,
        at<1, dense<Classes>>>>>;

using mnasnet0_5 = mnasnet<50>;
using mnasnet0_75 = mnasnet<75>;
using mnasnet1_0 = mnasnet<100>;
using mnasnet1_3 = mnasnet<130>;

}  // namespace netshape::zoo
