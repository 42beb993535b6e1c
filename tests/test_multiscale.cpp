// Token grids (issue 15's MViT kinds): multiscale_attention, grid_max_pool and
// separable_position_embedding against torchvision's own MultiscaleAttention, Pool(MaxPool3d) and
// PositionalEncoding on grids of unusual sizes (tests/data/pytorch_multiscale.hpp, written by
// tools/pytorch_multiscale_reference.py: every figure is what PyTorch returned), and their rules
// against exact formulas.
#include <doctest/doctest.h>

#include <cstddef>
#include <iterator>
#include <type_traits>
#include <utility>

#include <netshape/netshape.hpp>

#include "data/pytorch_multiscale.hpp"

namespace ns = netshape;
using ns::count_t;
using ns::dhw;

namespace {

constexpr dhw grid(pytorch_multiscale::thw g) { return dhw{g.t, g.h, g.w}; }
constexpr count_t tokens(pytorch_multiscale::thw g) { return g.t * g.h * g.w; }

template <std::size_t I, class... Options>
using attention_with = ns::multiscale_attention<
    pytorch_multiscale::attention[I].heads, pytorch_multiscale::attention[I].out, grid(pytorch_multiscale::attention[I].grid),
    grid(pytorch_multiscale::attention[I].kernel_q), grid(pytorch_multiscale::attention[I].stride_q),
    grid(pytorch_multiscale::attention[I].kernel_kv), grid(pytorch_multiscale::attention[I].stride_kv), Options...>;

/// Case I's layer, with the options its flags give.
template <std::size_t I, bool Residual = pytorch_multiscale::attention[I].residual_pool,
          bool Relative = pytorch_multiscale::attention[I].relative_position>
struct attention_of {
    using type = std::conditional_t<Residual,
        std::conditional_t<Relative, attention_with<I, ns::residual_pool, ns::relative_position>, attention_with<I, ns::residual_pool>>,
        std::conditional_t<Relative, attention_with<I, ns::relative_position>, attention_with<I>>>;
};

template <std::size_t I>
constexpr bool attention_agrees() {
    constexpr auto c = pytorch_multiscale::attention[I];
    using net = ns::network<ns::input_sequence<1 + tokens(c.grid), c.in>, typename attention_of<I>::type>;
    const ns::layer_record& r = ns::layers<net>[0];
    const auto& m = c.measured;
    const bool pooled = ns::detail::pools(grid(c.kernel_q), grid(c.stride_q));
    const dhw after = pooled ? ns::detail::pooled_grid(grid(c.grid), grid(c.kernel_q), grid(c.stride_q)) : grid(c.grid);
    return r.weights == m.weights && r.biases == m.biases && r.macs == m.macs &&
           r.output_shape == ns::shape::sequence(m.length, m.channels) && after == grid(m.grid);
}

template <std::size_t I>
constexpr bool pool_agrees() {
    constexpr auto c = pytorch_multiscale::pools[I];
    using net = ns::network<ns::input_sequence<1 + tokens(c.grid), c.channels>,
                            ns::grid_max_pool<grid(c.grid), grid(c.kernel), grid(c.stride), grid(c.pad)>>;
    const ns::layer_record& r = ns::layers<net>[0];
    const auto& m = c.measured;
    return r.params == m.weights + m.biases && r.macs == m.macs && r.output_shape == ns::shape::sequence(m.length, m.channels) &&
           m.length == 1 + tokens(m.grid);
}

/// PositionalEncoding's class token and tables: class_token, then separable_position_embedding.
template <std::size_t I>
constexpr bool position_agrees() {
    constexpr auto c = pytorch_multiscale::positions[I];
    using net = ns::network<ns::input_sequence<tokens(c.grid), c.channels>, ns::class_token,
                            ns::separable_position_embedding<grid(c.grid)>>;
    const auto& m = c.measured;
    return ns::weights<net> == m.weights && ns::biases<net> == m.biases && ns::macs<net> == m.macs &&
           ns::output_shape<net> == ns::shape::sequence(m.length, m.channels);
}

template <std::size_t... I>
constexpr bool all_attention(std::index_sequence<I...>) { return (attention_agrees<I>() && ...); }
template <std::size_t... I>
constexpr bool all_pools(std::index_sequence<I...>) { return (pool_agrees<I>() && ...); }
template <std::size_t... I>
constexpr bool all_positions(std::index_sequence<I...>) { return (position_agrees<I>() && ...); }

constexpr std::size_t attention_cases = std::size(pytorch_multiscale::attention);
constexpr std::size_t pool_cases = std::size(pytorch_multiscale::pools);
constexpr std::size_t position_cases = std::size(pytorch_multiscale::positions);

}  // namespace

