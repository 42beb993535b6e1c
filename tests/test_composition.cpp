// Blocks and merges: sequential, concat, add, multiply (broadcasting), identity, named, nested;
// receptive field (including the seed's law), activation counting, layers<> indexing, nodes<> totals.
#include <doctest/doctest.h>

#include <array>
#include <cstring>
#include <string_view>

#include <netshape/netshape.hpp>

namespace ns = netshape;
using ns::count_t;

namespace {
constexpr count_t conv_weights(count_t k, count_t cin, count_t f) { return k * k * cin * f; }
}  // namespace

// --- sequential is transparent: the same figures as the flat list
using flat = ns::network<ns::input<16, 16, 3>, ns::conv2d<8, 3>, ns::relu, ns::conv2d<4, 3>>;
using nested = ns::network<ns::input<16, 16, 3>, ns::sequential<ns::conv2d<8, 3>, ns::sequential<ns::relu>>, ns::conv2d<4, 3>>;
static_assert(ns::params<flat> == ns::params<nested> && ns::macs<flat> == ns::macs<nested>);
static_assert(ns::activations<flat> == ns::activations<nested> && ns::output_shape<nested> == ns::shape{12, 12, 4});
static_assert(ns::layers<nested>.size() == 3 && ns::nodes<nested>.size() == 7);
static_assert(ns::receptive_field<flat> == ns::receptive_field<nested> && ns::receptive_field<flat>.height == 5);

// --- concat: channels add up, the concatenated tensor counts as activations, rf is the max
using inception = ns::network<ns::input<28, 28, 192>,
    ns::concat<ns::conv2d<64, 1>, ns::sequential<ns::conv2d<96, 1>, ns::relu, ns::conv2d<128, 3, ns::pad<1>>>,
               ns::sequential<ns::conv2d<16, 1>, ns::conv2d<32, 5, ns::pad<2>>>,
               ns::sequential<ns::max_pool<3, ns::stride<1>, ns::pad<1>>, ns::conv2d<32, 1>>>>;
static_assert(ns::output_shape<inception> == ns::shape{28, 28, 64 + 128 + 32 + 32});
static_assert(ns::weights<inception> == conv_weights(1, 192, 64) + conv_weights(1, 192, 96) + conv_weights(3, 96, 128) +
                                            conv_weights(1, 192, 16) + conv_weights(5, 16, 32) + conv_weights(1, 192, 32));
static_assert(ns::biases<inception> == 64 + 96 + 128 + 16 + 32 + 32);
static_assert(ns::activations<inception> ==
              28 * 28 * (192 + 64 + 96 + 128 + 16 + 32 + 192 + 32) + 28 * 28 * 256);  // input, every leaf, concat
static_assert(ns::receptive_field<inception>.height == 5 && ns::receptive_field<inception>.jump_height == 1);
static_assert(ns::layers<inception>.size() == 8);
static_assert(ns::layers<inception>[3].kind == ns::kind::conv2d && ns::layers<inception>[3].output_shape == ns::shape{28, 28, 128});

// --- add: shapes equal, in place (no activations for the sum), identity passes through
using residual = ns::network<ns::input<56, 56, 64>,
    ns::add<ns::sequential<ns::conv2d<64, 3, ns::pad<1>, ns::no_bias>, ns::batch_norm, ns::relu,
                           ns::conv2d<64, 3, ns::pad<1>, ns::no_bias>, ns::batch_norm>,
            ns::identity>,
    ns::relu>;
static_assert(ns::output_shape<residual> == ns::shape{56, 56, 64});
static_assert(ns::weights<residual> == 2 * conv_weights(3, 64, 64) + 2 * 64 && ns::biases<residual> == 2 * 64);
static_assert(ns::buffers<residual> == 2 * 2 * 64);
static_assert(ns::activations<residual> == 56 * 56 * 64 * (1 + 4));  // input, 2 convs, 2 batch norms
static_assert(ns::receptive_field<residual> == ns::field{5, 5, 1, 1});
// A projection shortcut with stride
using downsample = ns::network<ns::input<56, 56, 64>,
    ns::add<ns::sequential<ns::conv2d<128, 3, ns::stride<2>, ns::pad<1>>, ns::conv2d<128, 3, ns::pad<1>>>,
            ns::conv2d<128, 1, ns::stride<2>>>>;
