// arena<Net, Plan> (netshape/arena.hpp): small networks worked by hand, and every zoo model's plans
// replayed at run time in a buffer of exactly its size (arena_replay.hpp; under AddressSanitizer in
// the sanitize presets), with its lower bound and naive sum recomputed here from nodes<Net>.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <netshape/arena.hpp>
#include <netshape/format/arena.hpp>
#include <netshape/zoo.hpp>

#include "arena_replay.hpp"

namespace ns = netshape;
using ns::count_t;

// 8×8×3 → conv 3×3 pad 1 (4) → relu → add(conv 1×1 (4), identity) → dense 10. Nodes: 0 conv,
// 1 relu, 2 merge_begin, 3 branch, 4 conv 1×1, 5 branch, 6 identity, 7 merge_end, 8 dense.
using small = ns::network<ns::input<8, 8, 3>, ns::conv2d<4, 3, ns::pad<1>>, ns::relu,
                          ns::add<ns::conv2d<4, 1>, ns::identity>, ns::dense<10>>;
// float32, 16-byte alignment: input 192·4 = 768 [0, 0]; conv 256·4 = 1024 [0, 7] (relu in place,
// read by the add through identity); conv 1×1 1024 [4, 7]; the add's output 1024 [7, 8]; dense 40
// rounded to 48 [8, 8], an output. At step 7 three tensors of 1024 are alive: the lower bound.
constexpr auto& small_plan = ns::arena<small>;
static_assert(small_plan.tensors.size() == 5);
static_assert(small_plan.lower_bound == 3 * 1024 && small_plan.bytes == 3 * 1024);
static_assert(small_plan.naive == 768 + 3 * 1024 + 48);
static_assert(small_plan.tensors[0].writer == ns::arena_input && small_plan.tensors[0].bytes == 768 &&
              small_plan.tensors[0].first == 0 && small_plan.tensors[0].last == 0);
static_assert(small_plan.tensors[1].writer == 0 && small_plan.tensors[1].first == 0 && small_plan.tensors[1].last == 7);
static_assert(small_plan.tensors[2].writer == 4 && small_plan.tensors[2].first == 4 && small_plan.tensors[2].last == 7);
static_assert(small_plan.tensors[3].writer == 7 && small_plan.tensors[3].first == 7 && small_plan.tensors[3].last == 8);
static_assert(small_plan.tensors[4].writer == 8 && small_plan.tensors[4].bytes == 48 && small_plan.tensors[4].output &&
              small_plan.tensors[4].last == 8);
// The input and the dense output are alive with nothing else but one conv output, so they reuse.
static_assert(small_plan.tensors[0].offset != small_plan.tensors[1].offset);

// One byte an element, no padding, add in place and im2col scratch: conv 3×3's scratch is
// 3·3·3 (kernel area × input channels) × 64 positions = 1728 [0, 0]; conv 1×1's 1·1·4·64 = 256
// [4, 4]; the add writes over its first branch's output (which dies there), so its output lies
// within tensor 4 and adds no bytes: naive = 192 + 1728 + 256 + 256 + 256 + 10.
constexpr auto& small_inplace = ns::arena<small, ns::plan{.element_bytes = 1, .alignment = 1, .add_in_place = true, .im2col = true}>;
static_assert(small_inplace.tensors.size() == 7);
static_assert(small_inplace.tensors[1].scratch && small_inplace.tensors[1].bytes == 1728 && small_inplace.tensors[1].last == 0);
static_assert(small_inplace.tensors[3].scratch && small_inplace.tensors[3].bytes == 256 && small_inplace.tensors[3].first == 4);
static_assert(small_inplace.tensors[5].writer == 7 && small_inplace.tensors[5].within == 4 &&
              small_inplace.tensors[5].offset == small_inplace.tensors[4].offset);
static_assert(small_inplace.naive == 192 + 1728 + 256 + 256 + 256 + 10);
// Step 0: the input, the scratch and the conv's output: 192 + 1728 + 256.
static_assert(small_inplace.lower_bound == 192 + 1728 + 256 && small_inplace.bytes == small_inplace.lower_bound);

