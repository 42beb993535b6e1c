// netshape against PyTorch for the kinds of issue 13: every figure of tests/data/pytorch_kinds.hpp
// is what a PyTorch module returned (tools/pytorch_kind_reference.py); where PyTorch raised an
// error netshape must reject too. Receptive fields are checked against the spans PyTorch's own
// layers show (one-hot inputs), with the jump divided exactly.
#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <tuple>

#include <netshape/netshape.hpp>

#include "data/pytorch_kinds.hpp"

namespace ns = netshape;
using ns::count_t;

namespace {

// The interpreter's per-layer step (the same function every network uses) on a layer of kind k with
// input `in`, its spec set by `set`: the record is its own spec.
template <class Set>
constexpr ns::layer_record run(ns::kind k, ns::shape in, ns::rule& broken, Set set) {
    ns::layer_record r{};
    r.kind = k;
    r.info = ns::info_of(k);
    r.bias = false;
    set(r);
    r.input_shape = in;
    broken = ns::detail::apply(r, r);
    return r;
}

constexpr ns::layer_record run_transposed(const pytorch_kinds::transposed_case& c, ns::rule& broken) {
    return run(ns::kind::conv_transpose2d, ns::shape{c.in_h, c.in_w, c.c}, broken, [&c](ns::layer_record& r) {
        r.units = c.f;
        r.kernel = ns::hw{c.k_h, c.k_w};
        r.stride = ns::hw{c.s_h, c.s_w};
        r.pad = ns::hw{c.p_h, c.p_w};
        r.output_padding = ns::hw{c.op_h, c.op_w};
        r.dilation = ns::hw{c.d_h, c.d_w};
        r.groups = c.groups;
        r.bias = c.bias;
    });
}

// The span of pytorch_kinds::transposed_spans for (k, s, d), or 0.
constexpr count_t measured_span(count_t k, count_t s, count_t d) {
    for (const auto& m : pytorch_kinds::transposed_spans)
        if (m.k == k && m.s == s && m.d == d) return m.span;
    return 0;
}

constexpr bool agrees(const pytorch_kinds::transposed_case& c) {
    ns::rule broken{};
    const ns::layer_record r = run_transposed(c, broken);
    if (c.out_h < 0) return broken != ns::rule::none;
    const ns::field f = r.receptive_field;
    return broken == ns::rule::none && r.output_shape == ns::shape{c.out_h, c.out_w, c.f} && r.weights == c.weights &&
           r.biases == c.biases && r.macs == c.macs && f.height == measured_span(c.k_h, c.s_h, c.d_h) &&
           f.width == measured_span(c.k_w, c.s_w, c.d_w) && f.jump_height == ns::fraction(1, c.s_h) &&
           f.jump_width == ns::fraction(1, c.s_w);
}

// The span rule of conv_transpose2d against every measured (kernel, stride, dilation).
constexpr bool spans_agree() {
    for (const auto& m : pytorch_kinds::transposed_spans)
        if (ns::detail::transposed_span(m.k, m.s, m.d) != m.span) return false;
    return true;
}

// upsample and resize: the interpreter's step on one configuration of pytorch_kinds::interpolations.
constexpr ns::layer_record run_interpolation(const pytorch_kinds::interpolation_case& c, ns::rule& broken) {
    return run(c.what, ns::shape{c.in_h, c.in_w, c.c}, broken, [&c](ns::layer_record& r) {
        (c.what == ns::kind::upsample ? r.stride : r.kernel) = ns::hw{c.a_h, c.a_w};
        r.mode = static_cast<unsigned char>((c.bilinear ? ns::detail::bilinear_bit : 0) |
                                            (c.align_corners ? ns::detail::align_corners_bit : 0));
    });
}

// A measured jump (0/0: not measurable, one output) against netshape's.
constexpr bool jump_agrees(count_t numerator, count_t denominator, ns::fraction jump) {
    return denominator == 0 || jump == ns::fraction(numerator, denominator);
}

constexpr bool agrees(const pytorch_kinds::interpolation_case& c) {
    ns::rule broken{};
    const ns::layer_record r = run_interpolation(c, broken);
    if (c.out_h < 0) return broken != ns::rule::none;
    const ns::field f = r.receptive_field;
    return broken == ns::rule::none && r.output_shape == ns::shape{c.out_h, c.out_w, c.out_c} &&
           r.weights + r.biases == c.params && r.buffers == c.buffers && r.macs == 0 && f.height == c.span_h &&
           f.width == c.span_w && jump_agrees(c.jump_h_num, c.jump_h_den, f.jump_height) &&
           jump_agrees(c.jump_w_num, c.jump_w_den, f.jump_width);
}

// pixel_shuffle and pixel_unshuffle: the interpreter's step on one configuration.
constexpr ns::layer_record run_pixels(const pytorch_kinds::pixel_case& c, ns::rule& broken) {
    return run(c.what, ns::shape{c.h, c.w, c.c}, broken, [&c](ns::layer_record& r) { r.units = c.factor; });
}

constexpr bool agrees(const pytorch_kinds::pixel_case& c) {
    ns::rule broken{};
    const ns::layer_record r = run_pixels(c, broken);
    if (c.out_h < 0) return broken != ns::rule::none;
    const ns::field f = r.receptive_field;
    return broken == ns::rule::none && r.output_shape == ns::shape{c.out_h, c.out_w, c.out_c} &&
           r.weights + r.biases == c.params && r.buffers == c.buffers && r.macs == 0 && f.height == c.span &&
           f.width == c.span && f.jump_height == ns::fraction(c.jump_num, c.jump_den) && f.jump_width == f.jump_height;
}

// group_norm and instance_norm on one example of the rank PyTorch was given (the batch is not a
// figure: PyTorch was measured on two, since GroupNorm refuses a group of one value per batch).
constexpr ns::shape norm_input(int rank, count_t c) {
    return rank == 1 ? ns::shape::vector(c)
           : rank == 2 ? ns::shape::sequence(7, c)
           : rank == 3 ? ns::shape{5, 3, c}
                       : ns::shape::volume(2, 3, 4, c);
}

// An element-wise kind against PyTorch: rejected where PyTorch raised, otherwise the input's shape,
// PyTorch's counts, no MACs and no receptive field.
template <class Case>
constexpr bool same_shape_as_pytorch(const Case& c, ns::rule broken, const ns::layer_record& r) {
    if (c.same_shape < 0) return broken != ns::rule::none;
    return broken == ns::rule::none && c.same_shape == 1 && r.output_shape == r.input_shape && r.weights == c.weights &&
           r.biases == c.biases && r.buffers == c.buffers && r.macs == 0 && r.receptive_field == ns::field{};
}

constexpr bool agrees(const pytorch_kinds::norm_case& c) {
    ns::rule broken{};
    const ns::layer_record r = run(c.what, norm_input(c.rank, c.c), broken, [&c](ns::layer_record& n) {
        if (c.what == ns::kind::group_norm) n.groups = c.arg;
        else n.mode = static_cast<unsigned char>(c.arg);  // bit 0 affine, bit 1 track_running_stats
    });
    return same_shape_as_pytorch(c, broken, r);
}

// prelu (nn.PReLU(arg)) and the element-wise functions of issue 19 on the same inputs as the norms.
constexpr bool agrees(const pytorch_kinds::activation_case& c) {
    ns::rule broken{};
    const ns::layer_record r = run(c.what, norm_input(c.rank, c.c), broken, [&c](ns::layer_record& n) {
        n.units = c.arg;
        n.fn = c.fn;
    });
    return same_shape_as_pytorch(c, broken, r);
}

// zero_pad (nn.ZeroPad2d; negative counts crop): output size, or a rejection where PyTorch raised.
constexpr bool agrees(const pytorch_kinds::zero_pad_case& c) {
    ns::rule broken{};
    const ns::layer_record r = run(ns::kind::zero_pad, ns::shape{c.h, c.w, 3}, broken, [&c](ns::layer_record& n) {
        n.pad = ns::hw{c.top, c.left};
        n.output_padding = ns::hw{c.bottom, c.right};
    });
    if (c.out_h < 0) return broken != ns::rule::none;
    return broken == ns::rule::none && c.kept_ones && r.output_shape == ns::shape{c.out_h, c.out_w, c.out_c} &&
           r.params == c.params && r.macs == 0 && r.receptive_field == ns::field{};
}

// neg_inf_pad (F.pad(value=-inf); negative counts crop), then max_pool and avg_pool<..., exclude_pad>
// on its output: each stage's size, or a rejection where PyTorch raised; where the max pool's
// outputs are all finite (no window of padding alone) the padded size is also the exact formula of
// ONNX's MaxPool with pads (top, left, bottom, right) and symmetric p:
// (H + top + bottom + 2p − k) / s + 1 (floor; PyTorch's ceil_mode rule otherwise).
constexpr bool agrees(const pytorch_kinds::neg_inf_pool_case& c) {
    ns::rule broken{};
    const ns::layer_record pad = run(ns::kind::neg_inf_pad, ns::shape{c.h, c.w, 3}, broken, [&c](ns::layer_record& n) {
        n.pad = ns::hw{c.top, c.left};
        n.output_padding = ns::hw{c.bottom, c.right};
    });
    if (c.pad_h < 0) return broken == ns::rule::neg_inf_pad_output_not_positive;
    if (broken != ns::rule::none || pad.output_shape != ns::shape{c.pad_h, c.pad_w, 3} || pad.params != 0 ||
        pad.macs != 0 || pad.receptive_field != ns::field{})
        return false;
    const auto pool = [&c, &pad](ns::kind k, ns::rule& b) {
        return run(k, pad.output_shape, b, [&c, k](ns::layer_record& n) {
            n.kernel = ns::hw{c.k};
            n.stride = ns::hw{c.s};
            n.pad = ns::hw{c.p};
            n.ceil = c.ceil != 0;
            n.mode = k == ns::kind::avg_pool ? ns::detail::exclude_pad_bit : 0;
        });
    };
    ns::rule max_broken{}, avg_broken{};
    const ns::layer_record max = pool(ns::kind::max_pool, max_broken), avg = pool(ns::kind::avg_pool, avg_broken);
    const bool max_ok = c.out_h < 0 ? max_broken != ns::rule::none
                                    : max_broken == ns::rule::none && max.output_shape == ns::shape{c.out_h, c.out_w, 3};
    const bool avg_ok = c.avg_h < 0 ? avg_broken != ns::rule::none
                                    : avg_broken == ns::rule::none && avg.output_shape == ns::shape{c.avg_h, c.avg_w, 3};
    const bool formula = c.ceil != 0 || !c.finite ||
                         (c.out_h == (c.h + c.top + c.bottom + 2 * c.p - c.k) / c.s + 1 &&
                          c.out_w == (c.w + c.left + c.right + 2 * c.p - c.k) / c.s + 1);
    return max_ok && avg_ok && formula;
}

// Every case of one table of PyTorch's measurements agrees with netshape (agrees() above, per table).
template <class Cases>
constexpr bool every_case_agrees(const Cases& cases) {
    for (const auto& c : cases)
        if (!agrees(c)) return false;
    return true;
}

template <class... Case>
constexpr bool networks_agree(std::tuple<Case...>*) {
    return ((ns::output_shape<typename Case::net> == ns::shape{Case::out_h, Case::out_w, Case::out_c} &&
             ns::params<typename Case::net> == Case::params) &&
            ...);
}

}  // namespace