static_assert(ns::output_shape<downsample> == ns::shape{28, 28, 128});
static_assert(ns::receptive_field<downsample> == ns::field{7, 7, 2, 2});  // 3, then +2·2

// --- multiply: broadcasting 1×1×C against H×W×C (squeeze-and-excitation), either order
using se = ns::network<ns::input<14, 14, 32>,
    ns::multiply<ns::identity, ns::sequential<ns::global_avg_pool, ns::conv2d<8, 1>, ns::relu, ns::conv2d<32, 1>, ns::sigmoid>>>;
static_assert(ns::output_shape<se> == ns::shape{14, 14, 32});
static_assert(ns::params<se> == (32 * 8 + 8) + (8 * 32 + 32));
static_assert(ns::macs<se> == 32 * 8 + 8 * 32);
using se_reversed = ns::network<ns::input<14, 14, 32>, ns::multiply<ns::sequential<ns::global_avg_pool>, ns::identity>>;
static_assert(ns::output_shape<se_reversed> == ns::shape{14, 14, 32});
// Broadcasting on channels too: H×W×1 (a spatial attention map) times H×W×C
using spatial = ns::network<ns::input<9, 7, 16>, ns::multiply<ns::conv2d<1, 1>, ns::identity>>;
static_assert(ns::output_shape<spatial> == ns::shape{9, 7, 16});
// Three-way merge and nested merges
using three = ns::network<ns::input<8, 8, 4>,
    ns::add<ns::identity, ns::conv2d<4, 3, ns::pad<1>>, ns::concat<ns::conv2d<2, 1>, ns::conv2d<2, 1>>>>;
static_assert(ns::output_shape<three> == ns::shape{8, 8, 4});
static_assert(ns::activations<three> == 8 * 8 * 4 + 8 * 8 * 4 + 2 * 8 * 8 * 2 + 8 * 8 * 4);  // concat counted once
using deep = ns::network<ns::input<32, 32, 8>,
    ns::sequential<ns::add<ns::identity, ns::sequential<ns::add<ns::identity, ns::conv2d<8, 3, ns::pad<1>>>,
                                                        ns::conv2d<8, 3, ns::pad<1>>>>>,
    ns::max_pool<2>>;
static_assert(ns::output_shape<deep> == ns::shape{16, 16, 8});
static_assert(ns::receptive_field<deep> == ns::field{6, 6, 2, 2});  // 5 through both convs, then 2×2/2
static_assert(ns::layers<deep>.size() == 5);

// --- nodes<Net>: begin markers carry their block's totals and point at their end
namespace {
constexpr bool block_totals_ok() {
    const auto& n = ns::nodes<inception>;
    // node 0 is the merge's begin marker, the last node its end
    if (n[0].kind != ns::kind::merge_begin || n[0].how != ns::merge::concat) return false;
    if (n[0].match != n.size() - 1 || n[n.size() - 1].kind != ns::kind::merge_end) return false;
    if (n[0].params != ns::params<inception> || n[0].macs != ns::macs<inception>) return false;
    if (n[0].output_shape != ns::output_shape<inception> || n[0].input_shape != ns::shape{28, 28, 192}) return false;
    // every begin marker's totals equal the sum over the leaves between it and its end
    for (std::size_t i = 0; i < n.size(); ++i) {
        if (n[i].kind != ns::kind::block_begin && n[i].kind != ns::kind::merge_begin) continue;
        count_t p = 0, m = 0;
        for (std::size_t j = i + 1; j < n[i].match; ++j)
            if (!ns::is_structure(n[j].kind)) p += n[j].params, m += n[j].macs;
        if (p != n[i].params || m != n[i].macs || n[n[i].match].match != i) return false;
    }
    return true;
}
}  // namespace
static_assert(block_totals_ok());

// --- layers<Net>: one record per leaf, depth-first, index = position
namespace {
template <class Net>
constexpr bool indexed() {
    const auto& l = ns::layers<Net>;
    for (std::size_t i = 0; i < l.size(); ++i)
        if (l[i].index != i || ns::is_structure(l[i].kind)) return false;
    count_t p = 0;
    for (const auto& r : l) p += r.params;
    return p == ns::params<Net>;
}
}  // namespace
static_assert(indexed<inception>() && indexed<residual>() && indexed<se>() && indexed<deep>() && indexed<three>());
static_assert(ns::layers<residual>[5].output_shape == ns::output_shape<residual> && ns::layers<deep>[4].output_shape == ns::output_shape<deep>);

