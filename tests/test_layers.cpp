// Dense, flatten, normalisation, activations, dropout, channel shuffle and slice: each figure
// against issue 2's definitions, over small loops of shapes; issue 13's kinds through whole networks
// (their figures against PyTorch: test_pytorch_kinds.cpp).
#include <doctest/doctest.h>

#include <string>

#include <netshape/netshape.hpp>

namespace ns = netshape;
using ns::count_t;

namespace {
template <count_t H, count_t W, count_t C, count_t N>
constexpr bool dense_ok() {
    using net = ns::network<ns::input<H, W, C>, ns::dense<N>>;
    using nb = ns::network<ns::input<H, W, C>, ns::dense<N, ns::no_bias>>;
    using pp = ns::network<ns::input<H, W, C>, ns::dense<N, ns::per_pixel>>;
    using fl = ns::network<ns::input<H, W, C>, ns::flatten, ns::dense<N>>;
    return ns::output_shape<net> == ns::shape{1, 1, N} && ns::weights<net> == H * W * C * N && ns::biases<net> == N &&
           ns::macs<net> == H * W * C * N && ns::biases<nb> == 0 && ns::weights<nb> == H * W * C * N &&
           ns::output_shape<pp> == ns::shape{H, W, N} && ns::weights<pp> == C * N && ns::macs<pp> == H * W * C * N &&
           ns::params<fl> == ns::params<net> && ns::activations<fl> == ns::activations<net> &&  // flatten is a view
           ns::activations<net> == H * W * C + N && ns::layers<fl>[0].output_shape == ns::shape{1, 1, H * W * C};
}
template <count_t H, count_t W, count_t C>
constexpr bool norms_ok() {
    using bn = ns::network<ns::input<H, W, C>, ns::batch_norm>;
    using ln = ns::network<ns::input<H, W, C>, ns::layer_norm>;
    using ls = ns::network<ns::input<H, W, C>, ns::layer_scale>;
    using lrn = ns::network<ns::input<H, W, C>, ns::lrn, ns::local_response_norm<3>>;
    // torchvision.ops.misc.FrozenBatchNorm2d(C): no parameters, buffers weight, bias, running_mean
    // and running_var (4·C; checked with torchvision 0.14).
    using fbn = ns::network<ns::input<H, W, C>, ns::frozen_batch_norm>;
    return ns::weights<bn> == C && ns::biases<bn> == C && ns::buffers<bn> == 2 * C && ns::macs<bn> == 0 &&
           ns::activations<bn> == 2 * H * W * C && ns::output_shape<bn> == ns::shape{H, W, C} &&
           ns::weights<ln> == C && ns::biases<ln> == C && ns::buffers<ln> == 0 && ns::weights<ls> == C &&
           ns::biases<ls> == 0 && ns::params<lrn> == 0 && ns::activations<lrn> == 3 * H * W * C &&
           ns::params<fbn> == 0 && ns::buffers<fbn> == 4 * C && ns::activations<fbn> == 2 * H * W * C &&
           ns::output_shape<fbn> == ns::shape{H, W, C} && ns::layers<fbn>[0].kind == ns::kind::frozen_batch_norm &&
           ns::description(ns::layers<fbn>[0]) == "frozen batch norm";
}
template <class F>
constexpr bool elementwise_ok() {
    using net = ns::network<ns::input<5, 3, 7>, F, ns::dropout, F>;
    return ns::params<net> == 0 && ns::macs<net> == 0 && ns::activations<net> == 5 * 3 * 7 &&  // input only
           ns::output_shape<net> == ns::shape{5, 3, 7} && ns::receptive_field<net> == ns::field{} &&
           ns::layers<net>.size() == 3;
}
}  // namespace