static_assert(attention_cases == 11 && pool_cases == 4 && position_cases == 3);
static_assert(all_attention(std::make_index_sequence<attention_cases>{}));
static_assert(all_pools(std::make_index_sequence<pool_cases>{}));
static_assert(all_positions(std::make_index_sequence<position_cases>{}));

// Exact formulas, one case worked by hand: 12 → 18 channels, 3 heads (head_dim 6), grid 3×7×5 with a
// class token (L = 106), q pooled 3×3×3/1×2×2 → 3×4×3 (Nq 36, Lq 37), kv 3×3×3/1×2×3 → 3×4×2 (Nk 24,
// Lk 25), relative positions: S = 7, 2·max(7 // 2, 7 // 2) − 1 = 5 rows for h and w, 2·3 − 1 = 5 for t.
using worked = ns::network<ns::input_sequence<106, 12>,
                           ns::multiscale_attention<3, 18, dhw{3, 7, 5}, 3, dhw{1, 2, 2}, 3, dhw{1, 2, 3}, ns::relative_position>>;
static_assert(ns::output_shape<worked> == ns::shape::sequence(37, 18));
static_assert(ns::weights<worked> == 3 * 12 * 18 + 18 * 18 + 3 * (6 * 27 + 6) + 6 * (5 + 5 + 5));
static_assert(ns::biases<worked> == 4 * 18 + 3 * 6);
static_assert(ns::macs<worked> == 106 * 12 * 54             // qkv
                                      + 18 * 36 * 27 + 2 * 18 * 24 * 27  // the depthwise pools
                                      + 2 * 18 * 37 * 25           // Q·Kᵀ, A·V
                                      + 37 * 18 * 18               // project
                                      + 18 * 36 * (3 + 4 + 2));    // relative positions: Tk + Hk + Wk
// residual_pool moves no figure; no_bias drops the linears' biases, not the pools' norms'.
using worked_residual = ns::network<ns::input_sequence<106, 12>,
    ns::multiscale_attention<3, 18, dhw{3, 7, 5}, 3, dhw{1, 2, 2}, 3, dhw{1, 2, 3}, ns::relative_position, ns::residual_pool>>;
static_assert(ns::params<worked_residual> == ns::params<worked> && ns::macs<worked_residual> == ns::macs<worked>);
using worked_no_bias = ns::network<ns::input_sequence<106, 12>,
    ns::multiscale_attention<3, 18, dhw{3, 7, 5}, 3, dhw{1, 2, 2}, 3, dhw{1, 2, 3}, ns::relative_position, ns::no_bias>>;
