// The zoo's U-Nets equal a PyTorch definition of our own (tools/unet_reference.py, its figures in
// tests/data/unet_reference.hpp) in input, parameters, buffers, output shape and MACs (hooks on every
// convolution, transposed ones included), at the aliases and at other depths, widths and sizes; the
// aliases' every layer has the PyTorch module's name and output shape; the output stride is 1.
#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include <netshape/zoo/unet.hpp>

#include "data/unet_reference.hpp"
#include "data/zoo_checks.hpp"

namespace ns = netshape;
namespace zoo = netshape::zoo;
namespace ref = unet_reference;

namespace {

using zoo_checks::as_shape;

/// zoo::unet_at with the reference model's template arguments.
template <const ref::model& M>
using unet_of = zoo::unet_at<M.height, M.width, M.channels, M.classes, M.base, M.depth,
                             M.bilinear ? zoo::unet_up::bilinear : zoo::unet_up::transposed>;

template <const ref::model& M>
constexpr bool same() {
    using net = unet_of<M>;
    return ns::input_shape<net> == ns::shape{M.height, M.width, M.channels} && ns::params<net> == M.params &&
           ns::buffers<net> == M.buffers && ns::output_shape<net> == as_shape(M.output) && ns::macs<net> == M.macs &&
           ns::output_shapes<net>.size() == 1 && zoo_checks::passes_agree<net>();
}

/// The output stride (the receptive field's jump) is PyTorch's, measured: 1 on both axes.
template <const ref::model& M>
constexpr bool same_stride() {
    const ns::field f = ns::receptive_field<unet_of<M>>;
    return f.jump_height == M.stride && f.jump_width == M.stride;
}

}  // namespace

static_assert(same<ref::unet>(), "unet");
static_assert(same<ref::unet_bilinear>(), "unet_bilinear");
static_assert(same<ref::unet_96x64_depth3>(), "unet_96x64_depth3");
static_assert(same<ref::unet_bilinear_96x64_depth3>(), "unet_bilinear_96x64_depth3");
static_assert(same<ref::unet_bilinear_64x160_depth5>(), "unet_bilinear_64x160_depth5");
static_assert(same<ref::unet_40x24_depth1>(), "unet_40x24_depth1");
static_assert(same<ref::unet_20x30_depth0>(), "unet_20x30_depth0");

// The aliases are the reference's first two models.
static_assert(std::is_same_v<zoo::unet, unet_of<ref::unet>> && std::is_same_v<zoo::unet_bilinear, unet_of<ref::unet_bilinear>>);

static_assert(same_stride<ref::unet>() && same_stride<ref::unet_bilinear>() && same_stride<ref::unet_96x64_depth3>() &&
              same_stride<ref::unet_bilinear_96x64_depth3>() && same_stride<ref::unet_bilinear_64x160_depth5>() &&
              same_stride<ref::unet_40x24_depth1>() && same_stride<ref::unet_20x30_depth0>());

// The one difference between the two ups, by formula: at each level k (c = 64·2^k channels) a 2×2
// transposed convolution has c·(c/2)·4 + c/2 parameters, a 1×1 convolution c·(c/2) + c/2; MACs agree
// because the transposed convolution's input has a quarter of the 1×1's positions.
static_assert(ns::params<zoo::unet> - ns::params<zoo::unet_bilinear> ==
              3 * (128 * 64 + 256 * 128 + 512 * 256 + 1024 * 512));
static_assert(ns::macs<zoo::unet> == ns::macs<zoo::unet_bilinear>);

TEST_CASE("zoo: unet's and unet_bilinear's layers are the PyTorch model's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::unet>(ref::unet_layers);  // the skips' identity: torch.cat's operand, no module
    zoo_checks::check_layers<zoo::unet_bilinear>(ref::unet_bilinear_layers);
}

namespace {
/// netshape's receptive field against PyTorch's gradient support (unet_reference.hpp's field).
template <const ref::model& M>
void check_field() {
    const ns::field f = ns::receptive_field<unet_of<M>>;
    INFO(std::string(M.name), ": netshape ", f.height.numerator, "/", f.height.denominator, " × ", f.width.numerator, "/",
         f.width.denominator, ", PyTorch ", M.field_height, " × ", M.field_width);
    CHECK(f.height == M.field_height);
    CHECK(f.width == M.field_width);
}
}  // namespace

TEST_CASE("zoo: a U-Net's receptive field through one up step is PyTorch's gradient support") {
    check_field<ref::unet_20x30_depth0>();
    check_field<ref::unet_40x24_depth1>();
}

// Several steps down and up: the positions of a map see different extents by their phase (o mod
// 2^k), and the widest output combines phases; the field is walked back exactly
// (detail/receptive.hpp), and equals PyTorch's widest gradient support over a period of outputs.
TEST_CASE("zoo: a U-Net's receptive field at depth 2 and more is PyTorch's gradient support") {
    check_field<ref::unet>();
    check_field<ref::unet_bilinear>();
    check_field<ref::unet_96x64_depth3>();
    check_field<ref::unet_bilinear_96x64_depth3>();
    check_field<ref::unet_bilinear_64x160_depth5>();
}
