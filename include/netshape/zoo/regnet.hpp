// netshape/zoo/regnet.hpp: RegNetX and RegNetY (Radosavovic et al. 2020), as torchvision builds them.
//
// torchvision derives each model's stages from four numbers (BlockParams.from_init_params: depth,
// w_0, w_a, w_m, group_width): the block widths u_j = w_0 + w_a·j (j < depth) are quantized in log
// space, w_j = 8·round(w_0·w_m^round(log(u_j / w_0) / log(w_m)) / 8), computed in float32; runs of equal
// widths are the stages; then each stage's group width is min(group_width, width) and its width
// _make_divisible(width, that group width) (bottleneck multiplier 1 in every torchvision RegNet).
// The logarithms and float32 rounding have no clean constexpr form, so the tables below are that
// rule's results, written with their parameters; the tests check every model against torchvision.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

/// A RegNet stage: its blocks, their width (output channels) and group width.
struct regnet_stage {
    count_t depth, width, group_width;
};

namespace detail {

/// "block<S>-<I>": torchvision's name of block I of stage S (AnyStage's add_module).
template <count_t S, count_t I>
inline constexpr fixed_string<6 + digits(S) + 1 + digits(I)> regnet_block_name = [] {
    constexpr std::size_t n = 6 + digits(S) + 1 + digits(I);
    char out[n]{'b', 'l', 'o', 'c', 'k'};
    for (std::size_t k = 0; k < digits(S); ++k) out[5 + k] = numbered<"", S>.chars[k];
    out[5 + digits(S)] = '-';
    for (std::size_t k = 0; k < digits(I); ++k) out[6 + digits(S) + k] = numbered<"", I>.chars[k];
    return fixed_string<n>(out);
}();

/// torchvision's ResBottleneckBlock (bottleneck multiplier 1): "f" is BottleneckTransform, a 1×1
/// ("a"), a grouped 3×3 of stride S in groups of G channels ("b"), with Se squeeze-excitation
/// ("se": squeeze to In / 4, torchvision's round(0.25 · width_in); ReLU, sigmoid), a 1×1 without
/// activation ("c"); added to the input, or to "proj" (a strided 1×1 and batch norm) when the shape
/// changes; then ReLU ("activation"). The projection is called before "f", as in torchvision.
template <count_t In, count_t Out, count_t S, count_t G, bool Se>
using regnet_f = named<"f", sequential<
    named<"a", conv_bn_act<Out, 1, 1, 1, relu>>,
    named<"b", conv_bn_act<Out, 3, S, Out / G, relu>>,
    only_if<Se, named<"se", squeeze_excitation<Out, In / 4, relu, sigmoid>>>,
    named<"c", conv_bn_act<Out, 1, 1, 1, void>>>>;
template <count_t In, count_t Out, count_t S, count_t G, bool Se>
using regnet_block = sequential<
    std::conditional_t<In != Out || S != 1,
        add<named<"proj", conv_bn_act<Out, 1, S, 1, void>>, regnet_f<In, Out, S, G, Se>>,
        add<regnet_f<In, Out, S, G, Se>, identity>>,
    named<"activation", relu>>;

template <count_t Stage, count_t In, count_t Out, count_t G, bool Se, std::size_t... B>
auto regnet_stage_blocks(std::index_sequence<0, B...>) -> sequential<
    named<regnet_block_name<Stage, 0>, regnet_block<In, Out, 2, G, Se>>,
    named<regnet_block_name<Stage, static_cast<count_t>(B)>, regnet_block<Out, Out, 1, G, Se>>...>;

/// Stage K (1-based, "block<K>"): its first block takes the previous stage's width (the stem's 32
/// for the first) and strides 2.
template <const auto& Stages, bool Se, std::size_t K>
struct regnet_stage_make {
    static constexpr regnet_stage s = Stages[K - 1];
    static constexpr count_t in = K == 1 ? 32 : Stages[K - 2].width;
    using type = decltype(regnet_stage_blocks<static_cast<count_t>(K), in, s.width, s.group_width, Se>(
        std::make_index_sequence<static_cast<std::size_t>(s.depth)>{}));
};

template <const auto& Stages, bool Se, std::size_t... K>
auto regnet_trunk(std::index_sequence<K...>) -> named<"trunk_output", sequential<
    named<numbered<"block", static_cast<count_t>(K + 1)>, deferred<regnet_stage_make<Stages, Se, K + 1>>>...>>;
template <const auto& Stages, bool Se>
struct regnet_trunk_make {
    using type = decltype(regnet_trunk<Stages, Se>(std::make_index_sequence<std::size(Stages)>{}));
};

}  // namespace detail