static_assert(dense_ok<1, 1, 1, 1>() && dense_ok<1, 1, 9, 4>() && dense_ok<6, 6, 256, 4096>() && dense_ok<3, 5, 2, 7>());
static_assert(norms_ok<1, 1, 1>() && norms_ok<7, 5, 64>() && norms_ok<2, 9, 3>());
static_assert(elementwise_ok<ns::relu>() && elementwise_ok<ns::relu6>() && elementwise_ok<ns::leaky_relu>() &&
              elementwise_ok<ns::elu>() && elementwise_ok<ns::gelu>() && elementwise_ok<ns::silu>() &&
              elementwise_ok<ns::swish>() && elementwise_ok<ns::sigmoid>() && elementwise_ok<ns::hardsigmoid>() &&
              elementwise_ok<ns::hardswish>() && elementwise_ok<ns::tanh>() && elementwise_ok<ns::softmax>() &&
              elementwise_ok<ns::mish>() && elementwise_ok<ns::identity>() && elementwise_ok<ns::selu>() &&
              elementwise_ok<ns::softplus>() && elementwise_ok<ns::celu>() && elementwise_ok<ns::thresholded_relu>());
// neg_inf_pad: F.pad(value=-inf) (ONNX's MaxPool with pads (0, 0, 1, 2) is it, then a max pool
// padding both sides alike): (7 + 1 − 3) / 2 + 1 = 3 rows, (6 + 2 + 2 − 3) / 2 + 1 = 4 columns.
// exclude_pad (count_include_pad=False) changes no figure.
using max_padded = ns::network<ns::input<7, 6, 3>, ns::neg_inf_pad<0, 0, 1, 2>, ns::max_pool<3, ns::stride<2>, ns::pad<0, 1>>>;
static_assert(ns::output_shape<max_padded> == ns::shape{3, 4, 3});
static_assert(ns::params<max_padded> == 0 && ns::macs<max_padded> == 0);
static_assert(ns::layers<max_padded>[0].output_shape == ns::shape{8, 8, 3});
using excluding = ns::network<ns::input<7, 6, 3>, ns::avg_pool<3, ns::stride<2>, ns::pad<1>, ns::exclude_pad>>;
using counting = ns::network<ns::input<7, 6, 3>, ns::avg_pool<3, ns::stride<2>, ns::pad<1>>>;
static_assert(ns::output_shape<excluding> == ns::output_shape<counting> && ns::output_shape<counting> == ns::shape{4, 3, 3});
static_assert(ns::receptive_field<excluding> == ns::receptive_field<counting>);
static_assert(ns::layers<excluding>[0].mode == ns::detail::exclude_pad_bit && ns::layers<counting>[0].mode == 0);

// zero_pad: ZeroPad2d((l, r, t, b)) adds rows and columns (a new tensor); negative counts crop.
using padded = ns::network<ns::input<5, 3, 7>, ns::zero_pad<1, 0, 2, 3>, ns::zero_pad<-1>, ns::zero_pad<2>>;
static_assert(ns::layers<padded>[0].output_shape == ns::shape{8, 6, 7} && ns::layers<padded>[1].output_shape == ns::shape{6, 4, 7} &&
              ns::output_shape<padded> == ns::shape{10, 8, 7} && ns::params<padded> == 0 && ns::macs<padded> == 0 &&
              ns::activations<padded> == (5 * 3 + 8 * 6 + 6 * 4 + 10 * 8) * 7 && ns::receptive_field<padded> == ns::field{} &&
              ns::description(ns::layers<padded>[0]) == "zero pad 1, 0, 2, 3");
// prelu: nn.PReLU(1) has one weight, nn.PReLU(C) C (tests/test_pytorch_kinds.cpp checks every count against PyTorch).
using prelu_net = ns::network<ns::input<5, 3, 7>, ns::prelu<>, ns::prelu<7>>;
static_assert(ns::weights<prelu_net> == 1 + 7 && ns::biases<prelu_net> == 0 && ns::macs<prelu_net> == 0 &&
              ns::activations<prelu_net> == 5 * 3 * 7 && ns::output_shape<prelu_net> == ns::shape{5, 3, 7} &&
              ns::description(ns::layers<prelu_net>[0]) == "prelu, 1 slope" &&
              ns::description(ns::layers<prelu_net>[1]) == "prelu, 7 slopes");
static_assert(ns::layers<ns::network<ns::input<1, 1, 1>, ns::gelu>>[0].fn == ns::function::gelu);

