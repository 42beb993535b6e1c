// Volumes and sequences (issue 15): the 3-D and 1-D kinds against two hand-written PyTorch networks
// of unusual sizes (tests/data/pytorch_volumes.hpp, written by tools/pytorch_volume_reference.py:
// every figure is what PyTorch returned), and their rules against exact formulas.
#include <doctest/doctest.h>

#include <cstddef>
#include <sstream>
#include <string>

#include <netshape/netshape.hpp>
#include <netshape/print.hpp>

#include "data/pytorch_volumes.hpp"

namespace ns = netshape;
using ns::count_t;

namespace {

// tools/pytorch_volume_reference.py's volume_layers(), as netshape writes it (input C, D, H, W = 3, 11, 23, 17).
using volume_head = ns::network<
    ns::input_volume<11, 23, 17, 3>,
    ns::conv3d<10, ns::dhw{3, 5, 4}, ns::stride<1, 2, 3>, ns::pad<1, 2, 0>, ns::dilation<2, 1, 1>, ns::no_bias>,
    ns::batch_norm, ns::relu,
    ns::max_pool3d<ns::dhw{2, 3, 2}, ns::stride<1, 2, 2>, ns::pad<1, 1, 0>, ns::dilation<1, 1, 2>, ns::ceil_mode>,
    ns::conv3d<12, 3, ns::pad<1>, ns::groups<2>>>;
using volume_net = ns::network<
    ns::input_volume<11, 23, 17, 3>,
    ns::conv3d<10, ns::dhw{3, 5, 4}, ns::stride<1, 2, 3>, ns::pad<1, 2, 0>, ns::dilation<2, 1, 1>, ns::no_bias>,
    ns::batch_norm, ns::relu,
    ns::max_pool3d<ns::dhw{2, 3, 2}, ns::stride<1, 2, 2>, ns::pad<1, 1, 0>, ns::dilation<1, 1, 2>, ns::ceil_mode>,
    ns::conv3d<12, 3, ns::pad<1>, ns::groups<2>>, ns::group_norm<3>,
    ns::conv_transpose3d<6, ns::dhw{2, 3, 3}, ns::stride<2, 1, 2>, ns::pad<0, 1, 1>, ns::output_padding<1, 0, 1>>,
    ns::instance_norm<ns::affine>,
    ns::avg_pool3d<ns::dhw{3, 2, 2}, ns::stride<2, 2, 1>, ns::pad<1, 0, 1>, ns::ceil_mode>,
    ns::adaptive_max_pool3d<2, 3, 5>, ns::conv3d<4, 1>, ns::global_avg_pool, ns::flatten, ns::dense<7>>;

// sequence_layers() (input C, L = 5, 997).
using sequence_head = ns::network<ns::input_sequence<997, 5>, ns::conv1d<9, 7, ns::stride<3>, ns::pad<2>, ns::dilation<2>>,
                                  ns::batch_norm, ns::relu,
                                  ns::max_pool1d<5, ns::stride<2>, ns::pad<2>, ns::dilation<3>, ns::ceil_mode>,
                                  ns::conv1d<12, 4, ns::groups<3>, ns::no_bias>>;
using sequence_net = ns::network<ns::input_sequence<997, 5>, ns::conv1d<9, 7, ns::stride<3>, ns::pad<2>, ns::dilation<2>>,
                                 ns::batch_norm, ns::relu,
                                 ns::max_pool1d<5, ns::stride<2>, ns::pad<2>, ns::dilation<3>, ns::ceil_mode>,
                                 ns::conv1d<12, 4, ns::groups<3>, ns::no_bias>,
                                 ns::conv_transpose1d<4, 5, ns::stride<3>, ns::pad<1>, ns::output_padding<2>>,
                                 ns::avg_pool1d<3, ns::stride<2>, ns::pad<1>, ns::ceil_mode>, ns::adaptive_avg_pool1d<13>,
                                 ns::flatten, ns::dense<11>>;

template <class Net, std::size_t N>
constexpr bool equals_pytorch(const pytorch_volumes::row (&rows)[N]) {
    const auto& all = ns::layers<Net>;
    if (all.size() != N) return false;
    for (std::size_t i = 0; i < N; ++i) {
        const ns::layer_record& r = all[i];
        const pytorch_volumes::row& p = rows[i];
        const ns::shape o = r.output_shape;
        if (o.depth != p.d || o.height != p.h || o.width != p.w || o.channels != p.c || r.weights != p.weights ||
            r.biases != p.biases || r.buffers != p.buffers || r.macs != p.macs)
            return false;
    }
    return true;
}

template <std::size_t N>
constexpr count_t sum(const pytorch_volumes::row (&rows)[N], count_t pytorch_volumes::row::*field) {
    count_t total = 0;
    for (const auto& r : rows) total += r.*field;
    return total;
}

}  // namespace

static_assert(equals_pytorch<volume_net>(pytorch_volumes::volume_net));
static_assert(equals_pytorch<sequence_net>(pytorch_volumes::sequence_net));
static_assert(ns::params<volume_net> ==
              sum(pytorch_volumes::volume_net, &pytorch_volumes::row::weights) +
                  sum(pytorch_volumes::volume_net, &pytorch_volumes::row::biases));
