// Pooling against issue 2's definitions, recomputed here by enumerating window positions:
// floor mode keeps windows that end inside the padded input; ceil_mode also keeps windows that
// overhang on the right as long as they start inside the input or its left padding (PyTorch).
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <utility>

#include <netshape/netshape.hpp>

namespace ns = netshape;
using ns::count_t;

namespace {

constexpr count_t positions(count_t in, count_t k, count_t s, count_t p, count_t d, bool ceil) {
    const count_t span = d * (k - 1) + 1, room = in + 2 * p - span;
    count_t n = 0;
    for (count_t i = 0;; ++i) {
        const count_t offset = i * s, start = offset - p;
        const bool keep = ceil ? (offset < room + s && start < in) : offset <= room;
        if (!keep) break;
        ++n;
    }
    return n;
}

struct pool_case {
    count_t h, w, c, kh, kw, sh, sw, ph, pw, dh, dw;
    bool ceil, max;
};

constexpr std::size_t grid_size = 120;
constexpr std::array<pool_case, grid_size> grid = [] {
    std::array<pool_case, grid_size> out{};
    std::size_t n = 0;
    const count_t sizes[] = {1, 2, 3, 6, 7, 9, 14};
    for (count_t i = 0; n < grid_size; ++i) {
        pool_case c{};
        c.h = sizes[i % 7];
        c.w = sizes[(i / 7 + 3 * i) % 7];
        c.c = 1 + i % 5;
        c.kh = 1 + i % 4;
        c.kw = 1 + (i / 4) % 3;
        c.sh = 1 + (i / 3) % 3;
        c.sw = 1 + (i / 5) % 2;
        c.ph = (i / 2) % 2 <= c.kh / 2 ? (i / 2) % 2 : 0;
        c.pw = (i / 6) % 2 <= c.kw / 2 ? (i / 6) % 2 : 0;
        c.max = i % 3 != 0;
        c.dh = c.max ? 1 + (i / 8) % 2 : 1;
        c.dw = c.max ? 1 + (i / 10) % 2 : 1;
        c.ceil = (i / 2) % 2 == 1;
        if (positions(c.h, c.kh, c.sh, c.ph, c.dh, c.ceil) > 0 && positions(c.w, c.kw, c.sw, c.pw, c.dw, c.ceil) > 0)
            out[n++] = c;
    }
    return out;
}();

template <std::size_t I, bool Ceil = grid[I].ceil>
struct pool_layer;
template <std::size_t I>
struct pool_layer<I, true> {
    static constexpr pool_case c = grid[I];
    using type = std::conditional_t<c.max,
        ns::max_pool<ns::hw{c.kh, c.kw}, ns::stride<c.sh, c.sw>, ns::pad<c.ph, c.pw>, ns::dilation<c.dh, c.dw>, ns::ceil_mode>,
        ns::avg_pool<ns::hw{c.kh, c.kw}, ns::stride<c.sh, c.sw>, ns::pad<c.ph, c.pw>, ns::ceil_mode>>;
};
template <std::size_t I>
struct pool_layer<I, false> {
    static constexpr pool_case c = grid[I];
    using type = std::conditional_t<c.max,
        ns::max_pool<ns::hw{c.kh, c.kw}, ns::stride<c.sh, c.sw>, ns::pad<c.ph, c.pw>, ns::dilation<c.dh, c.dw>>,
        ns::avg_pool<ns::hw{c.kh, c.kw}, ns::stride<c.sh, c.sw>, ns::pad<c.ph, c.pw>>>;
};

template <std::size_t I>
constexpr bool pool_agrees() {
    constexpr pool_case c = grid[I];
    using net = ns::network<ns::input<c.h, c.w, c.c>, typename pool_layer<I>::type>;
    const count_t oh = positions(c.h, c.kh, c.sh, c.ph, c.dh, c.ceil);
    const count_t ow = positions(c.w, c.kw, c.sw, c.pw, c.dw, c.ceil);
    const auto& r = ns::layers<net>[0];
    return ns::output_shape<net> == ns::shape{oh, ow, c.c} && ns::params<net> == 0 && ns::macs<net> == 0 &&
           ns::buffers<net> == 0 && ns::activations<net> == c.h * c.w * c.c + oh * ow * c.c &&
           r.kind == (c.max ? ns::kind::max_pool : ns::kind::avg_pool) && r.ceil == c.ceil &&
           ns::receptive_field<net> == ns::field{c.dh * (c.kh - 1) + 1, c.dw * (c.kw - 1) + 1, c.sh, c.sw};
}

template <std::size_t... I>
constexpr bool all_agree(std::index_sequence<I...>) {
    return (pool_agrees<I>() && ...);
}

}  // namespace

static_assert(all_agree(std::make_index_sequence<grid_size>{}));

static_assert([] {
    bool ceil_differs = false, ceil_last_window_dropped = false, overhang = false;
    for (const pool_case& c : grid) {
        const count_t floor_h = positions(c.h, c.kh, c.sh, c.ph, c.dh, false);
        ceil_differs |= c.ceil && positions(c.h, c.kh, c.sh, c.ph, c.dh, true) != floor_h;
        overhang |= c.ceil && c.h + 2 * c.ph < c.dh * (c.kh - 1) + 1;
    }
    // PyTorch's rule in action: ceil would give 3 windows but the third would start in the right pad.
    ceil_last_window_dropped = positions(5, 2, 2, 1, 1, true) == 3 && (5 + 2 * 1 - 2 + 2 - 1) / 2 + 1 == 4;
    return ceil_differs && ceil_last_window_dropped && overhang;
}());

