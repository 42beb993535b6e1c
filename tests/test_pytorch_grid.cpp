// netshape against PyTorch itself: output sizes of conv2d, max_pool and avg_pool for a grid of
// inputs, kernels, strides, pads, dilations and ceil_mode (non-square on every axis), measured by
// tools/pytorch_layer_reference.py. Where PyTorch raised an error netshape must reject too.
#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <tuple>

#include <netshape/netshape.hpp>

#include "data/pytorch_layer_grid.hpp"

namespace ns = netshape;

namespace {

// The interpreter's per-layer step on one configuration (the same function every network uses).
struct outcome {
    ns::rule broken;
    ns::shape output;
};

constexpr outcome run(const pytorch_grid::window_case& c) {
    ns::layer_record r{};
    r.kind = c.what;
    r.units = 1;
    r.kernel = ns::hw{c.k_h, c.k_w};
    r.stride = ns::hw{c.s_h, c.s_w};
    r.pad = ns::hw{c.p_h, c.p_w};
    r.dilation = ns::hw{c.d_h, c.d_w};
    r.ceil = c.ceil;
    r.info = ns::info_of(c.what);
    r.input_shape = ns::shape{c.in_h, c.in_w, 1};
    const ns::rule broken = ns::detail::apply(r, r);  // the record is its own spec
    return {broken, r.output_shape};
}

constexpr bool agrees(const pytorch_grid::window_case& c) {
    const outcome o = run(c);
    if (c.out_h < 0) return o.broken != ns::rule::none;
    return o.broken == ns::rule::none && o.output == ns::shape{c.out_h, c.out_w, 1};
}

template <class... Case>
constexpr bool networks_agree(std::tuple<Case...>*) {
    return ((ns::output_shape<typename Case::net> == ns::shape{Case::out_h, Case::out_w, 1} &&
             ns::layers<typename Case::net>[0].output_shape == ns::shape{Case::out_h, Case::out_w, 1}) &&
            ...);
}

}  // namespace

// Whole networks, at compile time.
static_assert(networks_agree(static_cast<pytorch_grid::nets*>(nullptr)));

TEST_CASE("every grid configuration agrees with PyTorch (output size, or rejection)") {
    std::size_t valid = 0, rejected = 0, ceil_cases = 0;
    for (const auto& c : pytorch_grid::cases) {
        const outcome o = run(c);
        INFO("kind ", std::string(ns::name_of(c.what)), " in ", c.in_h, "x", c.in_w, " k ", c.k_h, "x", c.k_w, " s ", c.s_h, "x",
             c.s_w, " p ", c.p_h, "x", c.p_w, " d ", c.d_h, "x", c.d_w, " ceil ", c.ceil, " torch ", c.out_h, "x",
             c.out_w, " netshape ", o.output.height, "x", o.output.width, " rule ", std::string(ns::message(o.broken)));
        CHECK(agrees(c));
        (c.out_h < 0 ? rejected : valid) += 1;
        ceil_cases += c.ceil ? 1 : 0;
    }
    // The grid really exercises both outcomes and ceil_mode (a grid of only errors would prove little).
    CHECK(valid > 1000);
    CHECK(rejected > 500);
    CHECK(ceil_cases > 1000);
}

TEST_CASE("ceil_mode cases where PyTorch keeps a window overhanging the padded input") {
    // Found by this grid: MaxPool2d(3, stride=2, ceil_mode=True) maps 2x2 to 1x1 although the window
    // is wider than the input; netshape used to reject these as "kernel larger than the padded input".
    std::size_t overhanging = 0;
    for (const auto& c : pytorch_grid::cases) {
        const ns::count_t span = c.d_h * (c.k_h - 1) + 1;
        if (c.ceil && c.out_h > 0 && c.in_h + 2 * c.p_h < span) {
            ++overhanging;
            CHECK(agrees(c));
        }
    }
    CHECK(overhanging > 0);
}
