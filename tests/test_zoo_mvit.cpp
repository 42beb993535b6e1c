// The zoo's Multiscale Vision Transformers (mvit_v1_b, mvit_v2_s) equal torchvision's in input,
// parameters, buffers, output shape and MACs (tests/data/torchvision_reference.hpp), at torchvision's
// 16×224×224 and at 8×160×192 with 10 classes (a grid that is not square).
#include <netshape/zoo/mvit.hpp>

#include "data/zoo_checks.hpp"

namespace ns = netshape;
namespace zoo = netshape::zoo;
namespace ref = netshape_reference;

namespace {

/// ZOO_CHECK_MODEL's figures, with the output as MViT gives it: the head reads the class token
/// (select_token, a vector C), so torchvision's (1, Classes), which the reference writes 1×1×Classes,
/// is netshape's shape::vector(Classes) (ZOO_CHECK_MODEL's models flatten an image: 1×1×C).
template <class Net>
constexpr bool same(const ref::video_model& m) {
    return zoo_checks::same_input<Net>(m) && zoo_checks::same_params<Net>(m) && zoo_checks::same_buffers<Net>(m) &&
           zoo_checks::same_macs<Net>(m) && zoo_checks::passes_agree<Net>() && m.output.height == 1 &&
           m.output.width == 1 && ns::output_shape<Net> == ns::shape::vector(m.output.channels);
}

}  // namespace

static_assert(same<zoo::mvit_v1_b>(ref::mvit_v1_b), "mvit_v1_b");
static_assert(same<zoo::mvit_v2_s>(ref::mvit_v2_s), "mvit_v2_s");
static_assert(same<zoo::mvit_v2_s_clip<8, 160, 192, 10>>(ref::mvit_v2_s_8x160x192), "mvit_v2_s at 8×160×192");
static_assert(same<zoo::mvit_v1_b_clip<8, 160, 192, 10>>(ref::mvit_v1_b_8x160x192), "mvit_v1_b at 8×160×192");

// The token grid through the blocks: 8×56×56 after conv_proj, the queries strided by 1×2×2 in
// blocks 1, 3 and 14 (both models): 8×28×28, 8×14×14, 8×7×7; the class token rides along.
static_assert(zoo::detail::mvit_patch_grid(16, 224, 224) == ns::dhw{8, 56, 56});
static_assert(zoo::detail::mvit_grid_before<zoo::detail::mvit_v2_s_setting>(ns::dhw{8, 56, 56}, 16) == ns::dhw{8, 7, 7});
static_assert(zoo::detail::mvit_grid_before<zoo::detail::mvit_v1_b_setting>(ns::dhw{8, 56, 56}, 4) == ns::dhw{8, 14, 14});
// The last block's output before the final norm: 1 + 8·7·7 tokens of 768 channels.
static_assert(ns::output_shape<ns::network<ns::input_sequence<1 + 8 * 7 * 7, 768>, ns::layer_norm, ns::select_token<0>>> ==
              ns::shape::vector(768));
// The class count changes only the head: 768·ΔN weights, ΔN biases.
static_assert(ns::params<zoo::mvit_v2_s_clip<16, 224, 224, 1000>> == ref::mvit_v2_s.params + 768 * 600 + 600);
// v1's position tables: (56·56 + 8 + 1)·96 beyond the class token; v2 has none.
static_assert(ns::params<ns::network<ns::input_sequence<8 * 56 * 56, 96>, ns::class_token,
                                     ns::separable_position_embedding<ns::dhw{8, 56, 56}>>> ==
              96 + (56 * 56 + 8 + 1) * 96);

TEST_CASE("zoo: mvit_v1_b and mvit_v2_s equal torchvision's") {
    CHECK(same<zoo::mvit_v1_b>(ref::mvit_v1_b));
    CHECK(same<zoo::mvit_v2_s>(ref::mvit_v2_s));
}
