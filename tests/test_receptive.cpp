// The receptive field of networks that go down and up (detail/receptive.hpp): hand-written networks
// mixing strides 2 and 3 with every way up, and a volume and a signal network with transposed
// convolutions of their rank, against PyTorch's widest gradient support over a period of outputs (tools/field_reference.py, tests/data/field_reference.hpp); side outputs; the networks
// the walk leaves to the recurrence.
#include <doctest/doctest.h>

#include <ostream>  // doctest prints fractions (ns::fraction's operator<<) only with std::ostream complete
#include <string>

#include <netshape/netshape.hpp>

#include "data/field_reference.hpp"

namespace ns = netshape;
namespace ref = field_reference;

namespace {

template <class Net>
void check(const ref::measured& m) {
    const ns::field f = ns::receptive_field<Net>;
    const ns::field recurrence = ns::detail::analysis<Net>::value.total.receptive_field;
    INFO(std::string(m.name), ": netshape ", f.height, " × ", f.width, " jump ", f.jump_height, " × ", f.jump_width,
         " (recurrence ", recurrence.height, "), PyTorch ", m.height, " × ", m.width, " stride ", m.stride_h_num, "/",
         m.stride_h_den);
    CHECK(f.height == ns::fraction(m.height));
    CHECK(f.width == ns::fraction(m.width));
    CHECK(f.jump_height == ns::fraction(m.stride_h_num, m.stride_h_den));
    CHECK(f.jump_width == ns::fraction(m.stride_w_num, m.stride_w_den));
    CHECK(f.depth == ns::fraction(m.depth));
    CHECK(f.jump_depth == ns::fraction(m.stride_d_num, m.stride_d_den));
    // The same figure in every place it is given: output_fields<Net> (the main path's last), totals<Net>.
    CHECK(ns::output_fields<Net>[ns::output_fields<Net>.size() - 1] == f);
    CHECK(ns::totals<Net>.receptive_field == f);
}

}  // namespace

TEST_CASE("receptive field: hand-written networks down and up equal PyTorch's gradient support") {
    check<ref::up_conv_pool>(ref::up_conv_pool_field);
    check<ref::strides_2_3_up>(ref::strides_2_3_up_field);
    check<ref::skip_strides_2_3>(ref::skip_strides_2_3_field);
    check<ref::nested_skips>(ref::nested_skips_field);
    check<ref::dilated_transposed_gaps>(ref::dilated_transposed_gaps_field);
    check<ref::resize_three_halves>(ref::resize_three_halves_field);
    check<ref::shuffle_and_adaptive>(ref::shuffle_and_adaptive_field);
    check<ref::pad_shifts>(ref::pad_shifts_field);
}

TEST_CASE("receptive field: a period too long for one constant evaluation is walked in chunks, equal to PyTorch's") {
    check<ref::chunked_phases>(ref::chunked_phases_field);
    check<ref::chunked_widest_late>(ref::chunked_widest_late_field);
}

// The chunked path is the one taken: one evaluation's walk says too long, and the plan has three chunks
// (58 phases of 314 nodes, 26 phases a chunk).
namespace chunked {
template <class Net>
using walks = ns::detail::exact_walks<ns::detail::walk_source<Net>, 1>;
template <class Net>
using height = ns::detail::long_axis<ns::detail::walk_source<Net>, walks<Net>::first.last[0], false, 0>;
template <class Net>
constexpr bool three_chunks = walks<Net>::first.axes[0][0].status == ns::detail::walk_status::too_long &&
                              walks<Net>::first.square && height<Net>::plan.outline.period == 58 &&
                              height<Net>::per_chunk == 26 && height<Net>::chunks == 3;
static_assert(three_chunks<ref::chunked_phases> && three_chunks<ref::chunked_widest_late>);

// chunked_widest_late's widest phases (35 .. 38) lie in chunk 1 alone: chunks 0 and 2 are narrower than
// PyTorch's figure, so the field needs the widest over the chunks, not chunk 0's.
using late = height<ref::chunked_widest_late>;
static_assert(late::widest<1> == ref::chunked_widest_late_field.height);
static_assert(late::widest<0> < late::widest<1> && late::widest<2> < late::widest<1>);

// Each chunk's figure (its own constant evaluation) is a plain walk's over its phases, at run time; and
// the first phase of the widest support (-1: none).
struct plain {
    ns::detail::wide widest = 0;
    ns::detail::wide first_widest = -1;
};
template <class Net, std::size_t C>
plain plain_walks() {
    const auto& nodes = ns::detail::analysis<Net>::full.nodes;
    constexpr std::size_t per_chunk = height<Net>::per_chunk;
    plain p{};
    for (std::size_t o = C * per_chunk; o < (C + 1) * per_chunk && o < 58; ++o) {
        const auto w = ns::detail::walk_back(nodes.data(), ns::detail::kind_maps_of<>, nodes.size() - 1, false, 0,
                                             {ns::detail::wide(o), ns::detail::wide(o), false});
        if (w.input.hi - w.input.lo + 1 > p.widest) {
            p.widest = w.input.hi - w.input.lo + 1;
            p.first_widest = ns::detail::wide(o);
        }
    }
    return p;
}
template <class Net>
void check_chunks() {
    CHECK(height<Net>::template widest<0> == plain_walks<Net, 0>().widest);
    CHECK(height<Net>::template widest<1> == plain_walks<Net, 1>().widest);
    CHECK(height<Net>::template widest<2> == plain_walks<Net, 2>().widest);
    CHECK(plain_walks<Net, 2>().widest > 0);
}
}  // namespace chunked