// A concat of conv 1×1 (3), identity and conv 1×1 (5) on 4×4×2, then conv 1×1 (2). In place, at one
// byte an element: branch 0's output at 0, the input at 48 (it dies at the concat), branch 2's at
// 80; the concat's 160 bytes hold them all from step 0, and the last conv's 32 come after.
using cat = ns::network<ns::input<4, 4, 2>, ns::concat<ns::conv2d<3, 1>, ns::identity, ns::conv2d<5, 1>>, ns::conv2d<2, 1>>;
constexpr auto& cat_inplace = ns::arena<cat, ns::plan{.element_bytes = 1, .alignment = 1, .concat_in_place = true}>;
static_assert(cat_inplace.tensors[0].within == 3 && cat_inplace.tensors[0].offset == cat_inplace.tensors[3].offset + 48);
static_assert(cat_inplace.tensors[1].within == 3 && cat_inplace.tensors[1].offset == cat_inplace.tensors[3].offset);
static_assert(cat_inplace.tensors[2].within == 3 && cat_inplace.tensors[2].offset == cat_inplace.tensors[3].offset + 80);
static_assert(cat_inplace.naive == 160 + 32 && cat_inplace.bytes == 192 && cat_inplace.lower_bound == 192);
// Aligned to 64, only branch 0's slice (at 0) is aligned: the input and branch 2 are copied.
constexpr auto& cat_aligned = ns::arena<cat, ns::plan{.element_bytes = 1, .alignment = 64, .concat_in_place = true}>;
static_assert(cat_aligned.tensors[1].within == 3 && cat_aligned.tensors[0].within == ns::no_tensor &&
              cat_aligned.tensors[2].within == ns::no_tensor);
static_assert(cat_aligned.naive == 64 + 128 + 192 + 64);

// A side output lives to the end; so does the main output.
using side = ns::network<ns::input<4, 4, 1>, ns::conv2d<2, 1>, ns::output<ns::conv2d<3, 1>>, ns::conv2d<4, 1>>;
constexpr auto& side_plan = ns::arena<side, ns::plan{.element_bytes = 1, .alignment = 1}>;
static_assert(side_plan.tensors[2].output && side_plan.tensors[2].last == ns::nodes<side>.size() - 1);
static_assert(side_plan.lower_bound == 32 + 48 + 64);  // the conv's output, the side output, the main output

