// memory<Net> and peak_activations, against figures computed by hand in the comments.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include <netshape/arena.hpp>
#include <netshape/netshape.hpp>
#include <netshape/print.hpp>
#include <netshape/zoo/resnet.hpp>
#include <sstream>

namespace ns = netshape;
using ns::count_t;

// 8×8×3 → conv 3×3 pad 1 (4) → relu → add(conv 1×1 (4), identity) → dense 10.
using small = ns::network<ns::input<8, 8, 3>, ns::conv2d<4, 3, ns::pad<1>>, ns::relu,
                          ns::add<ns::conv2d<4, 1>, ns::identity>, ns::dense<10>>;

// params: conv 3·3·3·4 + 4 = 112; conv 1×1 4·4 + 4 = 20; dense 256·10 + 10 = 2570.
static_assert(ns::params<small> == 112 + 20 + 2570);
// activations: input 192, conv 256, (relu in place), conv 1×1 256, (add in place), dense 10.
static_assert(ns::activations<small> == 192 + 256 + 256 + 10);
// Peak, walked by hand: conv1 192 + 256 = 448; relu in place 256; the add holds its input (256);
// its first branch runs 256 + 256 + 256 = 768; then that branch's output is held too: identity
// 256 + 256 + 256 (input) = 768; the add in place 768; dense 256 + 10.
static_assert(ns::peak_activations<small> == 768);

// A plain chain: the peak is the largest input + output of one layer (here the pool's).
using chain = ns::network<ns::input<32, 32, 3>, ns::conv2d<16, 3, ns::pad<1>>, ns::relu, ns::max_pool<2>,
                          ns::conv2d<32, 3, ns::pad<1>>>;
constexpr count_t conv1_live = 32 * 32 * 3 + 32 * 32 * 16, pool_live = 32 * 32 * 16 + 16 * 16 * 16,
                  conv2_live = 16 * 16 * 16 + 16 * 16 * 32;
static_assert(pool_live > conv1_live && pool_live > conv2_live);
static_assert(ns::peak_activations<chain> == pool_live);

// A concat holds each finished branch and writes a new tensor.
using cat = ns::network<ns::input<4, 4, 2>, ns::concat<ns::conv2d<3, 1>, ns::conv2d<5, 1>>>;
// branch 1: held 32 (input) + 32 + 48 = 112; branch 2: held 32 + 48, + 32 + 80 = 192;
// concat: held 32 + 48, + 80 (last branch) + 128 (the new tensor) = 288.
static_assert(ns::peak_activations<cat> == 288);

TEST_CASE("memory: fp32 SGD, batch 1, is the figures times four bytes") {
    constexpr auto m = ns::memory<small>();
    CHECK(m.parameters == ns::params<small> * 4);
    CHECK(m.buffers == 0);
    CHECK(m.gradients == m.parameters);
    CHECK(m.optimizer_state == 0);
    CHECK(m.activations == ns::activations<small> * 4);
    CHECK(m.inference_peak == (2702 + 768) * 4);
    CHECK(m.training_total() == 2702 * 4 * 2 + 714 * 4);
}

TEST_CASE("memory: precision, batch and optimizer scale the right terms") {
    using bn = ns::network<ns::input<2, 2, 3>, ns::conv2d<4, 1, ns::no_bias>, ns::batch_norm>;
    // params 12 + 8 = 20, buffers 8; activations 12 + 16 + 16 = 44; peak 16 + 16 = 32.
    static_assert(ns::params<bn> == 20 && ns::buffers<bn> == 8 && ns::activations<bn> == 44);
    static_assert(ns::peak_activations<bn> == 32);
    constexpr auto adam16 = ns::memory<bn>({.batch = 8, .precision = ns::precision::fp16, .optimizer = ns::optimizer::adam});
    CHECK(adam16.parameters == 40);
    CHECK(adam16.buffers == 16);
    CHECK(adam16.gradients == 40);
    CHECK(adam16.optimizer_state == 80);
    CHECK(adam16.activations == 44 * 8 * 2);
    CHECK(adam16.inference_peak == 40 + 16 + 32 * 8 * 2);
    constexpr auto momentum8 =
        ns::memory<bn>({.batch = 3, .precision = ns::precision::int8, .optimizer = ns::optimizer::sgd_momentum});
    CHECK(momentum8.optimizer_state == 20);
    CHECK(momentum8.activations == 44 * 3);
    constexpr auto bf16 = ns::memory<bn>({.batch = 1, .precision = ns::precision::bf16});
    CHECK(bf16.parameters == 40);
    CHECK(bf16.training_total() == 40 + 16 + 40 + 0 + 88);
}

namespace {
using bn = ns::network<ns::input<2, 2, 3>, ns::conv2d<4, 1, ns::no_bias>, ns::batch_norm>;
// params 20, buffers 8, activations 44, peak 32: at fp32 with SGD, training is 192 + 176·B bytes.
constexpr count_t largest_batch = (INT64_MAX - 192) / 176;

// Options as a program reads them from outside: not constants at the call, so that memory() is
// checked at run time (with constant options, clang reports a broken rule at compile time).
ns::memory_options at_run_time(ns::memory_options o) {
    volatile count_t batch = o.batch;
    o.batch = batch;
    return o;
}

ns::memory_rule thrown(ns::memory_options o, std::string& what) {
    try {
        (void)ns::memory<bn>(at_run_time(o));
    } catch (const ns::memory_error& e) {
        what = e.what();
        return e.broken;
    }
    return ns::memory_rule::none;
}
}  // namespace

