// Networks the zoo does not have, written from the user-facing docs alone, as a user would write
// them, against the same networks written in PyTorch (tests/data/outside_reference.hpp, written by
// tools/outside_reference.py: every figure is what PyTorch returned): parameters, buffers, MACs,
// every output's shape and, on bodies whose figure does not depend on the input's size, the
// receptive field by gradients. Then the printer and the arena on each: the tables add up, the JSON
// parses, the plans replay.
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <sstream>
#include <string>

#include <netshape/arena.hpp>
#include <netshape/netshape.hpp>
#include <netshape/print.hpp>

#include "arena_replay.hpp"
#include "data/outside_reference.hpp"

namespace ns = netshape;
namespace ref = outside_reference;
using ns::count_t;
using ns::dhw;
using ns::hw;

namespace {

constexpr ns::shape as_shape(ref::dhwc s, int rank) {
    switch (rank) {
        case 1: return ns::shape::vector(s.channels);
        case 2: return ns::shape::sequence(s.width, s.channels);
        case 3: return ns::shape{s.height, s.width, s.channels};
        default: return ns::shape::volume(s.depth, s.height, s.width, s.channels);
    }
}

/// Net's parameters, buffers, MACs and every output's shape are PyTorch's. A sequence of one token
/// (a 1-D network's global pool and Linear) is PyTorch's vector: compared by its elements.
template <class Net, std::size_t N>
constexpr bool same(const ref::model& m, const ref::dhwc (&outputs)[N]) {
    if (ns::params<Net> != m.params || ns::buffers<Net> != m.buffers || ns::macs<Net> != m.macs ||
        ns::output_shapes<Net>.size() != N)
        return false;
    for (std::size_t i = 0; i < N; ++i) {
        const ns::shape& s = ns::output_shapes<Net>[i];
        const ns::shape expected = as_shape(outputs[i], s.rank);
        if (!(s == expected) && !(s.rank == 2 && s.elements() == outputs[i].channels && outputs[i].width == 1))
            return false;
    }
    return true;
}

/// The receptive field on every axis the network has is PyTorch's widest support.
template <class Net>
constexpr bool same_field(const ref::support& r) {
    const ns::field f = ns::receptive_field<Net>;
    return f.depth == r.depth && f.height == r.height && f.width == r.width;
}

// ---- unet3d: a 3-D U-Net on 12×22×16×2, two levels, a ceil-mode pool on the odd height, skips concatenated.
template <count_t D, count_t H, count_t W>
using unet3d_at = ns::network<ns::input_volume<D, H, W, 2>,
    ns::conv3d<8, 3, ns::pad<1>, ns::no_bias>, ns::batch_norm, ns::relu,
    ns::concat<ns::identity, ns::sequential<
        ns::max_pool3d<2>, ns::conv3d<16, 3, ns::pad<1>>, ns::relu,
        ns::concat<ns::identity, ns::sequential<
            ns::max_pool3d<2, ns::ceil_mode>, ns::conv3d<32, dhw{1, 3, 3}, ns::pad<0, 1, 1>>, ns::relu,
            ns::conv_transpose3d<16, 3, ns::stride<2>, ns::pad<1>, ns::output_padding<1, 0, 1>>>>,
        ns::conv3d<16, 3, ns::pad<1>>, ns::relu,
        ns::conv_transpose3d<8, 3, ns::stride<2>, ns::pad<1>, ns::output_padding<1>>>>,
    ns::conv3d<8, 3, ns::pad<1>>, ns::relu, ns::conv3d<3, 1>>;
using unet3d = unet3d_at<12, 22, 16>;

// ---- tcn: a temporal conv net on a signal of 997 samples.
using tcn_body = ns::sequential<
    ns::conv1d<16, 7, ns::stride<2>, ns::pad<3>>, ns::batch_norm, ns::relu,
    ns::add<ns::sequential<ns::conv1d<16, 3, ns::pad<2>, ns::dilation<2>>, ns::relu,
                           ns::conv1d<16, 3, ns::pad<4>, ns::dilation<4>>>,
            ns::identity>,
    ns::add<ns::sequential<ns::conv1d<32, 5, ns::stride<3>, ns::pad<6>, ns::dilation<3>, ns::groups<4>>, ns::relu,
                           ns::conv1d<32, 3, ns::pad<8>, ns::dilation<8>>>,
            ns::conv1d<32, 1, ns::stride<3>>>,
    ns::max_pool1d<3, ns::stride<2>, ns::ceil_mode>, ns::avg_pool1d<4, ns::stride<3>, ns::pad<2>, ns::ceil_mode>,
    ns::conv_transpose1d<8, 4, ns::stride<3>, ns::output_padding<2>, ns::dilation<2>>>;
using tcn = ns::network<ns::input_sequence<997, 1>, tcn_body, ns::global_avg_pool, ns::flatten, ns::dense<5>>;
using tcn_field = ns::network<ns::input_sequence<1501, 1>, tcn_body>;

// ---- conformer: 37 tokens of 48 features, embedded to 64, a class token, a position table, two blocks.
using conformer_block = ns::sequential<
    ns::add<ns::sequential<ns::layer_norm, ns::multi_head_attention<4>>, ns::identity>,
    ns::add<ns::sequential<ns::layer_norm, ns::dense<128>, ns::silu, ns::dense<64>>, ns::identity>,
    ns::add<ns::sequential<ns::layer_norm, ns::dense<64>, ns::conv1d<64, 15, ns::pad<7>, ns::groups<64>>, ns::batch_norm,
                           ns::silu, ns::dense<64>>,
            ns::identity>>;
using conformer = ns::network<ns::input_sequence<37, 48>, ns::dense<64>, ns::class_token, ns::position_embedding,
                              conformer_block, conformer_block, ns::layer_norm, ns::select_token<0>, ns::dense<10>>;

// ---- fpn: four stride-2 stages on 67×45, laterals, nearest resizes to each lateral's size, P4, P5, P3, P2.
using stage2 = ns::sequential<ns::conv2d<32, 3, ns::stride<2>, ns::pad<1>>, ns::relu>;
using fpn = ns::network<ns::input<67, 45, 3>,
    ns::conv2d<16, 3, ns::stride<2>, ns::pad<1>>, ns::relu, stage2,
    ns::add<ns::conv2d<32, 1>,
            ns::sequential<ns::conv2d<64, 3, ns::stride<2>, ns::pad<1>>, ns::relu,
                           ns::add<ns::conv2d<32, 1>,
                                   ns::sequential<ns::conv2d<96, 3, ns::stride<2>, ns::pad<1>>, ns::relu, ns::conv2d<32, 1>,
                                                  ns::output<ns::sequential<ns::conv2d<32, 3, ns::pad<1>>,
                                                                            ns::output<ns::max_pool<1, ns::stride<2>>>>>,
                                                  ns::resize<9, 6>>>,
                           ns::output<ns::conv2d<32, 3, ns::pad<1>>>, ns::resize<17, 12>>>,
    ns::conv2d<32, 3, ns::pad<1>>>;

// ---- aux: a classifier on 75×61 with an auxiliary head, a depthwise-separable block and a gate.
template <count_t H, count_t W>
using aux_stem = ns::sequential<
    ns::conv2d<24, hw{5, 3}, ns::stride<2>, ns::pad<2, 1>>, ns::batch_norm, ns::relu,
    ns::max_pool<3, ns::stride<2>, ns::ceil_mode>, ns::conv2d<48, 3, ns::pad<1>, ns::groups<3>>, ns::relu>;
using aux_separable = ns::sequential<
    ns::conv2d<48, 3, ns::stride<2>, ns::pad<1>, ns::groups<48>, ns::no_bias>, ns::batch_norm, ns::relu6,
    ns::conv2d<96, 1, ns::no_bias>, ns::batch_norm, ns::hardswish>;
using aux = ns::network<ns::input<75, 61, 3>, aux_stem<75, 61>,
    ns::output<ns::sequential<ns::avg_pool<5, ns::stride<3>>, ns::conv2d<16, 1>, ns::relu, ns::flatten, ns::dense<32>,
                              ns::relu, ns::dropout, ns::dense<7>>>,
    aux_separable,
    ns::multiply<ns::identity, ns::sequential<ns::global_avg_pool, ns::conv2d<24, 1>, ns::relu, ns::conv2d<96, 1>,
                                              ns::hardsigmoid>>,
    ns::adaptive_avg_pool<3, 5>, ns::flatten, ns::dense<7>>;
using aux_field = ns::network<ns::input<91, 83, 3>, aux_stem<91, 83>, aux_separable>;

// ---- odd: odd kernels, paddings, strides and groups; up and down by several kinds.
using odd_body = ns::sequential<
    ns::conv2d<12, hw{3, 5}, ns::pad<1, 2>, ns::groups<3>, ns::dilation<2, 1>>,
    ns::conv_transpose2d<8, hw{3, 4}, ns::stride<2, 3>, ns::pad<1, 0>, ns::output_padding<1, 2>, ns::groups<4>,
                         ns::dilation<1, 2>>,
    ns::pixel_unshuffle<3>, ns::channel_shuffle<4>, ns::avg_pool<hw{3, 2}, ns::stride<2>, ns::pad<1>, ns::ceil_mode>,
    ns::max_pool<hw{2, 3}, ns::stride<1, 2>, ns::pad<1>, ns::dilation<2, 1>>>;
using odd = ns::network<ns::input<29, 23, 6>, odd_body, ns::adaptive_max_pool<4, 5>, ns::conv2d<18, 2>,
                        ns::pixel_shuffle<3>, ns::upsample<hw{2, 3}, ns::interpolation::bilinear, ns::align_corners>,
                        ns::resize<7, 11, ns::interpolation::bilinear>>;
using odd_field = ns::network<ns::input<41, 37, 6>, odd_body>;

// ---- refine: one conv-BN-ReLU module three times (the second dilated), two heads sharing one Linear.
using step = ns::sequential<ns::conv2d<8, 3, ns::pad<1>>, ns::batch_norm, ns::relu>;
using fc = ns::shared<"fc", ns::sequential<ns::flatten, ns::dense<6>>>;
using refine = ns::network<ns::input<31, 25, 8>, ns::shared<"step", step>,
    ns::shared<"step", ns::sequential<ns::conv2d<8, 3, ns::pad<2>, ns::dilation<2>>, ns::batch_norm, ns::relu>>,
    ns::shared<"step", step>,
    ns::output<ns::sequential<ns::max_pool<2>, fc>>,
    ns::max_pool<3, ns::stride<1>, ns::pad<1>>, ns::max_pool<2>, fc>;

// ---- mixed: one PyTorch model of three inputs, written as three networks whose figures add up to its.
using mixed_image = ns::network<ns::input<33, 29, 12>, ns::zero_pad<1, 0, 2, 3>, ns::conv2d<16, 3, ns::stride<2>>,
    ns::group_norm<4>, ns::prelu<16>,
    ns::concat<ns::channel_slice<0, 8>,
               ns::sequential<ns::channel_slice<8, 8>, ns::conv2d<8, 1>, ns::instance_norm<ns::affine, ns::track_running_stats>,
                              ns::relu>>,
    ns::channel_shuffle<2>, ns::neg_inf_pad<0, 0, 1, 1>, ns::max_pool<3, ns::stride<2>>,
    ns::multiply<ns::identity, ns::sequential<ns::adaptive_avg_pool<1, 7>, ns::conv2d<16, 1>, ns::sigmoid>>,
    ns::lrn, ns::layer_scale, ns::frozen_batch_norm, ns::dense<10>>;
using mixed_signal = ns::network<ns::input_sequence<50, 6>, ns::conv1d<12, 5, ns::stride<2>>, ns::group_norm<3>,
    ns::concat<ns::identity, ns::conv1d<12, 3, ns::pad<1>>>, ns::adaptive_avg_pool1d<7>, ns::instance_norm<>, ns::dense<5>>;
using mixed_volume = ns::network<ns::input_volume<5, 9, 11, 2>, ns::conv3d<4, 3, ns::pad<1>>, ns::adaptive_max_pool3d<2, 4, 3>,
                                 ns::dense<6>>;

template <class... Nets>
constexpr bool same_sum(const ref::model& m, const ref::dhwc (&outputs)[sizeof...(Nets)]) {
    if ((ns::params<Nets> + ...) != m.params || (ns::buffers<Nets> + ...) != m.buffers || (ns::macs<Nets> + ...) != m.macs)
        return false;
    std::size_t i = 0;
    return ((ns::output_shape<Nets> == as_shape(outputs[i++], ns::output_shape<Nets>.rank)) && ...);
}

// ---- three networks that go up, for their receptive fields at their own input.
using resampled_field = ns::network<ns::input<60, 52, 2>, ns::conv2d<4, 3, ns::pad<1>>, ns::max_pool<2>,
    ns::resize<45, 39, ns::interpolation::bilinear>, ns::conv2d<4, 3, ns::pad<1>>, ns::upsample<2>,
    ns::conv2d<2, 5, ns::stride<3>, ns::pad<2>>, ns::adaptive_avg_pool<41, 37>>;
using shuffled_field = ns::network<ns::input<31, 27, 3>,
    ns::conv_transpose2d<8, 3, ns::stride<2>, ns::pad<1>, ns::output_padding<1>, ns::dilation<2>>, ns::pixel_unshuffle<2>,
    ns::conv2d<12, 3, ns::pad<2>, ns::dilation<2>>, ns::pixel_shuffle<2>, ns::avg_pool<3, ns::stride<2>, ns::pad<1>>>;
using skip_field = ns::network<ns::input<45, 43, 3>,
    ns::concat<ns::identity, ns::sequential<ns::max_pool<2>, ns::conv2d<3, 3, ns::pad<1>>,
                                            ns::resize<45, 43, ns::interpolation::bilinear, ns::align_corners>>>,
    ns::conv2d<2, 3, ns::pad<1>>>;

}  // namespace

