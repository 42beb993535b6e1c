// The Swin Transformers (V1 and V2) and their layers against PyTorch: every figure of
// tests/data/vit_reference.hpp is what torchvision's models and window attentions returned
// (tools/vit_reference.py), MACs as the profiler counts the matrix products.
#include <doctest/doctest.h>

#include <string>

#include <netshape/netshape.hpp>
#include <netshape/zoo/swin.hpp>

#include "data/vit_checks.hpp"
#include "data/vit_reference.hpp"

namespace ns = netshape;
namespace zoo = netshape::zoo;
namespace ref = vit_reference;
using ns::count_t;
using zoo::blocks;
using vit_checks::same;

namespace {

// torchvision's ShiftedWindowAttention(V2) on an H×W×dim map: netshape's layer on the same image,
// or its refusal where PyTorch failed (heads not dividing the width).
constexpr bool window_agrees(const ref::window_case& c) {
    ns::layer_record r{};
    r.kind = c.v2 ? ns::kind::cosine_window_attention : ns::kind::window_attention;
    r.info = ns::info_of(r.kind);
    r.units = c.heads;
    r.kernel = ns::hw{c.window_height, c.window_width};
    r.bias = c.bias;
    r.input_shape = r.output_shape = ns::shape{c.height, c.width, c.dim};
    const ns::rule broken = ns::detail::apply(r, r);
    if (c.params < 0) return broken == ns::rule::heads_not_dividing_channels;
    return broken == ns::rule::none && r.output_shape == r.input_shape && r.weights + r.biases == c.params &&
           r.buffers == c.buffers && r.macs == c.macs;
}

}  // namespace

static_assert(vit_checks::all_agree(ref::windows, window_agrees), "ShiftedWindowAttention(V2): parameters, buffers and profiler MACs");

static_assert(same<zoo::swin_t>(ref::swin_t), "swin_t");
static_assert(same<zoo::swin_s>(ref::swin_s), "swin_s");
static_assert(same<zoo::swin_b>(ref::swin_b), "swin_b");
static_assert(same<zoo::swin_v2_t>(ref::swin_v2_t), "swin_v2_t");
static_assert(same<zoo::swin_v2_s>(ref::swin_v2_s), "swin_v2_s");
static_assert(same<zoo::swin_v2_b>(ref::swin_v2_b), "swin_v2_b");
// Unusual sizes, as SwinTransformer([patch, patch], embed, depths, heads, [window, window], num_classes=...):
// maps the windows do not divide, a map not square, windows larger than the map, three stages and one.
static_assert(same<zoo::swin_transformer<4, 24, blocks<2, 2, 1>, blocks<1, 2, 4>, 5, 100, 100, 10>>(ref::swin_small));
static_assert(same<zoo::swin_transformer<3, 16, blocks<3>, blocks<2>, 4, 30, 30, 7>>(ref::swin_one_stage));
static_assert(same<zoo::swin_transformer_v2<3, 12, blocks<1, 3>, blocks<3, 2>, 6, 90, 70, 5>>(ref::swin_v2_small));
static_assert(same<zoo::swin_transformer_v2<2, 8, blocks<2>, blocks<4>, 3, 20, 20, 4>>(ref::swin_v2_one_stage));