static_assert(every_case_agrees(pytorch_kinds::transposed));
static_assert(spans_agree());
static_assert(every_case_agrees(pytorch_kinds::interpolations));
static_assert(every_case_agrees(pytorch_kinds::pixels));
static_assert(every_case_agrees(pytorch_kinds::norms));
static_assert(every_case_agrees(pytorch_kinds::activations));
static_assert(every_case_agrees(pytorch_kinds::zero_pads));
static_assert(every_case_agrees(pytorch_kinds::neg_inf_pools));
static_assert(ns::detail::affine_bit == 1 && ns::detail::running_stats_bit == 2);  // the data's encoding
static_assert(networks_agree(static_cast<pytorch_kinds::nets*>(nullptr)));

TEST_CASE("conv_transpose2d agrees with nn.ConvTranspose2d on every grid configuration") {
    std::size_t valid = 0, rejected = 0, output_padded = 0, dilated = 0, grouped = 0;
    for (const auto& c : pytorch_kinds::transposed) {
        ns::rule broken{};
        const ns::layer_record r = run_transposed(c, broken);
        INFO("in ", c.in_h, "x", c.in_w, "x", c.c, " k ", c.k_h, "x", c.k_w, " s ", c.s_h, "x", c.s_w, " p ", c.p_h, "x",
             c.p_w, " op ", c.op_h, "x", c.op_w, " d ", c.d_h, "x", c.d_w, " g ", c.groups, " torch ", c.out_h, "x",
             c.out_w, " netshape ", r.output_shape.height, "x", r.output_shape.width, " rule ",
             std::string(ns::message(broken)));
        CHECK(agrees(c));
        (c.out_h < 0 ? rejected : valid) += 1;
        if (c.out_h > 0) {
            output_padded += c.op_h + c.op_w > 0 ? 1 : 0;
            dilated += c.d_h + c.d_w > 2 ? 1 : 0;
            grouped += c.groups > 1 ? 1 : 0;
        }
    }
    // Both outcomes, and every option, really occur among the accepted configurations.
    CHECK(valid > 500);
    CHECK(rejected > 500);
    CHECK(output_padded > 100);
    CHECK(dilated > 100);
    CHECK(grouped > 100);
}

