// netshape/zoo/densenet.hpp: DenseNet (Huang et al. 2017), as torchvision builds it.
//
// A dense layer concatenates its input with its own Growth new channels, so a block of N layers
// adds N·Growth channels; transitions between blocks halve channels and size.
#pragma once

#include <cstddef>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

/// A dense layer: the input, concatenated with BN-ReLU-1×1 (4·Growth) then BN-ReLU-3×3 (Growth).
/// It does not depend on its input's width, so every dense layer of a network is one type.
template <count_t Growth>
using dense_layer = concat<
    identity,
    sequential<
        named<"norm1", batch_norm>,
        named<"relu1", relu>,
        named<"conv1", conv2d<4 * Growth, 1, no_bias>>,
        named<"norm2", batch_norm>,
        named<"relu2", relu>,
        named<"conv2", conv2d<Growth, 3, pad<1>, no_bias>>>>;

/// A transition: BN-ReLU, a 1×1 convolution to Out channels, a 2×2 average pool.
template <count_t Out>
using transition = sequential<
    named<"norm", batch_norm>,
    named<"relu", relu>,
    named<"conv", conv2d<Out, 1, no_bias>>,
    named<"pool", avg_pool<2, stride<2>>>>;

namespace detail {
template <count_t Growth, std::size_t... L>
auto dense_block(std::index_sequence<L...>) -> sequential<named<numbered<"denselayer", static_cast<count_t>(L + 1)>, dense_layer<Growth>>...>;

/// A dense block of Count layers ("denselayer1" ...).
template <count_t Growth, count_t Count>
struct dense_block_make {
    using type = decltype(dense_block<Growth>(std::make_index_sequence<static_cast<std::size_t>(Count)>{}));
};
template <count_t Growth, count_t Count>
using dense_block_of = deferred<dense_block_make<Growth, Count>>;

template <count_t Growth, class Blocks, count_t Init, count_t Height, count_t Width, count_t Classes>
struct densenet_network;
template <count_t Growth, count_t N1, count_t N2, count_t N3, count_t N4, count_t Init, count_t Height, count_t Width,
          count_t Classes>
struct densenet_network<Growth, blocks<N1, N2, N3, N4>, Init, Height, Width, Classes> {
    // Channels after each block and transition (torchvision halves with integer division).
    static constexpr count_t c1 = Init + N1 * Growth, t1 = c1 / 2;
    static constexpr count_t c2 = t1 + N2 * Growth, t2 = c2 / 2;
    static constexpr count_t c3 = t2 + N3 * Growth, t3 = c3 / 2;
    using type = network<input<Height, Width, 3>,
        named<"features", sequential<
            named<"conv0", conv2d<Init, 7, stride<2>, pad<3>, no_bias>>,
            named<"norm0", batch_norm>,
            named<"relu0", relu>,
            named<"pool0", max_pool<3, stride<2>, pad<1>>>,
            named<"denseblock1", dense_block_of<Growth, N1>>,
            named<"transition1", transition<t1>>,
            named<"denseblock2", dense_block_of<Growth, N2>>,
            named<"transition2", transition<t2>>,
            named<"denseblock3", dense_block_of<Growth, N3>>,
            named<"transition3", transition<t3>>,
            named<"denseblock4", dense_block_of<Growth, N4>>,
            named<"norm5", batch_norm>>>,
        relu,
        adaptive_avg_pool<1>,
        flatten,
        named<"classifier", dense<Classes>>>;
};
}  // namespace detail

/// DenseNet with growth rate Growth, blocks<N1, N2, N3, N4> layers per dense block and Init
/// channels from the stem, on Height×Width×3.
template <count_t Growth, class Blocks, count_t Init = 64, count_t Height = 224, count_t Width = Height,
          count_t Classes = 1000>
using densenet = typename detail::densenet_network<Growth, Blocks, Init, Height, Width, Classes>::type;

using densenet121 = densenet<32, blocks<6, 12, 24, 16>>;
using densenet169 = densenet<32, blocks<6, 12, 32, 32>>;
using densenet201 = densenet<32, blocks<6, 12, 48, 32>>;
using densenet161 = densenet<48, blocks<6, 12, 36, 24>, 96>;

}  // namespace netshape::zoo