// torchvision's published GFLOPS (its weights' meta "_ops"): 4.491, 8.741, 15.431; 5.94, 11.546, 20.325.
static_assert(ns::macs<zoo::swin_t> == 4'490'566'656 && ns::macs<zoo::swin_s> == 8'740'875'264 &&
              ns::macs<zoo::swin_b> == 15'430'946'816);
static_assert(ns::macs<zoo::swin_v2_t> == 5'939'690'496 && ns::macs<zoo::swin_v2_s> == 11'545'857'024 &&
              ns::macs<zoo::swin_v2_b> == 20'325'134'336);

TEST_CASE("Swin-T: rows, names and the windows") {
    using net = zoo::swin_t;
    const auto& rows = ns::layers<net>;
    CHECK(rows[0].output_shape == ns::shape{56, 56, 96});  // features.0.0, the patch embedding
    CHECK(std::string(ns::description(rows[3]).c_str()) == "window attention 7×7, 3 heads");
    CHECK(std::string(ns::description(rows[15]).c_str()) == "window attention 7×7, 3 heads, shifted");
    // window attention at 56×56×96, 3 heads: 4·96² + 13²·3 weights, 4·96 biases, 49² buffers,
    // 4·3136·96² + 2·3136·49·96 MACs.
    CHECK(rows[3].weights == 4 * 96 * 96 + 169 * 3);
    CHECK(rows[3].biases == 4 * 96);
    CHECK(rows[3].buffers == 49 * 49);
    CHECK(rows[3].macs == 4 * 3136 * 96 * 96 + 2 * 3136 * 49 * 96);
    CHECK(rows[26].kind == ns::kind::patch_merging);
    CHECK(rows[26].output_shape == ns::shape{28, 28, 384});
    CHECK(ns::output_shape<net> == ns::shape{1, 1, 1000});
}

TEST_CASE("window attention pads to whole windows and reads one window") {
    // 10×9 in windows of 4×4: padded to 12×12, 144 positions of 16 tokens.
    using net = ns::network<ns::input<10, 9, 8>, ns::window_attention<2, 4, ns::shifted>>;
    CHECK(ns::macs<net> == 4 * 144 * 64 + 2 * 144 * 16 * 8);
    CHECK(ns::output_shape<net> == ns::shape{10, 9, 8});
    CHECK(ns::receptive_field<net>.height == 4);
    CHECK(ns::receptive_field<net>.width == 4);
    // A window larger than the map reads the whole map (7×5 padded to 8×8).
    using wide = ns::network<ns::input<7, 5, 4>, ns::window_attention<1, ns::hw{8, 8}, ns::no_bias>>;
    CHECK(ns::receptive_field<wide>.height == 7);
    CHECK(ns::receptive_field<wide>.width == 5);
    CHECK(ns::macs<wide> == 4 * 64 * 16 + 2 * 64 * 64 * 4);
    CHECK(ns::params<wide> == 4 * 16 + 15 * 15);
    // Activations: the output, a new tensor.
    CHECK(ns::activations<net> == ns::activations<ns::network<ns::input<10, 9, 8>>> + 10 * 9 * 8);
}

TEST_CASE("cosine window attention: logit scale and the continuous position bias MLP") {
    using net = ns::network<ns::input<8, 8, 12>, ns::cosine_window_attention<3, 4>>;
    // qkv and proj 4·12² + 4·12; logit scale 3; cpb_mlp 2·512 + 512 + 512·3; no bias table.
    CHECK(ns::params<net> == 4 * 144 + 4 * 12 + 3 + 2 * 512 + 512 + 512 * 3);
    CHECK(ns::buffers<net> == 16 * 16 + 2 * 7 * 7);
    CHECK(ns::macs<net> == 4 * 64 * 144 + 2 * 64 * 16 * 12 + 49 * (2 * 512 + 512 * 3));
    CHECK(std::string(ns::description(ns::layers<net>[0]).c_str()) == "cosine window attention 4×4, 3 heads");
}

TEST_CASE("patch merging pads odd maps") {
    using net = ns::network<ns::input<7, 4, 5>, ns::patch_merging>;
    CHECK(ns::output_shape<net> == ns::shape{4, 2, 20});
    CHECK(ns::params<net> == 0);
    CHECK(ns::macs<net> == 0);
    CHECK(ns::receptive_field<net>.height == 2);
    CHECK(ns::receptive_field<net>.jump_height == 2);
}

TEST_CASE("every layer's parameters and buffers are torchvision's under its path") {
    CHECK(vit_checks::paths_disagree<zoo::swin_t>(ref::swin_t_tensors) == "");
    CHECK(vit_checks::paths_disagree<zoo::swin_v2_t>(ref::swin_v2_t_tensors) == "");
    // The check tells models apart: V1's layers are not V2's tensors.
    CHECK(vit_checks::paths_disagree<zoo::swin_t>(ref::swin_v2_t_tensors) != "");
}