// --- named: on leaves and on blocks
using named_net = ns::network<ns::input<8, 8, 3>, ns::named<"stem", ns::conv2d<4, 3>>,
                              ns::named<"layer1", ns::sequential<ns::named<"layer1.0.conv1", ns::conv2d<4, 1>>, ns::relu>>>;
static_assert(std::string_view(ns::layers<named_net>[0].name) == "stem");
static_assert(std::string_view(ns::layers<named_net>[1].name) == "layer1.0.conv1");
static_assert(ns::layers<named_net>[2].name[0] == '\0');  // unnamed: "", never nullptr
static_assert(std::string_view(ns::nodes<named_net>[1].name) == "layer1" && ns::nodes<named_net>[1].kind == ns::kind::block_begin);
static_assert(ns::params<named_net> == ns::params<ns::network<ns::input<8, 8, 3>, ns::conv2d<4, 3>, ns::conv2d<4, 1>, ns::relu>>);

TEST_CASE("receptive field: N stacked FxF stride-1 convs equal one (NF-N+1)x(NF-N+1)") {
    // Proven over a grid at compile time below; this case checks the runtime view of the same values.
    CHECK(ns::receptive_field<residual>.height == 5);
}

namespace {
template <int N, int F, class... L>
struct stack : stack<N - 1, F, ns::conv2d<2, F>, L...> {};
template <int F, class... L>
struct stack<0, F, L...> {
    using net = ns::network<ns::input<40, 40, 2>, L...>;
};
template <int N, int F>
constexpr bool law() {
    using many = typename stack<N, F>::net;
    using one = ns::network<ns::input<40, 40, 2>, ns::conv2d<2, N * F - N + 1>>;
    return ns::output_shape<many> == ns::output_shape<one> && ns::receptive_field<many> == ns::receptive_field<one> &&
           ns::receptive_field<one>.height == N * F - N + 1;
}
template <int N, int... F>
constexpr bool law_for_all() { return (law<N, F>() && ...); }
}  // namespace
static_assert(law_for_all<1, 1, 2, 3, 5, 7>() && law_for_all<2, 1, 2, 3, 5, 7>() && law_for_all<3, 1, 2, 3, 5, 7>() &&
              law_for_all<4, 1, 2, 3, 5, 7>() && law_for_all<5, 2, 3, 5, 7>());
// The seed's Q3: three 5×5 see 13×13.
static_assert(ns::receptive_field<stack<3, 5>::net>.height == 13);
// Stride compounds: conv 3/2 then conv 3/1: 3 + 2·2 = 7, jump 2.
static_assert(ns::receptive_field<ns::network<ns::input<32, 32, 1>, ns::conv2d<1, 3, ns::stride<2>>, ns::conv2d<1, 3>>> ==
              ns::field{7, 7, 2, 2});
// Dilation widens: a 3×3 with dilation 2 sees 5×5.
static_assert(ns::receptive_field<ns::network<ns::input<32, 32, 1>, ns::conv2d<1, 3, ns::dilation<2>>>>.height == 5);
// Dense sees its whole input.
static_assert(ns::receptive_field<ns::network<ns::input<6, 9, 1>, ns::conv2d<1, 3>, ns::dense<2>>>.height == 6);

// Where a rule broke, as the diagnostic shows it (errors.hpp's location): the path of names, or of
// positions where a level is unnamed, and the layer's description in ASCII.
namespace {
template <class... L>
constexpr ns::location where_broken(ns::shape input) {  // the interpreter's verdict, not reported
    using nodes = ns::detail::flattened<L...>;
    const auto f = ns::detail::outcome_whole<ns::detail::joined<L...>::counts.depth>(input, nodes::nodes).error;
    return ns::detail::locate(nodes::nodes.data(), nodes::nodes.size(), f.node, f.input);
}
constexpr bool same(const char* a, std::string_view b) { return std::string_view(a) == b; }
using conv_too_big = ns::conv2d<8, 5, ns::pad<1>, ns::stride<2>>;
}  // namespace
static_assert(same(where_broken<conv_too_big>(ns::shape{2, 2, 3}).path, "0"));
static_assert(same(where_broken<conv_too_big>(ns::shape{2, 2, 3}).layer, "conv 5x5/2, 8, pad 1"));
static_assert(same(where_broken<ns::relu, ns::sequential<ns::relu, ns::sequential<ns::relu, conv_too_big>>>(
                       ns::shape{2, 2, 3}).path,
                   "1.1.1"));