/// A RegNet with the stage table Stages (an array of regnet_stage), squeeze-excitation in every
/// block when Se (RegNetY; RegNetX without), on Height×Width×3: the stem (a 3×3 of stride 2 to 32
/// channels, batch norm, ReLU), the stages, the average pool and "fc".
template <const auto& Stages, bool Se, count_t Height = 224, count_t Width = Height, count_t Classes = 1000>
using regnet = network<input<Height, Width, 3>,
    named<"stem", conv_bn_act<32, 3, 2, 1, relu>>,
    detail::deferred<detail::regnet_trunk_make<Stages, Se>>,
    named<"avgpool", adaptive_avg_pool<1>>,
    flatten,
    named<"fc", dense<Classes>>>;

// torchvision 0.14's RegNets: the stages (depth, width, group width) its BlockParams.from_init_params
// computes from (depth, w_0, w_a, w_m, group_width), given in each comment.
inline constexpr regnet_stage regnet_x_400mf_stages[] = {{1, 32, 16}, {2, 64, 16}, {7, 160, 16}, {12, 400, 16}};     // 22, 24, 24.48, 2.54, 16
inline constexpr regnet_stage regnet_x_800mf_stages[] = {{1, 64, 16}, {3, 128, 16}, {7, 288, 16}, {5, 672, 16}};     // 16, 56, 35.73, 2.28, 16
inline constexpr regnet_stage regnet_x_1_6gf_stages[] = {{2, 72, 24}, {4, 168, 24}, {10, 408, 24}, {2, 912, 24}};    // 18, 80, 34.01, 2.25, 24
inline constexpr regnet_stage regnet_x_3_2gf_stages[] = {{2, 96, 48}, {6, 192, 48}, {15, 432, 48}, {2, 1008, 48}};   // 25, 88, 26.31, 2.25, 48
inline constexpr regnet_stage regnet_x_8gf_stages[] = {{2, 80, 80}, {5, 240, 120}, {15, 720, 120}, {1, 1920, 120}};  // 23, 80, 49.56, 2.88, 120
inline constexpr regnet_stage regnet_x_16gf_stages[] = {{2, 256, 128}, {6, 512, 128}, {13, 896, 128}, {1, 2048, 128}};  // 22, 216, 55.59, 2.1, 128
inline constexpr regnet_stage regnet_x_32gf_stages[] = {{2, 336, 168}, {7, 672, 168}, {13, 1344, 168}, {1, 2520, 168}};  // 23, 320, 69.86, 2.0, 168
inline constexpr regnet_stage regnet_y_400mf_stages[] = {{1, 48, 8}, {3, 104, 8}, {6, 208, 8}, {6, 440, 8}};          // 16, 48, 27.89, 2.09, 8
inline constexpr regnet_stage regnet_y_800mf_stages[] = {{1, 64, 16}, {3, 144, 16}, {8, 320, 16}, {2, 784, 16}};      // 14, 56, 38.84, 2.4, 16
inline constexpr regnet_stage regnet_y_1_6gf_stages[] = {{2, 48, 24}, {6, 120, 24}, {17, 336, 24}, {2, 888, 24}};     // 27, 48, 20.71, 2.65, 24
inline constexpr regnet_stage regnet_y_3_2gf_stages[] = {{2, 72, 24}, {5, 216, 24}, {13, 576, 24}, {1, 1512, 24}};    // 21, 80, 42.63, 2.66, 24
inline constexpr regnet_stage regnet_y_8gf_stages[] = {{2, 224, 56}, {4, 448, 56}, {10, 896, 56}, {1, 2016, 56}};     // 17, 192, 76.82, 2.19, 56
inline constexpr regnet_stage regnet_y_16gf_stages[] = {{2, 224, 112}, {4, 448, 112}, {11, 1232, 112}, {1, 3024, 112}};  // 18, 200, 106.23, 2.48, 112
inline constexpr regnet_stage regnet_y_32gf_stages[] = {{2, 232, 232}, {5, 696, 232}, {12, 1392, 232}, {1, 3712, 232}};  // 20, 232, 115.89, 2.53, 232
inline constexpr regnet_stage regnet_y_128gf_stages[] = {{2, 528, 264}, {7, 1056, 264}, {17, 2904, 264}, {1, 7392, 264}};  // 27, 456, 160.83, 2.52, 264