// At compile time, memory_check names the rule the options break, without failing.
static_assert(ns::memory_check<bn>() == ns::memory_rule::none);
static_assert(ns::memory_check<bn>({.batch = 0}) == ns::memory_rule::batch_not_positive);
static_assert(ns::memory_check<bn>({.batch = -1}) == ns::memory_rule::batch_not_positive);
static_assert(ns::memory_check<bn>({.precision = static_cast<ns::precision>(4)}) == ns::memory_rule::precision_unknown);
static_assert(ns::memory_check<bn>({.optimizer = static_cast<ns::optimizer>(3)}) == ns::memory_rule::optimizer_unknown);
static_assert(ns::memory_check<bn>({.batch = largest_batch}) == ns::memory_rule::none);
static_assert(ns::memory_check<bn>({.batch = largest_batch + 1}) == ns::memory_rule::overflow);
static_assert(ns::memory<bn>({.batch = largest_batch}).training_total() == 192 + 176 * largest_batch);

TEST_CASE("memory: every option is checked; at run time a broken rule throws memory_error naming it") {
    std::string what;
    CHECK(thrown({.batch = 0}, what) == ns::memory_rule::batch_not_positive);
    CHECK(what == "netshape: memory batch size must be positive");
    CHECK(thrown({.batch = -8}, what) == ns::memory_rule::batch_not_positive);
    CHECK(thrown({.precision = static_cast<ns::precision>(4)}, what) == ns::memory_rule::precision_unknown);
    CHECK(what == "netshape: memory precision is not fp32, fp16, bf16 or int8");
    CHECK(thrown({.precision = static_cast<ns::precision>(255)}, what) == ns::memory_rule::precision_unknown);
    CHECK(thrown({.optimizer = static_cast<ns::optimizer>(3)}, what) == ns::memory_rule::optimizer_unknown);
    CHECK(what == "netshape: memory optimizer is not sgd, sgd_momentum or adam");
    CHECK(thrown({.batch = largest_batch + 1}, what) == ns::memory_rule::overflow);
    CHECK(what == "netshape: memory estimate overflows 64 bits");
    CHECK(thrown({.batch = INT64_MAX, .optimizer = ns::optimizer::adam}, what) == ns::memory_rule::overflow);
    CHECK(thrown({.batch = largest_batch}, what) == ns::memory_rule::none);
    CHECK(ns::memory<bn>(at_run_time({.batch = largest_batch})).training_total() == 192 + 176 * largest_batch);
    CHECK(ns::memory_check<bn>(at_run_time({.batch = 0})) == ns::memory_rule::batch_not_positive);
    CHECK(std::string(ns::message(ns::memory_rule::none)).empty());
}

// memory<Net, Plan> (arena.hpp): the inference figure from the static plan. The small network's
// default plan is 3 tensors of 1,024 bytes alive at step 7 (tests/test_arena.cpp works it out):
// 3,072 bytes a sample; at batch 2 twice that, beside the params' 2,702 · 4 bytes.
constexpr auto small_arena = ns::memory<small, ns::plan{}>({.batch = 2});
static_assert(ns::arena<small>.bytes == 3 * 1024);
static_assert(small_arena.inference_arena == 2702 * 4 + 2 * 3 * 1024);
static_assert(small_arena.inference_peak == 2702 * 4 + 2 * 768 * 4);  // the plain peak, unchanged
static_assert(ns::memory<small>({.batch = 2}).inference_arena == 0);  // memory<Net> plans nothing
// One byte an element with the options' int8: the same bytes less four times for the activations.
static_assert(ns::memory<small, ns::plan{.element_bytes = 1}>({.precision = ns::precision::int8}).inference_arena ==
              2702 + ns::arena<small, ns::plan{.element_bytes = 1}>.bytes);

// ResNet-50 at float32: the plain peak's activations are peak_activations · 4 = 10,436,608 bytes
// (a merge's input counted again beside each branch's first layer); the plan's 9,633,792, its
// lower bound: three tensors of 802,816 elements alive at one step (docs/arena.md's table).
constexpr auto resnet_memory = ns::memory<ns::zoo::resnet50, ns::plan{}>();
static_assert(ns::peak_activations<ns::zoo::resnet50> * 4 == 10'436'608);
static_assert(ns::arena<ns::zoo::resnet50>.bytes == 9'633'792 && ns::arena<ns::zoo::resnet50>.lower_bound == 9'633'792);
static_assert(resnet_memory.inference_peak - resnet_memory.inference_arena == 10'436'608 - 9'633'792);

TEST_CASE("memory: the arena's inference figure, and the summary's arena row") {
    const auto m = ns::memory<small, ns::plan{}>({.batch = 2});
    CHECK(m.inference_arena == m.inference_peak);  // here the plan needs what the plain peak counts
    std::ostringstream out;
    out << ns::summary<small>().memory({.batch = 2}).arena(ns::arena<small>);
    const std::string text = out.str();
    INFO(text);
    const std::size_t at = text.find("\narena ");
    REQUIRE(at != std::string::npos);
    CHECK(text.substr(at, text.find('\n', at + 1) - at) ==
          "\narena             6,144 B  6.00 KiB tensors planned, lower bound 3,072 B a sample");
    // The row sits among the memory rows, before training; without .arena() there is none.
    CHECK(text.find("\narena") < text.find("\ntraining"));
    std::ostringstream plain;
    plain << ns::summary<small>().memory({.batch = 2});
    CHECK(plain.str().find("\narena") == std::string::npos);
}