TEST_CASE("receptive field: each chunk walks its own phases") {
    chunked::check_chunks<ref::chunked_phases>();
    chunked::check_chunks<ref::chunked_widest_late>();
    // By the plain walk too, chunked_widest_late's widest phase is 35, in chunk 1, and chunk 0 is narrower.
    const chunked::plain late = chunked::plain_walks<ref::chunked_widest_late, 1>();
    CHECK(late.widest == ref::chunked_widest_late_field.height);
    CHECK(late.first_widest == 35);
    CHECK(chunked::plain_walks<ref::chunked_widest_late, 0>().widest < late.widest);
}

TEST_CASE("receptive field: a volume and a signal network down and up equal PyTorch's, every axis its own") {
    check<ref::volume_down_up>(ref::volume_down_up_field);
    check<ref::signal_down_up>(ref::signal_down_up_field);
}

// Both go up only by transposed convolutions of their rank, which the walk follows on every axis;
// the recurrence is not PyTorch's on the volume's depth (45/2: an up by 2, a 3, a pool of 2 at its
// end) nor on the signal (98).
static_assert(ns::detail::analysis<ref::volume_down_up>::goes_up && ns::detail::analysis<ref::signal_down_up>::goes_up);
static_assert(ns::detail::analysis<ref::volume_down_up>::value.total.receptive_field.depth == ns::fraction(45, 2));
static_assert(ns::detail::analysis<ref::signal_down_up>::value.total.receptive_field.width == 98);

// The measured networks are ones where the walk matters: the recurrence differs on some of them.
static_assert(ns::detail::analysis<ref::up_conv_pool>::value.total.receptive_field.height == ns::fraction(5, 2));
static_assert(ns::receptive_field<ref::up_conv_pool>.height == 3);

// A side output that goes up: its field is walked back from the end of its head, through the main
// path before it; the main path's skips the head.
namespace side {
using trunk = ns::sequential<ns::conv2d<4, 3, ns::pad<1>>, ns::max_pool<2>, ns::conv2d<4, 3, ns::pad<1>>>;
using head = ns::sequential<ns::upsample<2>, ns::conv2d<2, 3, ns::pad<1>>>;
using with_head = ns::network<ns::input<32, 32, 3>, trunk, ns::output<head>, ns::conv2d<4, 3, ns::pad<1>>>;
using head_alone = ns::network<ns::input<32, 32, 3>, trunk, head>;
using main_alone = ns::network<ns::input<32, 32, 3>, trunk, ns::conv2d<4, 3, ns::pad<1>>>;
static_assert(ns::output_fields<with_head>[0] == ns::receptive_field<head_alone>);
static_assert(ns::output_fields<with_head>[1] == ns::receptive_field<main_alone>);
static_assert(ns::receptive_field<with_head> == ns::receptive_field<main_alone>);
// By hand: an output o of the head reads up-map positions o − 1 .. o + 1, so trunk positions
// ⌊(o − 1)/2⌋ .. ⌊(o + 1)/2⌋ (two, for every o); the last 3×3 makes them 4 pool positions, the pool
// 8, the first 3×3 10 inputs; the jump is 2 · ½.
static_assert(ns::receptive_field<head_alone> == ns::field{10, 10, 1, 1});
}  // namespace side

// align_corners (which no period of outputs keeps clear of the borders, so no gradient measures
// it): src = o·(in − 1)/(out − 1); 9 → 17 maps output o to o/2, so odd outputs read two inputs.
using aligned = ns::network<ns::input<9, 9, 1>, ns::upsample<2, ns::interpolation::bilinear, ns::align_corners>>;
static_assert(ns::output_shape<aligned> == ns::shape{18, 18, 1});
// 9 → 18: src = o·8/17, a period of 17 outputs; every output whose src is not whole reads two.
static_assert(ns::receptive_field<aligned> == ns::field{2, 2, ns::fraction(8, 17), ns::fraction(8, 17)});

// Kinds the walk does not model (attention, tokens) keep the recurrence's figure: an image up by 2
// made tokens, every token attending to all 64 of the 8×8 grid.
using tokens_up = ns::network<ns::input<4, 4, 8>, ns::upsample<2>, ns::to_tokens, ns::multi_head_attention<2>>;
static_assert(ns::receptive_field<tokens_up> == ns::detail::analysis<tokens_up>::value.total.receptive_field);