static_assert(same(where_broken<ns::relu, ns::named<"features", ns::sequential<ns::relu, ns::sequential<
                                              ns::named<"conv1", ns::conv2d<8, 1>>, ns::named<"conv2", conv_too_big>>>>>(
                       ns::shape{2, 2, 3}).path,
                   "features.1.conv2"));
// A merge's branches are its children; a mismatch is the merge's own.
static_assert(same(where_broken<ns::relu, ns::add<ns::relu, ns::sequential<ns::relu, conv_too_big>>>(ns::shape{2, 2, 3}).path,
                   "1.1.1"));
static_assert(same(where_broken<ns::relu, ns::named<"block", ns::add<ns::conv2d<4, 1>, ns::identity>>>(
                       ns::shape{2, 2, 3}).path,
                   "block"));
static_assert(same(where_broken<ns::relu, ns::named<"block", ns::add<ns::conv2d<4, 1>, ns::identity>>>(
                       ns::shape{2, 2, 3}).layer,
                   "add of 2"));
// Layers after a finished block count on: the conv after a two-layer block is the third part.
static_assert(same(where_broken<ns::sequential<ns::relu, ns::relu>, ns::relu, conv_too_big>(ns::shape{2, 2, 3}).path, "2"));

// A receptive field leaving 64 bits is count_overflow at the layer where it does, and the failure
// shows the output shape that layer's window computed (slide()'s short path and slide_exact() alike):
// two pools of stride 2^30 make the jump 2^60, then a 9×9 window padded by 8 widens the field by
// 8·2^60 on a 1×1 input whose output is 9×9.
namespace {
template <class... L>
constexpr ns::detail::failure failure_of(ns::shape input) {
    using nodes = ns::detail::flattened<L...>;
    return ns::detail::outcome_whole<ns::detail::joined<L...>::counts.depth>(input, nodes::nodes).error;
}
using far_pool = ns::max_pool<1, ns::stride<(ns::count_t{1} << 30)>>;
using wide_window = ns::conv2d<4, 9, ns::pad<8>>;
}  // namespace
static_assert(failure_of<far_pool, far_pool, wide_window>(ns::shape{3, 3, 3}).broken == ns::rule::count_overflow);
static_assert(failure_of<far_pool, far_pool, wide_window>(ns::shape{3, 3, 3}).other == ns::shape{9, 9, 3});
static_assert(failure_of<far_pool, far_pool, wide_window>(ns::shape{3, 3, 3}).input == ns::shape{1, 1, 3});
// One stride of 2^30 less: the field is 1 + 8·2^30 and the figures are computed.
static_assert(failure_of<far_pool, wide_window>(ns::shape{3, 3, 3}).broken == ns::rule::none);
static_assert(ns::receptive_field<ns::network<ns::input<3, 3, 3>, far_pool, wide_window>>.height ==
              1 + 8 * (ns::count_t{1} << 30));

// Which index a merge error reports (docs/errors.md): the layers before the point where the misfit
// is found, the end of the first branch that does not fit the ones before it.
namespace {
template <class... L>
constexpr ns::detail::failure merge_failure(ns::shape input) {
    using nodes = ns::detail::flattened<L...>;
    return ns::detail::outcome_whole<ns::detail::joined<L...>::counts.depth>(input, nodes::nodes).error;
}
using two_then_misfit = ns::add<ns::sequential<ns::relu, ns::relu>, ns::conv2d<4, 1>, ns::sequential<ns::relu, ns::relu, ns::relu>>;
using last_misfits = ns::add<ns::relu, ns::sequential<ns::relu, ns::relu>, ns::conv2d<4, 1>>;
}  // namespace
// relu before, branch 1 (2 layers), branch 2 (1 layer, 4 channels): found when branch 3 begins.
static_assert(merge_failure<ns::relu, two_then_misfit>(ns::shape{4, 4, 3}).broken == ns::rule::add_mismatch);
static_assert(merge_failure<ns::relu, two_then_misfit>(ns::shape{4, 4, 3}).layer == 1 + 2 + 1);
// The last branch misfits: found at the merge's end, after every branch's layers.
static_assert(merge_failure<ns::relu, last_misfits>(ns::shape{4, 4, 3}).layer == 1 + 1 + 2 + 1);