namespace {

constexpr count_t round_up(count_t bytes, count_t alignment) { return (bytes + alignment - 1) / alignment * alignment; }

/// Checks a plan against nodes<Net> and replays it: offsets aligned, `bytes` the end of the highest
/// tensor, `lower_bound` the most bytes alive at a step (recomputed here from the tensors: each
/// group of tensors sharing bytes on purpose lives as long as its members together), `naive` the
/// sum of the tensors with bytes of their own; and, without in-place options, the tensors exactly
/// the activations convention's plus one per add or multiply.
template <class Net, ns::plan P>
void check_plan(const char* name, bool replay = true) {
    CAPTURE(name);
    constexpr auto& a = ns::arena<Net, P>;
    const auto& records = ns::nodes<Net>;
    const std::size_t count = a.tensors.size(), steps = records.size();
    count_t end = 0;
    std::vector<std::size_t> root(count), first(count), last(count);
    for (std::size_t t = 0; t < count; ++t) {
        const ns::arena_tensor& x = a.tensors[t];
        CHECK(x.offset % P.alignment == 0);
        CHECK(x.bytes % P.alignment == 0);
        end = x.offset + x.bytes > end ? x.offset + x.bytes : end;
        std::size_t r = t;
        while (a.tensors[r].within != ns::no_tensor) r = a.tensors[r].within;
        root[t] = r;
    }
    CHECK(a.bytes == end);
    for (std::size_t t = 0; t < count; ++t) first[t] = steps, last[t] = 0;
    count_t naive = 0;
    for (std::size_t t = 0; t < count; ++t) {
        const std::size_t r = root[t];
        first[r] = a.tensors[t].first < first[r] ? a.tensors[t].first : first[r];
        last[r] = a.tensors[t].last > last[r] ? a.tensors[t].last : last[r];
        if (r == t) naive += a.tensors[t].bytes;
    }
    CHECK(a.naive == naive);
    count_t bound = 0;
    for (std::size_t s = 0; s < steps; ++s) {
        count_t alive = 0;
        for (std::size_t t = 0; t < count; ++t)
            if (root[t] == t && first[t] <= s && s <= last[t]) alive += a.tensors[t].bytes;
        bound = alive > bound ? alive : bound;
    }
    CHECK(a.lower_bound == bound);
    CHECK(a.bytes >= a.lower_bound);
    if constexpr (!P.concat_in_place && !P.add_in_place && !P.im2col) {
        count_t expected = round_up(ns::input_shape<Net>.elements() * P.element_bytes, P.alignment);
        for (const ns::layer_record& r : records) {
            const bool stores = !ns::is_structure(r.kind) && r.info->stores == ns::storage::new_tensor;
            const bool merges = r.kind == ns::kind::merge_end && r.how != ns::merge::output;
            if (stores || merges) expected += round_up(r.output_shape.elements() * P.element_bytes, P.alignment);
        }
        CHECK(a.naive == expected);
    }
    if (replay) CHECK(arena_replay::replay<Net, P>(a) == "");
}

// Every tensor of the activations convention once, adds and multiplies written over their input.
template <class Net>
void check_convention() {
    constexpr auto& a = ns::arena<Net, ns::plan{.element_bytes = 1, .alignment = 1, .add_in_place = true}>;
    CHECK(a.naive == ns::activations<Net>);
    CHECK(arena_replay::replay<Net, ns::plan{.element_bytes = 1, .alignment = 1, .add_in_place = true}>(a) == "");
}

/// Every figure of the default plan (not replayed: the two replayed plans below write the same
/// tensors at half and a quarter of its bytes, and the zoo's float32 tensors are gigabytes); a
/// plan with every option but add in place, and the convention's, replayed.
template <class Net>
void check_model(const char* name) {
    check_plan<Net, ns::plan{}>(name, false);
    check_plan<Net, ns::plan{.element_bytes = 2, .alignment = 64, .concat_in_place = true, .im2col = true}>(name);
    check_convention<Net>();
    // The goal for float32 with concat in place off: within 5% of the lower bound.
    CHECK(ns::arena<Net>.bytes * 100 <= ns::arena<Net>.lower_bound * 105);
}

}  // namespace

TEST_CASE("arena: small networks replay") {
    check_plan<small, ns::plan{}>("small");
    check_plan<small, ns::plan{.element_bytes = 1, .alignment = 1, .add_in_place = true, .im2col = true}>("small");
    check_plan<cat, ns::plan{.element_bytes = 1, .alignment = 1, .concat_in_place = true}>("cat");
    check_plan<cat, ns::plan{.element_bytes = 1, .alignment = 64, .concat_in_place = true}>("cat");
    check_plan<side, ns::plan{.element_bytes = 1, .alignment = 1}>("side");
    check_convention<small>();
}

TEST_CASE("arena: the replay catches a plan whose tensors overlap") {
    // Move one tensor onto another alive at the same step: the replay must fail.
    auto broken = ns::arena<ns::zoo::resnet18>;
    bool moved = false;
    for (std::size_t t = 1; t < broken.tensors.size() && !moved; ++t) {
        const ns::arena_tensor& x = broken.tensors[t];
        for (std::size_t u = 0; u < t && !moved; ++u) {
            const ns::arena_tensor& y = broken.tensors[u];
            if (y.first <= x.first && x.first <= y.last && y.last > x.first && y.offset != x.offset && y.bytes >= x.bytes) {
                broken.tensors[t].offset = y.offset;
                moved = true;
            }
        }
    }
    REQUIRE(moved);
    CHECK(arena_replay::replay<ns::zoo::resnet18, ns::plan{}>(broken) != "");
    // And one past the end of the buffer.
    auto outside = ns::arena<ns::zoo::resnet18>;
    outside.tensors[3].offset = outside.bytes;
    CHECK(arena_replay::replay<ns::zoo::resnet18, ns::plan{}>(outside) != "");
}