static_assert(ns::macs<sequence_net> == sum(pytorch_volumes::sequence_net, &pytorch_volumes::row::macs));
static_assert(ns::output_shape<volume_net> == ns::shape::vector(7) || ns::output_shape<volume_net> == ns::shape{1, 1, 7});

TEST_CASE("a hand-written 3-D network equals PyTorch, layer by layer") {
    CHECK(equals_pytorch<volume_net>(pytorch_volumes::volume_net));
    CHECK(ns::buffers<volume_net> == sum(pytorch_volumes::volume_net, &pytorch_volumes::row::buffers));
    CHECK(ns::macs<volume_net> == sum(pytorch_volumes::volume_net, &pytorch_volumes::row::macs));
}

TEST_CASE("a hand-written 1-D network equals PyTorch, layer by layer") {
    CHECK(equals_pytorch<sequence_net>(pytorch_volumes::sequence_net));
    CHECK(ns::params<sequence_net> == sum(pytorch_volumes::sequence_net, &pytorch_volumes::row::weights) +
                                          sum(pytorch_volumes::sequence_net, &pytorch_volumes::row::biases));
}

// The receptive field per axis, as PyTorch's gradients reach the input (depth too).
static_assert(ns::receptive_field<volume_head>.depth == pytorch_volumes::volume_field[0]);
static_assert(ns::receptive_field<volume_head>.height == pytorch_volumes::volume_field[1]);
static_assert(ns::receptive_field<volume_head>.width == pytorch_volumes::volume_field[2]);
static_assert(ns::receptive_field<sequence_head>.width == pytorch_volumes::sequence_field);
static_assert(ns::receptive_field<sequence_head>.height == 1 && ns::receptive_field<sequence_head>.depth == 1);
// Jumps: the product of the strides on each axis (conv 1×2×3, pool 1×2×2; conv1d 3, pool 2).
static_assert(ns::receptive_field<volume_head>.jump_depth == 1 && ns::receptive_field<volume_head>.jump_height == 4 &&
              ns::receptive_field<volume_head>.jump_width == 6);
static_assert(ns::receptive_field<sequence_head>.jump_width == 6);
// An image's depth stays one.
static_assert(ns::receptive_field<ns::network<ns::input<9, 9, 1>, ns::conv2d<1, 3>>>.depth == 1);

// conv3d with a depth-1 kernel on a clip of one frame is conv2d (the arithmetic is shared).
using flat_clip = ns::network<ns::input_volume<1, 19, 23, 6>, ns::conv3d<8, ns::dhw{1, 5, 3}, ns::stride<1, 2, 3>, ns::pad<0, 1, 2>, ns::groups<2>>>;
using flat_image = ns::network<ns::input<19, 23, 6>, ns::conv2d<8, ns::hw{5, 3}, ns::stride<2, 3>, ns::pad<1, 2>, ns::groups<2>>>;
static_assert(ns::params<flat_clip> == ns::params<flat_image> && ns::macs<flat_clip> == ns::macs<flat_image>);
static_assert(ns::output_shape<flat_clip>.height == ns::output_shape<flat_image>.height &&
              ns::output_shape<flat_clip>.width == ns::output_shape<flat_image>.width);
// One value of an option is every axis: stride<2> on conv3d halves depth, height and width.
static_assert(ns::output_shape<ns::network<ns::input_volume<8, 8, 8, 1>, ns::conv3d<1, 1, ns::stride<2>>>> ==
              ns::shape::volume(4, 4, 4, 1));
// Formulas: weights k_d·k_h·k_w·C/g·F; MACs D'·H'·W'·weights; pools keep channels and default stride = kernel.
using c3 = ns::network<ns::input_volume<7, 9, 10, 4>, ns::conv3d<6, ns::dhw{3, 2, 5}, ns::pad<1, 0, 2>>>;
static_assert(ns::output_shape<c3> == ns::shape::volume(7, 8, 10, 6));
static_assert(ns::params<c3> == 3 * 2 * 5 * 4 * 6 + 6 && ns::macs<c3> == 7 * 8 * 10 * (3 * 2 * 5 * 4 * 6));
static_assert(ns::output_shape<ns::network<ns::input_volume<7, 9, 10, 4>, ns::max_pool3d<ns::dhw{2, 3, 3}>>> ==
              ns::shape::volume(3, 3, 3, 4));
static_assert(ns::output_shape<ns::network<ns::input_volume<7, 9, 10, 4>, ns::avg_pool3d<2, ns::ceil_mode>>> ==
              ns::shape::volume(4, 5, 5, 4));
static_assert(ns::output_shape<ns::network<ns::input_volume<7, 9, 10, 4>, ns::adaptive_avg_pool3d<2, 3, 4>>> ==
              ns::shape::volume(2, 3, 4, 4));