// Defaults: stride = kernel (PyTorch).
using default_stride = ns::network<ns::input<7, 7, 3>, ns::max_pool<2>>;
static_assert(ns::output_shape<default_stride> == ns::shape{3, 3, 3});
static_assert(ns::layers<default_stride>[0].stride == ns::hw{2, 2});
using default_stride_ceil = ns::network<ns::input<7, 7, 3>, ns::max_pool<2, ns::ceil_mode>>;
static_assert(ns::output_shape<default_stride_ceil> == ns::shape{4, 4, 3});
// The corner case: 5 wide, kernel 2, stride 2, pad 1, ceil_mode: 3 windows, not 4.
using dropped = ns::network<ns::input<5, 5, 1>, ns::max_pool<2, ns::stride<2>, ns::pad<1>, ns::ceil_mode>>;
static_assert(ns::output_shape<dropped> == ns::shape{3, 3, 1});
// GoogLeNet's stem: 112 → 56 with 3/2 ceil_mode; AlexNet's 55 → 27 without.
static_assert(ns::output_shape<ns::network<ns::input<112, 112, 64>, ns::max_pool<3, ns::stride<2>, ns::ceil_mode>>> ==
              ns::shape{56, 56, 64});
static_assert(ns::output_shape<ns::network<ns::input<55, 55, 96>, ns::max_pool<3, ns::stride<2>>>> == ns::shape{27, 27, 96});

// Adaptive pooling: output size as asked, whatever the input; global pooling to 1×1.
namespace {
/// Largest adaptive window: window i spans [floor(i·in/out), ceil((i+1)·in/out)).
constexpr count_t widest(count_t in, count_t out) {
    count_t best = 0;
    for (count_t i = 0; i < out; ++i) {
        const count_t lo = i * in / out, hi = ((i + 1) * in + out - 1) / out;
        best = hi - lo > best ? hi - lo : best;
    }
    return best;
}
template <count_t In, count_t Out>
constexpr bool adaptive_ok() {
    using net = ns::network<ns::input<In, In + 1, 3>, ns::adaptive_avg_pool<Out, Out + 1>>;
    using net_max = ns::network<ns::input<In, In + 1, 3>, ns::adaptive_max_pool<Out>>;
    return ns::output_shape<net> == ns::shape{Out, Out + 1, 3} && ns::output_shape<net_max> == ns::shape{Out, Out, 3} &&
           ns::receptive_field<net>.height == widest(In, Out) && ns::receptive_field<net>.width == widest(In + 1, Out + 1) &&
           ns::params<net> == 0 && ns::activations<net> == In * (In + 1) * 3 + Out * (Out + 1) * 3;
}
}  // namespace
static_assert(adaptive_ok<7, 1>() && adaptive_ok<7, 7>() && adaptive_ok<14, 7>() && adaptive_ok<10, 3>() && adaptive_ok<5, 6>());
static_assert(ns::output_shape<ns::network<ns::input<13, 9, 8>, ns::global_avg_pool>> == ns::shape{1, 1, 8});
static_assert(ns::output_shape<ns::network<ns::input<13, 9, 8>, ns::global_max_pool>> == ns::shape{1, 1, 8});
static_assert(ns::receptive_field<ns::network<ns::input<13, 9, 8>, ns::global_avg_pool>>.height == 13);

TEST_CASE("pool window count: the enumeration above equals issue 2's formula with PyTorch's ceil rule") {
    for (count_t in = 1; in <= 16; ++in)
        for (count_t k = 1; k <= 5; ++k)
            for (count_t s = 1; s <= 4; ++s)
                for (count_t p = 0; p <= k / 2; ++p)
                    for (count_t d = 1; d <= 2; ++d)
                        for (bool ceil : {false, true}) {
                            const count_t room = in + 2 * p - d * (k - 1) - 1;
                            if (room < 0) continue;
                            count_t out = (ceil ? (room + s - 1) / s : room / s) + 1;
                            if (ceil && (out - 1) * s >= in + p) --out;
                            CHECK(positions(in, k, s, p, d, ceil) == out);
                        }
}

// Adaptive pooling is O(1) an axis, whatever the sizes: PyTorch's largest (2^31 − 1) and five
// branches of hundreds of thousands of rows compile at the compilers' default limits.
using adaptive_long = ns::network<ns::input<600'001, 1, 1>, ns::adaptive_avg_pool<300'000, 1>>;
static_assert(ns::output_shape<adaptive_long> == ns::shape{300'000, 1, 1});
static_assert(ns::receptive_field<adaptive_long>.jump_height == ns::fraction(600'001, 300'000));
template <count_t Rows>
using adaptive_and_back = ns::sequential<ns::adaptive_avg_pool<Rows, 1>, ns::adaptive_max_pool<1, 1>>;
using adaptive_five = ns::network<ns::input<2'147'483'647, 1, 1>,
    ns::concat<adaptive_and_back<300'000>, adaptive_and_back<300'001>, adaptive_and_back<299'999>,
               adaptive_and_back<1'000'000'000>, adaptive_and_back<2'147'483'647>>>;
static_assert(ns::output_shape<adaptive_five> == ns::shape{1, 1, 5});
static_assert(ns::params<adaptive_five> == 0 && ns::macs<adaptive_five> == 0);