#define ARENA_MODEL(m) \
    TEST_CASE("arena: zoo " #m) { check_model<ns::zoo::m>(#m); }

ARENA_MODEL(alexnet)
ARENA_MODEL(alexnet_grouped)
ARENA_MODEL(alexnet_owt)
ARENA_MODEL(lenet5)
ARENA_MODEL(vgg11)
ARENA_MODEL(vgg13)
ARENA_MODEL(vgg16)
ARENA_MODEL(vgg19)
ARENA_MODEL(vgg16_bn)
ARENA_MODEL(vgg19_bn)
ARENA_MODEL(resnet18)
ARENA_MODEL(resnet34)
ARENA_MODEL(resnet50)
ARENA_MODEL(resnet101)
ARENA_MODEL(resnet152)
ARENA_MODEL(resnext50_32x4d)
ARENA_MODEL(wide_resnet50_2)
ARENA_MODEL(googlenet)
ARENA_MODEL(inception_v3)
ARENA_MODEL(googlenet_aux)
ARENA_MODEL(inception_v3_aux)
ARENA_MODEL(squeezenet1_0)
ARENA_MODEL(squeezenet1_1)
ARENA_MODEL(densenet121)
ARENA_MODEL(densenet169)
ARENA_MODEL(densenet201)
ARENA_MODEL(mobilenet_v2)
ARENA_MODEL(mobilenet_v3_large)
ARENA_MODEL(shufflenet_v2_x1_0)
ARENA_MODEL(efficientnet_b0)
ARENA_MODEL(convnext_tiny)
ARENA_MODEL(vit_b_16)
ARENA_MODEL(vit_b_32)
ARENA_MODEL(vit_l_16)
ARENA_MODEL(vit_l_32)
ARENA_MODEL(vit_h_14)
ARENA_MODEL(fcn_resnet50)
ARENA_MODEL(fcn_resnet101)
ARENA_MODEL(deeplabv3_resnet50)
ARENA_MODEL(deeplabv3_resnet101)
ARENA_MODEL(deeplabv3_mobilenet_v3_large)
ARENA_MODEL(lraspp_mobilenet_v3_large)
ARENA_MODEL(resnet50_fpn)
ARENA_MODEL(swin_t)
ARENA_MODEL(swin_s)
ARENA_MODEL(swin_b)
ARENA_MODEL(swin_v2_t)
ARENA_MODEL(swin_v2_s)
ARENA_MODEL(swin_v2_b)
ARENA_MODEL(maxvit_t)

TEST_CASE("arena: printed as text, CSV, JSON and SVG") {
    const std::string text = ns::arena_text<small>();
    CHECK(text.find("arena: 3,072 bytes; lower bound 3,072; naive 3,888") != std::string::npos);
    CHECK(text.find("add of 2") != std::string::npos);
    CHECK(text.find("inference figure): 3,072 bytes; the arena is 3,072 (0 less)") != std::string::npos);
    const std::string csv = ns::arena_csv<small>();
    CHECK(csv.rfind("tensor,writer,writer_node,offset,bytes,first,last,within,scratch,output\n", 0) == 0);
    CHECK(csv.find("4,dense 10,8,0,48,8,8,,0,1\n") != std::string::npos);
    const std::string inplace = ns::arena_csv<small, ns::plan{.element_bytes = 1, .alignment = 1, .add_in_place = true}>();
    CHECK(inplace.find("3,add of 2,7,") != std::string::npos);
    CHECK(inplace.find(",7,8,2,0,0\n") != std::string::npos);  // within tensor 2
    const std::string json = ns::arena_json<small>();
    CHECK(json.find("\"bytes\": 3072, \"lower_bound\": 3072, \"naive\": 3888") != std::string::npos);
    CHECK(json.find("\"writer\": \"input\", \"writer_node\": null") != std::string::npos);
    const std::string svg = ns::arena_svg<small>();
    std::size_t rects = 0;
    for (std::size_t at = svg.find("<rect x="); at != std::string::npos; at = svg.find("<rect x=", at + 1)) ++rects;
    CHECK(rects == 1 + ns::arena<small>.tensors.size());  // the background and one per tensor
}
