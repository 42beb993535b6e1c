// MaxViT and its attention against PyTorch: every figure of tests/data/vit_reference.hpp is what
// torchvision's models and RelativePositionalMultiHeadAttention returned (tools/vit_reference.py),
// MACs as the profiler counts the matrix products.
#include <doctest/doctest.h>

#include <string>

#include <netshape/netshape.hpp>
#include <netshape/zoo/maxvit.hpp>

#include "data/vit_checks.hpp"
#include "data/vit_reference.hpp"

namespace ns = netshape;
namespace zoo = netshape::zoo;
namespace ref = vit_reference;
using ns::count_t;
using zoo::blocks;
using vit_checks::same;

namespace {

// One of netshape's attention kinds on a partition × (partition·groups) map: `groups` windows, or
// `groups` grids, of partition² positions, as RelativePositionalMultiHeadAttention sees them.
constexpr bool kind_agrees(ns::kind k, const ref::relative_case& c) {
    ns::layer_record r{};
    r.kind = k;
    r.info = ns::info_of(k);
    r.units = c.dim / c.head_dim;
    r.kernel = ns::hw{c.partition};
    r.input_shape = r.output_shape = ns::shape{c.partition, c.partition * c.groups, c.dim};
    // With one position per window, torch.einsum computes A·V (a sum of one product) as an
    // element-wise multiply, which the profiler does not count: C MACs per position fewer.
    const count_t uncounted = c.partition == 1 ? c.groups * c.dim : 0;
    return ns::detail::apply(r, r) == ns::rule::none && r.output_shape == r.input_shape &&
           r.weights + r.biases == c.params && r.buffers == c.buffers && r.macs - uncounted == c.macs;
}

// PyTorch refuses a head dimension that does not divide the channels (MaxViT's family checks it).
constexpr bool relative_agrees(const ref::relative_case& c) {
    if (c.params < 0) return c.dim % c.head_dim != 0;
    return kind_agrees(ns::kind::window_attention, c) && kind_agrees(ns::kind::grid_attention, c);
}

}  // namespace

static_assert(vit_checks::all_agree(ref::relative, relative_agrees), "RelativePositionalMultiHeadAttention: parameters, buffers and profiler MACs");

static_assert(same<zoo::maxvit_t>(ref::maxvit_t), "maxvit_t");
// Unusual sizes, as MaxVit((image, image), stem, partition, channels, layers, head_dim, 0.2, num_classes=...).
static_assert(same<zoo::maxvit<16, 4, blocks<32, 48>, blocks<1, 2>, 16, 96, 10>>(ref::maxvit_small));
static_assert(same<zoo::maxvit<8, 3, blocks<24>, blocks<3>, 8, 60, 5>>(ref::maxvit_one_block));

// torchvision's published GFLOPS (its weights' meta "_ops"): 5.558.
static_assert(ns::macs<zoo::maxvit_t> == 5'558'046'720);

TEST_CASE("MaxViT-T: block and grid attention") {
    const auto& rows = ns::layers<zoo::maxvit_t>;
    CHECK(std::string(ns::description(rows[22]).c_str()) == "window attention 7×7, 2 heads");
    CHECK(std::string(ns::description(rows[34]).c_str()) == "grid attention 7×7, 2 heads");
    // 56×56×64, 2 heads: 4·64² + 13²·2 weights, 4·64 biases, 49² buffers, 4·3136·64² + 2·3136·49·64 MACs.
    CHECK(rows[34].weights == 4 * 64 * 64 + 169 * 2);
    CHECK(rows[34].biases == 4 * 64);
    CHECK(rows[34].buffers == 49 * 49);
    CHECK(rows[34].macs == 4 * 3136 * 64 * 64 + 2 * 3136 * 49 * 64);
    // A 7×7 grid over 56×56: positions 8 apart, the grid spans 6·8 + 1 rows.
    CHECK(rows[34].receptive_field.height.numerator - rows[33].receptive_field.height.numerator ==
          (6 * 8) * rows[33].receptive_field.jump_height.numerator);
    CHECK(ns::output_shape<zoo::maxvit_t> == ns::shape{1, 1, 1000});
}

TEST_CASE("grid attention: positions spread over the map") {
    using net = ns::network<ns::input<12, 8, 6>, ns::grid_attention<3, ns::hw{3, 2}, ns::no_bias>>;
    // 96 positions in 16 grids of 6; table 5·3 offsets for each of 3 heads.
    CHECK(ns::params<net> == 4 * 36 + 15 * 3);
    CHECK(ns::buffers<net> == 36);
    CHECK(ns::macs<net> == 4 * 96 * 36 + 2 * 96 * 6 * 6);
    CHECK(ns::receptive_field<net>.height == 2 * 4 + 1);
    CHECK(ns::receptive_field<net>.width == 1 * 4 + 1);
    CHECK(std::string(ns::description(ns::layers<net>[0]).c_str()) == "grid attention 3×2, 3 heads, no bias");
}

TEST_CASE("every layer's parameters and buffers are torchvision's under its path") {
    CHECK(vit_checks::paths_disagree<zoo::maxvit_t>(ref::maxvit_t_tensors) == "");
}