template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_x_400mf_at = regnet<regnet_x_400mf_stages, false, Height, Width, Classes>;
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_x_800mf_at = regnet<regnet_x_800mf_stages, false, Height, Width, Classes>;
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_x_1_6gf_at = regnet<regnet_x_1_6gf_stages, false, Height, Width, Classes>;
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_x_3_2gf_at = regnet<regnet_x_3_2gf_stages, false, Height, Width, Classes>;
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_x_8gf_at = regnet<regnet_x_8gf_stages, false, Height, Width, Classes>;
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_x_16gf_at = regnet<regnet_x_16gf_stages, false, Height, Width, Classes>;
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_x_32gf_at = regnet<regnet_x_32gf_stages, false, Height, Width, Classes>;
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_y_400mf_at = regnet<regnet_y_400mf_stages, true, Height, Width, Classes>;
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_y_800mf_at = regnet<regnet_y_800mf_stages, true, Height, Width, Classes>;
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_y_1_6gf_at = regnet<regnet_y_1_6gf_stages, true, Height, Width, Classes>;
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_y_3_2gf_at = regnet<regnet_y_3_2gf_stages, true, Height, Width, Classes>;
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_y_8gf_at = regnet<regnet_y_8gf_stages, true, Height, Width, Classes>;
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_y_16gf_at = regnet<regnet_y_16gf_stages, true, Height, Width, Classes>;
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_y_32gf_at = regnet<regnet_y_32gf_stages, true, Height, Width, Classes>;
template <count_t Height = 224, count_t Width = Height, count_t Classes = 1000> using regnet_y_128gf_at = regnet<regnet_y_128gf_stages, true, Height, Width, Classes>;

using regnet_x_400mf = regnet_x_400mf_at<>;
using regnet_x_800mf = regnet_x_800mf_at<>;
using regnet_x_1_6gf = regnet_x_1_6gf_at<>;
using regnet_x_3_2gf = regnet_x_3_2gf_at<>;
using regnet_x_8gf = regnet_x_8gf_at<>;
using regnet_x_16gf = regnet_x_16gf_at<>;
using regnet_x_32gf = regnet_x_32gf_at<>;
using regnet_y_400mf = regnet_y_400mf_at<>;
using regnet_y_800mf = regnet_y_800mf_at<>;
using regnet_y_1_6gf = regnet_y_1_6gf_at<>;
using regnet_y_3_2gf = regnet_y_3_2gf_at<>;
using regnet_y_8gf = regnet_y_8gf_at<>;
using regnet_y_16gf = regnet_y_16gf_at<>;
using regnet_y_32gf = regnet_y_32gf_at<>;
using regnet_y_128gf = regnet_y_128gf_at<>;

}  // namespace netshape::zoo