// Side outputs (output<Head>): the head runs on the current tensor, its result is one more output,
// the main path goes on unchanged; every figure counts the head.
namespace side {
using head = ns::sequential<ns::conv2d<4, 1>, ns::flatten, ns::dense<10>>;
using main_path = ns::network<ns::input<8, 8, 3>, ns::conv2d<6, 3, ns::pad<1>>, ns::max_pool<2>, ns::flatten, ns::dense<5>>;
using with_head = ns::network<ns::input<8, 8, 3>, ns::conv2d<6, 3, ns::pad<1>>, ns::named<"aux", ns::output<head>>,
                              ns::max_pool<2>, ns::flatten, ns::dense<5>>;
using head_alone = ns::network<ns::input<8, 8, 6>, head>;
static_assert(ns::output_shape<with_head> == ns::output_shape<main_path>);
static_assert(ns::output_shapes<with_head> == std::array{ns::shape{1, 1, 10}, ns::shape{1, 1, 5}});
static_assert(ns::output_shapes<main_path> == std::array{ns::output_shape<main_path>});
static_assert(ns::receptive_field<with_head> == ns::receptive_field<main_path>);
static_assert(ns::output_fields<with_head>[0] == ns::receptive_field<ns::network<ns::input<8, 8, 3>, ns::conv2d<6, 3, ns::pad<1>>, head>>);
static_assert(ns::output_fields<with_head>[1] == ns::receptive_field<main_path>);
static_assert(ns::params<with_head> == ns::params<main_path> + ns::params<head_alone>);
static_assert(ns::macs<with_head> == ns::macs<main_path> + ns::macs<head_alone>);
// The head's new tensors (the input not again): conv 8·8·4 and dense 10.
static_assert(ns::activations<with_head> == ns::activations<main_path> + 256 + 10);
// Peak: at the head's conv, its input held for the main path (384) plus the conv's input and output
// (384 + 256); after the head, its 10 outputs stay alive to the end.
static_assert(ns::peak_activations<with_head> == 384 + 384 + 256);
static_assert(ns::nodes<with_head>[9].peak_activations == 10 + 384 + 96);  // max pool
static_assert(ns::layers<with_head>.size() == 7 && ns::nodes<with_head>[1].output_shape == ns::shape{1, 1, 10});
static_assert(ns::nodes<with_head>[9].input_shape == ns::shape{8, 8, 6});
// Both passes agree.
static_assert(ns::totals<with_head>.peak_activations == ns::detail::analysis<with_head>::full.total.peak_activations);
static_assert(ns::totals<with_head>.activations == ns::detail::analysis<with_head>::full.total.activations);

// A feature map itself as an output (output<identity>), and side outputs inside a residual branch
// and inside another head: outputs listed in the order their output<> appears.
using pyramid = ns::network<ns::input<16, 16, 4>,
    ns::output<ns::identity>,
    ns::add<ns::sequential<ns::conv2d<4, 3, ns::pad<1>>, ns::output<ns::conv2d<2, 1>>>, ns::identity>,
    ns::output<ns::sequential<ns::max_pool<2>, ns::output<ns::max_pool<2>>, ns::conv2d<8, 1>>>,
    ns::max_pool<4>>;
static_assert(ns::output_shapes<pyramid> == std::array{ns::shape{16, 16, 4}, ns::shape{16, 16, 2}, ns::shape{8, 8, 8},
                                                      ns::shape{4, 4, 4}, ns::shape{4, 4, 4}});
static_assert(ns::output_shape<pyramid> == ns::shape{4, 4, 4} && ns::output_fields<pyramid>[0].height == 1);
static_assert(ns::totals<pyramid>.peak_activations == ns::detail::analysis<pyramid>::full.total.peak_activations);
// A side output ended inside the add stays alive after it: the add's input and branch are released,
// the 16·16·2 output and the 16·16·4 identity output are not. The last max pool: both, the 8·8·8 and
// 4·4·4 outputs, its input and output.
static_assert(ns::nodes<pyramid>.back().peak_activations == 16 * 16 * 4 + 16 * 16 * 2 + 8 * 8 * 8 + 4 * 4 * 4 + 16 * 16 * 4 + 4 * 4 * 4);
}  // namespace side