// Channel shuffle: a copy (counts), shape unchanged; slice: a view (does not count).
using shuffle = ns::network<ns::input<7, 7, 116>, ns::channel_shuffle<2>>;
static_assert(ns::output_shape<shuffle> == ns::shape{7, 7, 116} && ns::activations<shuffle> == 2 * 7 * 7 * 116);
using split = ns::network<ns::input<7, 7, 116>, ns::concat<ns::channel_slice<0, 58>,
                                                           ns::sequential<ns::channel_slice<58, 58>, ns::conv2d<58, 1>>>>;
static_assert(ns::output_shape<split> == ns::shape{7, 7, 116});
static_assert(ns::layers<split>[0].output_shape == ns::shape{7, 7, 58} && ns::layers<split>[0].activations == 0);
static_assert(ns::activations<split> == 7 * 7 * 116 + 7 * 7 * 58 + 7 * 7 * 116);  // input, conv, concat
// The whole input as a slice and a single-channel slice at the end.
static_assert(ns::output_shape<ns::network<ns::input<2, 2, 5>, ns::channel_slice<0, 5>>> == ns::shape{2, 2, 5});
static_assert(ns::output_shape<ns::network<ns::input<2, 2, 5>, ns::channel_slice<4, 1>>> == ns::shape{2, 2, 1});

// The public API contract of issue 2.
using alexnet = ns::network<ns::input<227, 227, 3>,
    ns::conv2d<96, 11, ns::stride<4>>, ns::relu, ns::max_pool<3, ns::stride<2>>,
    ns::conv2d<256, 5, ns::pad<2>>, ns::relu, ns::max_pool<3, ns::stride<2>>,
    ns::conv2d<384, 3, ns::pad<1>>, ns::relu, ns::conv2d<384, 3, ns::pad<1>>, ns::relu,
    ns::conv2d<256, 3, ns::pad<1>>, ns::relu, ns::max_pool<3, ns::stride<2>>,
    ns::dense<4096>, ns::relu, ns::dense<4096>, ns::relu, ns::dense<1000>>;