static_assert(ns::biases<worked_no_bias> == 3 * 6 && ns::weights<worked_no_bias> == ns::weights<worked>);
// Without a class token the grid is the whole sequence: Lq = Nq, Lk = Nk.
using no_class = ns::network<ns::input_sequence<105, 12>, ns::multiscale_attention<3, 18, dhw{3, 7, 5}, 3, dhw{1, 2, 2}, 3, dhw{1, 2, 3}>>;
static_assert(ns::output_shape<no_class> == ns::shape::sequence(36, 18));
static_assert(ns::macs<no_class> == 105 * 12 * 54 + 18 * 36 * 27 + 2 * 18 * 24 * 27 + 2 * 18 * 36 * 24 + 36 * 18 * 18);
// Kernel and stride 1 everywhere: plain multi-head self-attention with Cin → D (nn.MultiheadAttention when D = Cin).
using plain = ns::network<ns::input_sequence<10, 8>, ns::multiscale_attention<2, 8, dhw{1, 3, 3}, 1, 1, 1, 1>>;
using mha = ns::network<ns::input_sequence<10, 8>, ns::multi_head_attention<2>>;
static_assert(ns::params<plain> == ns::params<mha> && ns::macs<plain> == ns::macs<mha>);
static_assert(ns::output_shape<plain> == ns::output_shape<mha>);
// grid_max_pool: the class token passed on, the grid pooled as MaxPool3d pools a volume; without a
// class token the grid alone; stride defaults to the kernel.
using pooled = ns::network<ns::input_sequence<1 + 4 * 9 * 10, 3>, ns::grid_max_pool<dhw{4, 9, 10}, dhw{1, 3, 3}, dhw{1, 2, 2}, dhw{0, 1, 1}>>;
static_assert(ns::output_shape<pooled> == ns::shape::sequence(1 + 4 * 5 * 5, 3) && ns::params<pooled> == 0);
static_assert(ns::output_shape<ns::network<ns::input_sequence<4 * 9 * 10, 3>, ns::grid_max_pool<dhw{4, 9, 10}, 2>>> ==
              ns::shape::sequence(2 * 4 * 5, 3));
static_assert(ns::output_shape<ns::network<ns::input_volume<4, 9, 10, 3>, ns::max_pool3d<2>>> == ns::shape::volume(2, 4, 5, 3));
// separable_position_embedding: (H·W + T + 1)·C with a class token, (H·W + T)·C without.
static_assert(ns::params<ns::network<ns::input_sequence<1 + 2 * 3 * 4, 5>, ns::separable_position_embedding<dhw{2, 3, 4}>>> ==
              (3 * 4 + 2 + 1) * 5);
static_assert(ns::params<ns::network<ns::input_sequence<2 * 3 * 4, 5>, ns::separable_position_embedding<dhw{2, 3, 4}>>> ==
              (3 * 4 + 2) * 5);
// to_tokens reads a volume frame by frame: D·H·W tokens, a view.
static_assert(ns::output_shape<ns::network<ns::input_volume<3, 4, 5, 6>, ns::to_tokens>> == ns::shape::sequence(60, 6));
static_assert(ns::activations<ns::network<ns::input_volume<3, 4, 5, 6>, ns::to_tokens>> ==
              ns::activations<ns::network<ns::input_volume<3, 4, 5, 6>>>);
// Every grid kind's output is a new tensor: its elements are activations.
static_assert(ns::activations<worked> == ns::activations<ns::network<ns::input_sequence<106, 12>>> + 37 * 18);
static_assert(ns::activations<pooled> == ns::activations<ns::network<ns::input_sequence<1 + 4 * 9 * 10, 3>>> + (1 + 4 * 5 * 5) * 3);

TEST_CASE("multiscale_attention, grid_max_pool and separable_position_embedding equal torchvision's modules") {
    CHECK(all_attention(std::make_index_sequence<attention_cases>{}));
    CHECK(all_pools(std::make_index_sequence<pool_cases>{}));
    CHECK(all_positions(std::make_index_sequence<position_cases>{}));
}

// The descriptions the printer shows (capacity permitting: text keeps what fits).
static_assert(ns::description(ns::layers<worked_residual>[0]) ==
              "multiscale attention 18, 3 heads on 3×7×5, q 3×3×3/1×2×2, kv 3×3×3/1×2×3, residual pool, relative positions");
static_assert(ns::description(ns::layers<pooled>[0]) == "grid max pool 1×3×3/1×2×2, pad 0×1×1 on 4×9×10");
static_assert(ns::description(ns::layers<ns::network<ns::input_sequence<25, 2>, ns::separable_position_embedding<dhw{1, 4, 6}>>>[0]) ==
              "space-time position embedding 1×4×6");
