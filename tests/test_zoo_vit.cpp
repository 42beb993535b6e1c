// The Vision Transformers and their layers against PyTorch: every figure of tests/data/vit_reference.hpp
// is what torchvision's models and nn.MultiheadAttention returned (tools/vit_reference.py), MACs as
// the profiler counts the matrix products.
#include <doctest/doctest.h>

#include <string>

#include <netshape/netshape.hpp>
#include <netshape/zoo/vit.hpp>

#include "data/vit_reference.hpp"
#include "data/zoo_checks.hpp"

namespace ns = netshape;
namespace zoo = netshape::zoo;
namespace ref = vit_reference;
using ns::count_t;

namespace {

// A model equals torchvision's in input, parameters, buffers, output (a vector of classes) and MACs.
template <class Net>
constexpr bool same(const ref::model& m) {
    return ns::input_shape<Net> == ns::shape{m.height, m.width, m.channels} && ns::params<Net> == m.params &&
           ns::buffers<Net> == m.buffers && ns::output_shape<Net> == ns::shape::vector(m.outputs) &&
           ns::macs<Net> == m.macs && zoo_checks::passes_agree<Net>();
}

// nn.MultiheadAttention(width, heads, bias): netshape's layer on the same sequence, or its refusal
// where PyTorch refused (heads not dividing the width).
constexpr bool attention_agrees(const ref::attention_case& c) {
    ns::layer_record r{};
    r.kind = ns::kind::multi_head_attention;
    r.info = ns::info_of(r.kind);
    r.units = c.heads;
    r.bias = c.bias;
    r.input_shape = ns::shape::sequence(c.length, c.width);
    const ns::rule broken = ns::detail::apply(r, r);
    if (c.params < 0) return broken == ns::rule::heads_not_dividing_channels;
    return broken == ns::rule::none && r.output_shape == r.input_shape && r.weights + r.biases == c.params &&
           r.buffers == c.buffers && r.macs == c.macs;
}

constexpr bool all_attention_agrees() {
    for (const auto& c : ref::attention)
        if (!attention_agrees(c)) return false;
    return true;
}

}  // namespace

static_assert(all_attention_agrees(), "nn.MultiheadAttention: parameters and profiler MACs");

static_assert(same<zoo::vit_b_16>(ref::vit_b_16), "vit_b_16");
static_assert(same<zoo::vit_b_32>(ref::vit_b_32), "vit_b_32");
static_assert(same<zoo::vit_l_16>(ref::vit_l_16), "vit_l_16");
static_assert(same<zoo::vit_l_32>(ref::vit_l_32), "vit_l_32");
static_assert(same<zoo::vit_h_14>(ref::vit_h_14), "vit_h_14");
// Unusual sizes, as VisionTransformer(image, patch, layers, heads, width, mlp, num_classes=...).
static_assert(same<zoo::vision_transformer<64, 8, 192, 4, 3, 768, 10>>(ref::vit_small), "vit_small");
static_assert(same<zoo::vision_transformer<32, 8, 12, 0, 1, 4, 5>>(ref::vit_no_layers), "vit_no_layers");
static_assert(same<zoo::vision_transformer<30, 10, 6, 1, 2, 7, 3>>(ref::vit_one_layer), "vit_one_layer");

// torchvision's published 17.56 GFLOPS for ViT-B/16 are these MACs.
static_assert(ns::macs<zoo::vit_b_16> == 17'563'828'224);

TEST_CASE("ViT-B/16: layers, names and the token shapes") {
    using net = zoo::vit_b_16;
    const auto& rows = ns::layers<net>;
    CHECK(rows[1].output_shape == ns::shape::sequence(196, 768));  // to_tokens
    CHECK(rows[2].output_shape == ns::shape::sequence(197, 768));  // class_token
    CHECK(rows[2].weights == 768);
    CHECK(rows[3].weights == 197 * 768);  // pos_embedding
    CHECK(std::string(ns::description(rows[6]).c_str()) == "attention, 12 heads");
    CHECK(rows[rows.size() - 2].output_shape == ns::shape::vector(768));  // select_token<0>
    CHECK(ns::buffers<net> == 0);
}

TEST_CASE("select_token counts from the end when negative") {
    using last = ns::network<ns::input_sequence<5, 8>, ns::select_token<-5>, ns::dense<2>>;
    CHECK(ns::output_shape<last> == ns::shape::vector(2));
    CHECK(ns::activations<ns::network<ns::input<4, 4, 3>, ns::to_tokens, ns::select_token<3>>> ==
          ns::activations<ns::network<ns::input<4, 4, 3>>>);  // views
}

TEST_CASE("attention without biases, and its receptive field") {
    using net = ns::network<ns::input_sequence<10, 16>, ns::multi_head_attention<4, ns::no_bias>>;
    CHECK(ns::params<net> == 4 * 16 * 16);
    CHECK(ns::macs<net> == 4 * 10 * 16 * 16 + 2 * 10 * 10 * 16);
    CHECK(ns::receptive_field<net>.width == 10);
}