TEST_CASE("conv_transpose2d's receptive span is PyTorch's, for every kernel, stride and dilation measured") {
    for (const auto& m : pytorch_kinds::transposed_spans) {
        INFO("k ", m.k, " s ", m.s, " d ", m.d, " torch ", m.span);
        CHECK(ns::detail::transposed_span(m.k, m.s, m.d) == m.span);
    }
}

TEST_CASE("upsample and resize agree with nn.Upsample: output, no parameters, spans and exact jumps") {
    std::size_t valid = 0, rejected = 0, two = 0, fractional = 0;
    for (const auto& c : pytorch_kinds::interpolations) {
        ns::rule broken{};
        const ns::layer_record r = run_interpolation(c, broken);
        INFO(std::string(ns::name_of(c.what)), " in ", c.in_h, "x", c.in_w, " arg ", c.a_h, "x", c.a_w, " bilinear ",
             c.bilinear, " align ", c.align_corners, " torch ", c.out_h, "x", c.out_w, " span ", c.span_h, "x",
             c.span_w, " jump ", c.jump_h_num, "/", c.jump_h_den, " netshape ", r.output_shape.height, "x",
             r.output_shape.width, " span ", r.receptive_field.height.numerator, " jump ",
             r.receptive_field.jump_height.numerator, "/", r.receptive_field.jump_height.denominator, " rule ",
             std::string(ns::message(broken)));
        CHECK(agrees(c));
        (c.out_h < 0 ? rejected : valid) += 1;
        two += c.span_h == 2 ? 1 : 0;
        fractional += c.jump_h_den > 1 ? 1 : 0;
    }
    CHECK(valid > 150);
    CHECK(rejected > 30);
    CHECK(two > 30);
    CHECK(fractional > 50);
}