static_assert(same<unet3d>(ref::unet3d, ref::unet3d_outputs), "unet3d");
static_assert(same<tcn>(ref::tcn, ref::tcn_outputs), "tcn");
static_assert(same<conformer>(ref::conformer, ref::conformer_outputs), "conformer");
static_assert(same<fpn>(ref::fpn, ref::fpn_outputs), "fpn");
static_assert(same<aux>(ref::aux, ref::aux_outputs), "aux");
static_assert(same<odd>(ref::odd, ref::odd_outputs), "odd");
static_assert(same<refine>(ref::refine, ref::refine_outputs), "refine");
static_assert(same_sum<mixed_image, mixed_signal, mixed_volume>(ref::mixed_image, ref::mixed_image_outputs), "mixed");

static_assert(same_field<unet3d_at<28, 46, 40>>(ref::unet3d_field), "unet3d's field");
static_assert(same_field<tcn_field>(ref::tcn_field), "tcn's field");
static_assert(same_field<aux_field>(ref::aux_field), "aux's field");
static_assert(same_field<odd_field>(ref::odd_field), "odd's field");
static_assert(same_field<resampled_field>(ref::resampled_field), "resampled's field");
static_assert(same_field<shuffled_field>(ref::shuffled_field), "shuffled's field");
static_assert(same_field<skip_field>(ref::skip_field), "skip's field");


