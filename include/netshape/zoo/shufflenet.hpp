// netshape/zoo/shufflenet.hpp: ShuffleNet V2 (Ma et al. 2018), as torchvision builds it.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

namespace detail {

/// A unit's "branch2": 1×1, depthwise 3×3 (stride S), 1×1, to B channels ("0" ... "7").
template <count_t B, count_t S>
using shuffle_branch2 = named<"branch2", sequential<
    at<0, conv2d<B, 1, no_bias>>,
    at<1, batch_norm>,
    at<2, relu>,
    at<3, conv2d<B, 3, stride<S>, pad<1>, groups<B>, no_bias>>,
    at<4, batch_norm>,
    at<5, conv2d<B, 1, no_bias>>,
    at<6, batch_norm>,
    at<7, relu>>>;

/// A downsampling unit from In to Out channels: both branches see the whole input ("branch1":
/// depthwise 3×3 stride 2 then 1×1), concatenated, then shuffled in 2 groups.
template <count_t In, count_t Out>
using shuffle_down = sequential<
    concat<
        named<"branch1", sequential<
            at<0, conv2d<In, 3, stride<2>, pad<1>, groups<In>, no_bias>>,
            at<1, batch_norm>,
            at<2, conv2d<Out / 2, 1, no_bias>>,
            at<3, batch_norm>,
            at<4, relu>>>,
        shuffle_branch2<Out / 2, 2>>,
    channel_shuffle<2>>;

/// A basic unit on C channels: the first half passes through, the second half goes through
/// branch2 (x.chunk(2) in torchvision), concatenated and shuffled.
template <count_t C>
using shuffle_unit = sequential<
    concat<
        channel_slice<0, C / 2>,
        sequential<channel_slice<C / 2, C / 2>, shuffle_branch2<C / 2, 1>>>,
    channel_shuffle<2>>;

/// A stage: a downsampling unit ("0"), then Repeats − 1 basic units of one type.
template <count_t In, count_t Out, std::size_t... B>
auto shuffle_stage(std::index_sequence<0, B...>) -> sequential<
    at<0, shuffle_down<In, Out>>,
    at<static_cast<count_t>(B), shuffle_unit<Out>>...>;

template <count_t In, count_t Out, count_t Repeats>
struct shuffle_stage_make {
    using type = decltype(shuffle_stage<In, Out>(std::make_index_sequence<static_cast<std::size_t>(Repeats)>{}));
};
template <count_t In, count_t Out, count_t Repeats>
using shuffle_stage_of = deferred<shuffle_stage_make<In, Out, Repeats>>;

}  // namespace detail

/// Stage output channels for ShuffleNet V2: stem, stage2, stage3, stage4, conv5.
template <count_t Stem, count_t C2, count_t C3, count_t C4, count_t Last>
struct shuffle_channels {};

template <class Repeats, class Channels, count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
struct shufflenet_v2_network;
template <count_t R2, count_t R3, count_t R4, count_t Stem, count_t C2, count_t C3, count_t C4, count_t Last,
          count_t Height, count_t Width, count_t Classes>
struct shufflenet_v2_network<blocks<R2, R3, R4>, shuffle_channels<Stem, C2, C3, C4, Last>, Height, Width, Classes> {
    using type = network<input<Height, Width, 3>,
        named<"conv1", sequential<
            at<0, conv2d<Stem, 3, stride<2>, pad<1>, no_bias>>,
            at<1, batch_norm>,
            at<2, relu>>>,
        named<"maxpool", max_pool<3, stride<2>, pad<1>>>,
        named<"stage2", detail::shuffle_stage_of<Stem, C2, R2>>,
        named<"stage3", detail::shuffle_stage_of<C2, C3, R3>>,
        named<"stage4", detail::shuffle_stage_of<C3, C4, R4>>,
        named<"conv5", sequential<
            at<0, conv2d<Last, 1, no_bias>>,
            at<1, batch_norm>,
            at<2, relu>>>,
        global_avg_pool,  // x.mean([2, 3]) in torchvision: no module
        named<"fc", dense<Classes>>>;
};

/// ShuffleNet V2 with blocks<R2, R3, R4> units per stage and shuffle_channels<...>, on Height×Width×3.
template <class Repeats, class Channels, count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using shufflenet_v2 = typename shufflenet_v2_network<Repeats, Channels, Height, Width, Classes>::type;

using shufflenet_v2_x0_5 = shufflenet_v2<blocks<4, 8, 4>, shuffle_channels<24, 48, 96, 192, 1024>>;
using shufflenet_v2_x1_0 = shufflenet_v2<blocks<4, 8, 4>, shuffle_channels<24, 116, 232, 464, 1024>>;
using shufflenet_v2_x1_5 = shufflenet_v2<blocks<4, 8, 4>, shuffle_channels<24, 176, 352, 704, 1024>>;
using shufflenet_v2_x2_0 = shufflenet_v2<blocks<4, 8, 4>, shuffle_channels<24, 244, 488, 976, 2048>>;

}  // namespace netshape::zoo