TEST_CASE("pixel_shuffle and pixel_unshuffle agree with nn.PixelShuffle and nn.PixelUnshuffle") {
    std::size_t valid = 0, rejected = 0;
    for (const auto& c : pytorch_kinds::pixels) {
        ns::rule broken{};
        const ns::layer_record r = run_pixels(c, broken);
        INFO(std::string(ns::name_of(c.what)), " factor ", c.factor, " in ", c.h, "x", c.w, "x", c.c, " torch ", c.out_h,
             "x", c.out_w, "x", c.out_c, " netshape ", r.output_shape.height, "x", r.output_shape.width, "x",
             r.output_shape.channels, " rule ", std::string(ns::message(broken)));
        CHECK(agrees(c));
        (c.out_h < 0 ? rejected : valid) += 1;
    }
    CHECK(valid > 300);
    CHECK(rejected > 300);
}

TEST_CASE("group_norm and instance_norm agree with nn.GroupNorm and nn.InstanceNorm1d/2d/3d on every rank") {
    std::size_t valid = 0, rejected = 0;
    for (const auto& c : pytorch_kinds::norms) {
        INFO(std::string(ns::name_of(c.what)), " rank ", c.rank, " channels ", c.c, " arg ", c.arg, " torch ",
             c.weights, "/", c.biases, "/", c.buffers);
        CHECK(agrees(c));
        (c.same_shape < 0 ? rejected : valid) += 1;
    }
    CHECK(valid > 100);
    CHECK(rejected > 50);
}