namespace {

/// A strict reader of RFC 8259 JSON (objects, arrays, strings with their escapes, numbers, true,
/// false, null): whether `text` is one JSON value and nothing else but white space.
class json_reader {
public:
    explicit json_reader(const std::string& text) : s_(text) {}
    bool whole() {
        space();
        if (!value()) return false;
        space();
        return at_ == s_.size();
    }

private:
    const std::string& s_;
    std::size_t at_ = 0;
    int depth_ = 0;

    [[nodiscard]] char peek() const { return at_ < s_.size() ? s_[at_] : '\0'; }
    void space() {
        while (at_ < s_.size() && (s_[at_] == ' ' || s_[at_] == '\n' || s_[at_] == '\r' || s_[at_] == '\t')) ++at_;
    }
    bool literal(const char* word) {
        const std::string w = word;
        if (s_.compare(at_, w.size(), w) != 0) return false;
        at_ += w.size();
        return true;
    }
    static bool digit(char c) { return c >= '0' && c <= '9'; }
    bool digits() {
        const std::size_t from = at_;
        while (digit(peek())) ++at_;
        return at_ > from;
    }
    bool number() {
        if (peek() == '-') ++at_;
        if (peek() == '0') ++at_;
        else if (!digits()) return false;
        if (peek() == '.' && (++at_, !digits())) return false;
        if (peek() == 'e' || peek() == 'E') {
            ++at_;
            if (peek() == '+' || peek() == '-') ++at_;
            if (!digits()) return false;
        }
        return true;
    }
    bool string() {
        if (peek() != '"') return false;
        for (++at_; at_ < s_.size(); ++at_) {
            const auto c = static_cast<unsigned char>(s_[at_]);
            if (c == '"') return ++at_, true;
            if (c < 0x20) return false;
            if (c != '\\') continue;
            const char e = ++at_ < s_.size() ? s_[at_] : '\0';
            if (e == 'u') {
                for (int i = 0; i < 4; ++i) {
                    const char h = ++at_ < s_.size() ? s_[at_] : '\0';
                    if (!digit(h) && !((h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) return false;
                }
            } else if (std::string("\"\\/bfnrt").find(e) == std::string::npos || e == '\0') {
                return false;
            }
        }
        return false;
    }
    template <class Item>
    bool sequence(char close, Item item) {
        ++at_;
        space();
        if (peek() == close) return ++at_, true;
        for (;;) {
            space();
            if (!item()) return false;
            space();
            if (peek() == close) return ++at_, true;
            if (peek() != ',') return false;
            ++at_;
        }
    }
    bool value() {
        if (++depth_ > 64) return false;
        bool ok = false;
        switch (peek()) {
            case '{':
                ok = sequence('}', [this] {
                    if (!string()) return false;
                    space();
                    if (peek() != ':') return false;
                    ++at_;
                    space();
                    return value();
                });
                break;
            case '[': ok = sequence(']', [this] { return value(); }); break;
            case '"': ok = string(); break;
            case 't': ok = literal("true"); break;
            case 'f': ok = literal("false"); break;
            case 'n': ok = literal("null"); break;
            default: ok = number();
        }
        --depth_;
        return ok;
    }
};

template <class Format>
std::string render(const Format& f) {
    std::ostringstream out;
    out << f;
    return out.str();
}

/// The printer and the arena on Net: the top-level rows of nodes<Net> (what the table's first level
/// shows; a side output's row holds its head, a repeat's block no parameters) add up to the totals,
/// and the largest peak of any node is the network's;
/// every format renders, the JSON parses and holds the totals; each arena plan replays.
template <class Net>
void check_tables_and_arena(const char* name) {
    const std::string network = name;
    CAPTURE(network);
    const auto& nodes = ns::nodes<Net>;
    count_t weights = 0, biases = 0, params = 0, buffers = 0, macs = 0, activations = 0, peak = 0;
    for (const ns::layer_record& r : nodes) {
        peak = r.peak_activations > peak ? r.peak_activations : peak;  // any node's, at any depth
        if (r.depth != 0 || r.kind == ns::kind::block_end || r.kind == ns::kind::merge_end || r.kind == ns::kind::branch)
            continue;
        weights += r.weights, biases += r.biases, params += r.params, buffers += r.buffers, macs += r.macs;
        activations += r.activations;
    }
    CHECK(weights == ns::weights<Net>);
    CHECK(biases == ns::biases<Net>);
    CHECK(params == ns::params<Net>);
    CHECK(buffers == ns::buffers<Net>);
    CHECK(macs == ns::macs<Net>);
    CHECK(activations + ns::input_shape<Net>.elements() == ns::activations<Net>);
    CHECK(peak == ns::peak_activations<Net>);

    const std::string json = render(ns::summary<Net>().json());
    CHECK(json_reader(json).whole());
    CHECK(json.find("\"params\": " + std::to_string(ns::params<Net>) + ",") != std::string::npos);
    CHECK(json.find("\"macs\": " + std::to_string(ns::macs<Net>) + ",") != std::string::npos);
    const std::string text = render(ns::summary<Net>());
    CHECK(text.find("params") != std::string::npos);
    CHECK(!render(ns::summary<Net>().markdown()).empty());
    CHECK(!render(ns::summary<Net>().csv()).empty());
    CHECK(!render(ns::summary<Net>().dot()).empty());

    constexpr ns::plan tight{.element_bytes = 1, .alignment = 1};
    constexpr ns::plan every{.element_bytes = 2, .alignment = 64, .concat_in_place = true, .add_in_place = true, .im2col = true};
    constexpr ns::plan convention{.element_bytes = 1, .alignment = 1, .add_in_place = true};
    CHECK(arena_replay::replay<Net, tight>(ns::arena<Net, tight>) == "");
    CHECK(arena_replay::replay<Net, every>(ns::arena<Net, every>) == "");
    CHECK(arena_replay::replay<Net, convention>(ns::arena<Net, convention>) == "");
    CHECK(ns::arena<Net, convention>.naive == ns::activations<Net>);
    CHECK(ns::arena<Net, tight>.bytes >= ns::arena<Net, tight>.lower_bound);
}

}  // namespace

TEST_CASE("outside: the printer's rows add up, its JSON parses, the arena's plans replay") {
    check_tables_and_arena<unet3d>("unet3d");
    check_tables_and_arena<tcn>("tcn");
    check_tables_and_arena<conformer>("conformer");
    check_tables_and_arena<fpn>("fpn");
    check_tables_and_arena<aux>("aux");
    check_tables_and_arena<odd>("odd");
    check_tables_and_arena<refine>("refine");
    check_tables_and_arena<mixed_image>("mixed_image");
    check_tables_and_arena<mixed_signal>("mixed_signal");
    check_tables_and_arena<mixed_volume>("mixed_volume");
}

TEST_CASE("outside: the JSON reader refuses what is not JSON") {
    CHECK(json_reader(R"({"a": [1, -2.5e3, "x\u00e9\n", true, null]})").whole());
    CHECK_FALSE(json_reader(R"({"a": 1,})").whole());
    CHECK_FALSE(json_reader(R"({"a": 01})").whole());
    CHECK_FALSE(json_reader(R"({"a": "tab	"})").whole());
    CHECK_FALSE(json_reader(R"({"a": nan})").whole());
    CHECK_FALSE(json_reader(R"([1] [2])").whole());
}