// global_avg_pool on a volume: C values (1×1×1×C, PyTorch's AdaptiveAvgPool3d(1)); on a sequence 1×C.
static_assert(ns::output_shape<ns::network<ns::input_volume<7, 9, 10, 4>, ns::global_avg_pool>> == ns::shape::volume(1, 1, 1, 4));
static_assert(ns::output_shape<ns::network<ns::input_sequence<99, 4>, ns::global_max_pool>> == ns::shape::sequence(1, 4));
// dense flattens a volume: n = D·H·W·C inputs; its receptive field is then the whole clip.
using flat = ns::network<ns::input_volume<3, 4, 5, 2>, ns::dense<10>>;
static_assert(ns::params<flat> == 3 * 4 * 5 * 2 * 10 + 10 && ns::output_shape<flat> == ns::shape{1, 1, 10});
static_assert(ns::receptive_field<flat>.depth == 3 && ns::receptive_field<flat>.height == 4 && ns::receptive_field<flat>.width == 5);
// Norms and activations take any rank.
using normed = ns::network<ns::input_volume<3, 4, 5, 6>, ns::batch_norm, ns::group_norm<3>, ns::instance_norm<ns::affine>, ns::gelu>;
static_assert(ns::params<normed> == 2 * 6 + 2 * 6 + 2 * 6 && ns::buffers<normed> == 2 * 6);
// Transposed 3-D: (in − 1)·s − 2p + d·(k − 1) + op + 1 per axis; MACs in positions · C·F/g·taps.
using t3 = ns::network<ns::input_volume<4, 5, 6, 2>, ns::conv_transpose3d<3, ns::dhw{2, 3, 4}, ns::stride<3, 2, 1>, ns::output_padding<2, 1, 0>>>;
static_assert(ns::output_shape<t3> == ns::shape::volume(3 * 3 + 1 + 2 + 1, 4 * 2 + 2 + 1 + 1, 5 + 3 + 1, 3));
static_assert(ns::macs<t3> == 4 * 5 * 6 * 2 * 3 * (2 * 3 * 4) && ns::params<t3> == 2 * 3 * 24 + 3);
// Sequences: conv1d weights k·C/g·F, output floor((L + 2p − d(k − 1) − 1)/s) + 1.
using c1 = ns::network<ns::input_sequence<8000, 1>, ns::conv1d<32, 80, ns::stride<16>>>;
static_assert(ns::output_shape<c1> == ns::shape::sequence((8000 - 80) / 16 + 1, 32) && ns::params<c1> == 80 * 32 + 32);

TEST_CASE("descriptions and the printer show D×H×W×C and L×C") {
    CHECK(std::string(ns::description(ns::layers<volume_net>[0]).c_str()) ==
          "conv 3×5×4/1×2×3, 10, pad 1×2×0, dilation 2×1×1, no bias");
    CHECK(std::string(ns::description(ns::layers<volume_net>[3]).c_str()) ==
          "max pool 2×3×2/1×2×2, pad 1×1×0, dilation 1×1×2, ceil");
    CHECK(std::string(ns::description(ns::layers<volume_net>[4]).c_str()) == "conv 3×3×3, 12, pad 1, groups 2");
    CHECK(std::string(ns::description(ns::layers<volume_net>[9]).c_str()) == "adaptive max pool to 2×3×5");
    CHECK(std::string(ns::description(ns::layers<volume_net>[11]).c_str()) == "global avg pool");
    CHECK(std::string(ns::description(ns::layers<sequence_net>[0]).c_str()) == "conv 7/3, 9, pad 2, dilation 2");
    CHECK(std::string(ns::description(ns::layers<sequence_net>[5]).c_str()) ==
          "transposed conv 5/3, 4, pad 1, output padding 2");
    CHECK(std::string(ns::description(ns::layers<sequence_net>[7]).c_str()) == "adaptive avg pool to 13");
    std::ostringstream volume, sequence;
    volume << ns::summary<volume_net>();
    sequence << ns::summary<sequence_net>();
    CHECK(volume.str().find("11×23×17×3") != std::string::npos);
    CHECK(volume.str().find("9×12×5×10") != std::string::npos);
    CHECK(volume.str().find("conv3d") != std::string::npos);
    CHECK(sequence.str().find("997×5") != std::string::npos);
    CHECK(sequence.str().find("330×9") != std::string::npos);
}

TEST_CASE("the 2-D adaptive pools refuse a volume or a sequence unless they pool it whole") {
    ns::layer_record r{};
    r.kind = ns::kind::adaptive_avg_pool;
    r.info = ns::info_of(r.kind);
    r.kernel = ns::hw{2, 2};
    r.input_shape = ns::shape::volume(3, 4, 5, 6);
    CHECK(ns::detail::apply(r, r) == ns::rule::volume_not_accepted);
    r.input_shape = ns::shape::sequence(9, 6);
    CHECK(ns::detail::apply(r, r) == ns::rule::sequence_not_accepted);
    r.kernel = ns::hw{1, 1};
    CHECK(ns::detail::apply(r, r) == ns::rule::none);
    CHECK(r.output_shape == ns::shape::sequence(1, 6));
}