TEST_CASE("prelu, selu, softplus, celu and thresholded_relu agree with nn.PReLU, nn.SELU, nn.Softplus, nn.CELU, nn.Threshold") {
    std::size_t valid = 0, rejected = 0;
    for (const auto& c : pytorch_kinds::activations) {
        INFO(std::string(ns::name_of(c.what)), " ", std::string(ns::name_of(c.fn)), " rank ", c.rank, " channels ", c.c,
             " arg ", c.arg, " torch ", c.weights, "/", c.biases, "/", c.buffers);
        CHECK(agrees(c));
        (c.same_shape < 0 ? rejected : valid) += 1;
    }
    CHECK(valid > 100);
    CHECK(rejected > 50);
}

TEST_CASE("neg_inf_pad, then max_pool and avg_pool<exclude_pad>, agree with F.pad(value=-inf), MaxPool2d and AvgPool2d") {
    std::size_t pooled = 0, rejected = 0, not_finite = 0;
    for (const auto& c : pytorch_kinds::neg_inf_pools) {
        INFO(c.h, "x", c.w, " pads ", c.top, ", ", c.left, ", ", c.bottom, ", ", c.right, " pool ", c.k, "/", c.s,
             " pad ", c.p, " ceil ", c.ceil, " torch ", c.pad_h, "x", c.pad_w, " then ", c.out_h, "x", c.out_w);
        CHECK(agrees(c));
        (c.out_h < 0 ? rejected : pooled) += 1;
        not_finite += c.out_h >= 0 && !c.finite;
    }
    CHECK(pooled > 100);
    CHECK(rejected > 50);
    CHECK(not_finite > 0);  // windows of padding alone occur, and the shapes still agree
}

TEST_CASE("zero_pad agrees with nn.ZeroPad2d, cropping included") {
    std::size_t valid = 0, rejected = 0;
    for (const auto& c : pytorch_kinds::zero_pads) {
        INFO(c.h, "x", c.w, " pads ", c.top, ", ", c.left, ", ", c.bottom, ", ", c.right, " torch ", c.out_h, "x", c.out_w);
        CHECK(agrees(c));
        (c.out_h < 0 ? rejected : valid) += 1;
    }
    CHECK(valid > 100);
    CHECK(rejected > 50);
}