static_assert(ns::params<alexnet> == 62'378'344);
static_assert(ns::output_shape<alexnet> == ns::shape{1, 1, 1000});
static_assert(ns::layers<alexnet>[0].output_shape == ns::shape{55, 55, 96} && ns::layers<alexnet>[0].weights == 34'848);
static_assert(ns::input_shape<alexnet> == ns::shape{227, 227, 3} && ns::totals<alexnet>.params == 62'378'344);

// A rule's check: what a spec breaks on its own, worked out once per layer type and reported at
// that layer, before its input is looked at; kinds without one break nothing on their own.
constexpr ns::rule checked(ns::kind k, ns::spec s) {
    s.kind = k;
    return ns::info_of(k)->check(s);
}
static_assert(checked(ns::kind::conv2d, {.units = 8, .kernel = 3}) == ns::rule::none);
static_assert(checked(ns::kind::conv2d, {.units = 8, .kernel = 0}) == ns::rule::kernel_not_positive);
static_assert(checked(ns::kind::conv2d, {.units = 8, .kernel = 3, .stride = ns::hw{1, 0}}) ==
              ns::rule::stride_not_positive);
static_assert(checked(ns::kind::conv2d, {.units = 8, .kernel = 3, .pad = ns::hw{-1, 0}}) == ns::rule::pad_negative);
static_assert(checked(ns::kind::conv2d, {.units = 8, .kernel = 3, .dilation = 0}) == ns::rule::dilation_not_positive);
static_assert(checked(ns::kind::conv2d, {.units = 0, .kernel = 3}) == ns::rule::filters_not_positive);
static_assert(checked(ns::kind::conv2d, {.units = 8, .kernel = 3, .groups = 0}) == ns::rule::groups_not_positive);
static_assert(checked(ns::kind::conv2d, {.units = 8, .kernel = 3, .groups = 3}) ==
              ns::rule::groups_not_dividing_filters);
static_assert(checked(ns::kind::max_pool, {.kernel = 3, .stride = 2, .pad = 1}) == ns::rule::none);
static_assert(checked(ns::kind::max_pool, {.kernel = 3, .stride = 2, .pad = 2}) == ns::rule::pool_pad_over_half_kernel);
static_assert(checked(ns::kind::avg_pool, {.kernel = 2, .stride = 0}) == ns::rule::stride_not_positive);
static_assert(checked(ns::kind::adaptive_avg_pool, {.kernel = ns::hw{1, 0}}) == ns::rule::output_size_not_positive);
static_assert(checked(ns::kind::dense, {.units = 0}) == ns::rule::units_not_positive);
static_assert(checked(ns::kind::batch_norm, {}) == ns::rule::none && checked(ns::kind::lrn, {}) == ns::rule::none);
static_assert(checked(ns::kind::conv_transpose2d, {.units = 8, .kernel = 4, .stride = 2, .output_padding = 1}) ==
              ns::rule::none);
static_assert(checked(ns::kind::conv_transpose2d, {.units = 8, .kernel = 4, .stride = 2, .output_padding = 2}) ==
              ns::rule::output_padding_too_large);
static_assert(checked(ns::kind::conv_transpose2d, {.units = 8, .kernel = 4, .groups = 3}) ==
              ns::rule::groups_not_dividing_filters);
static_assert(checked(ns::kind::upsample, {.stride = ns::hw{2, 0}}) == ns::rule::scale_not_positive);
static_assert(checked(ns::kind::resize, {.kernel = ns::hw{0, 4}}) == ns::rule::resize_not_positive);
static_assert(checked(ns::kind::pixel_shuffle, {.units = 0}) == ns::rule::scale_not_positive);
// A check's rule is reported at its layer, in network order, after the rank rule of that layer.
template <class... L>
constexpr ns::detail::failure first_broken(ns::shape input) {  // the interpreter's verdict, not reported
    return ns::detail::outcome_whole<ns::detail::joined<L...>::counts.depth>(input, ns::detail::flattened<L...>::nodes)
        .error;
}
static_assert(first_broken<ns::relu, ns::conv2d<8, 0>>(ns::shape{8, 8, 3}).broken == ns::rule::kernel_not_positive);
static_assert(first_broken<ns::relu, ns::conv2d<8, 0>>(ns::shape{8, 8, 3}).layer == 1);
static_assert(first_broken<ns::conv2d<8, 3>, ns::conv2d<8, 0>>(ns::shape{2, 2, 3}).broken ==
              ns::rule::kernel_exceeds_input);  // the first layer's input rule comes first
static_assert(first_broken<ns::conv2d<8, 0>>(ns::shape::sequence(8, 3)).broken == ns::rule::sequence_not_accepted);

// Issue 13's kinds through whole networks: a U-Net step down and up ends with output stride (jump) 1,
// whichever way it upsamples; receptive fields by the rules' exact formulas (docs/layers.md).
namespace unet {
using down = ns::sequential<ns::conv2d<16, 3, ns::pad<1>>, ns::conv2d<16, 3, ns::pad<1>>, ns::max_pool<2>,
                            ns::conv2d<32, 3, ns::pad<1>>, ns::conv2d<32, 3, ns::pad<1>>>;  // r 14, j 2
using transposed = ns::network<ns::input<64, 64, 3>, down, ns::conv_transpose2d<16, 2, ns::stride<2>>,
                               ns::conv2d<16, 3, ns::pad<1>>>;
static_assert(ns::output_shape<transposed> == ns::shape{64, 64, 16});
static_assert(ns::receptive_field<transposed> == ns::field{14 + 2 * 1, 14 + 2 * 1, 1, 1});  // ⌈2/2⌉ = 1 position
static_assert(ns::layers<transposed>[5].weights == 32 * 16 * 2 * 2 && ns::layers<transposed>[5].macs == 32 * 32 * 32 * 16 * 2 * 2);
using nearest = ns::network<ns::input<64, 64, 3>, down, ns::upsample<2>, ns::conv2d<16, 3, ns::pad<1>>>;
static_assert(ns::receptive_field<nearest> == ns::field{14 + 2 * 1, 14 + 2 * 1, 1, 1});
using bilinear = ns::network<ns::input<64, 64, 3>, down, ns::upsample<2, ns::interpolation::bilinear>>;
static_assert(ns::receptive_field<bilinear> == ns::field{14 + 2, 14 + 2, 1, 1});  // one more input position of jump 2
using shuffled = ns::network<ns::input<64, 64, 3>, down, ns::conv2d<4 * 16, 1>, ns::pixel_shuffle<2>>;
static_assert(ns::output_shape<shuffled> == ns::shape{64, 64, 16} && ns::receptive_field<shuffled>.jump_height == 1);
using resized = ns::network<ns::input<64, 64, 3>, down, ns::resize<64, 64>>;
static_assert(ns::receptive_field<resized> == ns::field{14, 14, 1, 1});
// The skip connection: the input and its way down and up, concatenated.
using skip = ns::network<ns::input<64, 64, 16>,
                         ns::concat<ns::identity, ns::sequential<down, ns::conv_transpose2d<16, 2, ns::stride<2>>>>>;
static_assert(ns::output_shape<skip> == ns::shape{64, 64, 32});
// Up by 2, a 3×3, a pool of 2: an output reads conv positions 2o .. 2o + 1, up-map positions
// 2o − 1 .. 2o + 2, input positions o − 1 .. o + 1: 3 (the recurrence gave 5/2, a width no output has; see
// tests/test_receptive.cpp, measured by PyTorch).
using half = ns::network<ns::input<8, 8, 1>, ns::upsample<2>, ns::conv2d<1, 3, ns::pad<1>>, ns::max_pool<2>>;
static_assert(ns::receptive_field<half> == ns::field{3, 3, 1, 1});
// Odd strides and dilation: stride 3 down, a 4-tap transposed conv of stride 3, dilation 2 up:
// ⌊2·3/lcm(3, 2)⌋·(2/gcd(3, 2)) + 1 = 3 input positions of jump 3.
using odd = ns::network<ns::input<27, 27, 1>, ns::conv2d<1, 3, ns::stride<3>>,
                        ns::conv_transpose2d<1, 4, ns::stride<3>, ns::dilation<2>>>;
static_assert(ns::receptive_field<odd> == ns::field{3 + (3 - 1) * 3, 3 + (3 - 1) * 3, 1, 1});
static_assert(ns::output_shape<odd> == ns::shape{(9 - 1) * 3 + 2 * (4 - 1) + 1, (9 - 1) * 3 + 2 * (4 - 1) + 1, 1});
// Ranks: the image kinds refuse sequences; group_norm takes every rank, instance_norm all but vectors.
static_assert(!ns::accepts(ns::info_of(ns::kind::upsample)->ranks, 2) && !ns::accepts(ns::info_of(ns::kind::resize)->ranks, 4));
static_assert(ns::info_of(ns::kind::conv_transpose2d)->ranks == ns::ranks::image &&
              ns::info_of(ns::kind::pixel_shuffle)->ranks == ns::ranks::image &&
              ns::info_of(ns::kind::pixel_unshuffle)->ranks == ns::ranks::image);
static_assert(ns::info_of(ns::kind::group_norm)->ranks == ns::ranks::any &&
              ns::info_of(ns::kind::instance_norm)->ranks == (ns::ranks::any & ~ns::ranks::vector));
}  // namespace unet

TEST_CASE("shape, hw and field value types") {
    CHECK(ns::shape{2, 3, 4}.elements() == 24);
    CHECK(ns::shape{2, 3, 4} == ns::shape{2, 3, 4});
    CHECK_FALSE(ns::shape{2, 3, 4} == ns::shape{2, 4, 3});
    CHECK(ns::hw{3} == ns::hw{3, 3});
    CHECK_FALSE(ns::hw{1, 7} == ns::hw{7, 1});
    CHECK(ns::field{} == ns::field{1, 1, 1, 1});
    for (int r = 0; r <= static_cast<int>(ns::rule::count_overflow); ++r) {
        const auto rule = static_cast<ns::rule>(r);
        const std::string text = ns::message(rule);
        CHECK((rule == ns::rule::none) == text.empty());
        if (rule != ns::rule::none) CHECK(text.rfind("netshape: ", 0) == 0);
    }
}
