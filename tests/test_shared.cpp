// shared<Tag, B>: one block's weights used several times. The networks of
// tests/data/shared_reference.hpp (tools/shared_reference.py: PyTorch modules called several times,
// parameters as model.parameters() lists them, MACs from hooks at every call) written with shared<>,
// every figure equal; the rows of a repeat; formulas for what sharing changes.
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <sstream>
#include <string>
#include <utility>

#include <netshape/format/describe.hpp>
#include <netshape/netshape.hpp>
#include <netshape/print.hpp>

#include "data/shared_reference.hpp"

namespace ns = netshape;
namespace ref = shared_reference;
using ns::count_t;

namespace {

constexpr ns::shape as_shape(ref::hwc s) { return ns::shape{s.height, s.width, s.channels}; }

/// Net equals the PyTorch network in input, parameters, buffers, MACs and every output's shape, and
/// the totals pass and the records pass agree.
template <class Net, std::size_t N>
constexpr bool same(const ref::model& m, const ref::hwc (&outputs)[N]) {
    if (!(ns::input_shape<Net> == as_shape(m.input)) || ns::params<Net> != m.params || ns::buffers<Net> != m.buffers ||
        ns::macs<Net> != m.macs || ns::output_shapes<Net>.size() != N)
        return false;
    for (std::size_t i = 0; i < N; ++i)
        if (!(ns::output_shapes<Net>[i] == as_shape(outputs[i]))) return false;
    const ns::layer_record& a = ns::totals<Net>;
    const ns::layer_record& b = ns::detail::analysis<Net>::full.total;
    return a.params == b.params && a.buffers == b.buffers && a.macs == b.macs && a.activations == b.activations &&
           a.peak_activations == b.peak_activations && a.output_shape == b.output_shape;
}

// RetinaNet-like: three stages, the classification and box heads on each (side outputs), the last
// box head the main path.
template <count_t S>
using stage = ns::sequential<ns::conv2d<16, 3, ns::stride<2>, ns::pad<1>>, ns::relu>;
using cls_head = ns::sequential<ns::conv2d<16, 3, ns::pad<1>>, ns::batch_norm, ns::relu, ns::conv2d<9 * 4, 3, ns::pad<1>>>;
using box_head = ns::sequential<ns::conv2d<16, 3, ns::pad<1>>, ns::relu, ns::conv2d<9 * 4, 3, ns::pad<1>>>;
using cls = ns::shared<"cls", cls_head>;
using box = ns::shared<"box", box_head>;
using retina = ns::network<ns::input<64, 64, 3>,
    ns::named<"c3", stage<3>>, ns::output<cls>, ns::output<box>,
    ns::named<"c4", stage<4>>, ns::output<cls>, ns::output<box>,
    ns::named<"c5", stage<5>>, ns::output<cls>, box>;

// TridentNet-like: one convolution's weights at dilations 1, 2 and 3 (stride, padding and dilation
// may differ between uses: they shape no weight).
using trident = ns::network<ns::input<32, 32, 8>, ns::concat<
    ns::shared<"conv", ns::conv2d<12, 3, ns::pad<1>>>,
    ns::shared<"conv", ns::conv2d<12, 3, ns::pad<2>, ns::dilation<2>>>,
    ns::shared<"conv", ns::conv2d<12, 3, ns::pad<3>, ns::dilation<3>>>>>;

// Siamese: one tower on the image and on its max-pooled copy, the embeddings concatenated.
using tower = ns::shared<"tower", ns::sequential<ns::conv2d<6, 5>, ns::relu, ns::max_pool<2>, ns::conv2d<10, 3>,
                                                 ns::global_avg_pool, ns::flatten>>;
using siamese = ns::network<ns::input<24, 24, 1>, ns::concat<tower, ns::sequential<ns::max_pool<2>, tower>>, ns::dense<2>>;

}  // namespace

static_assert(same<retina>(ref::retina, ref::retina_outputs), "retina");
static_assert(same<trident>(ref::trident, ref::trident_outputs), "trident");
static_assert(same<siamese>(ref::siamese, ref::siamese_outputs), "siamese");

// By formula: the heads' parameters and buffers once, their MACs at every level (32², 16², 8²).
using cls_alone = ns::network<ns::input<32, 32, 16>, cls_head>;
using box_alone = ns::network<ns::input<32, 32, 16>, box_head>;
static_assert(ns::params<retina> == (9 * 3 * 16 + 16) + 2 * (9 * 16 * 16 + 16) + ns::params<cls_alone> + ns::params<box_alone>);
static_assert(ns::buffers<retina> == ns::buffers<cls_alone> && ns::buffers<retina> == 2 * 16);
static_assert(ns::macs<retina> == 32 * 32 * 16 * 27 + (16 * 16 + 8 * 8) * 16 * 144 +
                                      (ns::macs<cls_alone> + ns::macs<box_alone>) * (32 * 32 + 16 * 16 + 8 * 8) / (32 * 32));
// Without shared<> the same network counts the heads three times.
using unshared = ns::network<ns::input<64, 64, 3>,
    stage<3>, ns::output<cls_head>, ns::output<box_head>, stage<4>, ns::output<cls_head>, ns::output<box_head>,
    stage<5>, ns::output<cls_head>, box_head>;
static_assert(ns::params<unshared> == ns::params<retina> + 2 * (ns::params<cls_alone> + ns::params<box_alone>));
static_assert(ns::macs<unshared> == ns::macs<retina> && ns::activations<unshared> == ns::activations<retina> &&
              ns::peak_activations<unshared> == ns::peak_activations<retina>);
static_assert(ns::receptive_field<unshared> == ns::receptive_field<retina>);

// A tag's uses in different places of the type (a nested one inside a repeat is a repeat too), and
// two tags: each counted once.
using inner = ns::shared<"inner", ns::conv2d<8, 1>>;
using nested = ns::network<ns::input<4, 4, 8>, ns::shared<"outer", ns::sequential<inner, ns::relu, inner>>,
                           ns::shared<"outer", ns::sequential<inner, ns::relu, inner>>, inner>;
static_assert(ns::params<nested> == 8 * 8 + 8 && ns::macs<nested> == 5 * 4 * 4 * 8 * 8);

// A network longer than one interpreter chunk (clang evaluates 1,024 nodes at a time, the machine's
// state, its record of the shared uses included, carried from chunk to chunk): a use at each end.
template <std::size_t I>
using relu_at = ns::relu;
template <class Sequence>
struct long_net;
template <std::size_t... I>
struct long_net<std::index_sequence<I...>> {
    using type = ns::network<ns::input<4, 4, 8>, ns::shared<"s", ns::sequential<ns::conv2d<8, 3, ns::pad<1>>, ns::batch_norm>>,
                             relu_at<I>..., ns::shared<"s", ns::sequential<ns::conv2d<8, 3, ns::pad<1>>, ns::batch_norm>>>;
};
using across_chunks = long_net<std::make_index_sequence<2500>>::type;
static_assert(ns::nodes<across_chunks>.size() == 2 * 6 + 2500);
static_assert(ns::params<across_chunks> == 9 * 8 * 8 + 8 + 2 * 8 && ns::buffers<across_chunks> == 2 * 8);
static_assert(ns::macs<across_chunks> == 2 * 16 * 8 * 72);
static_assert(ns::nodes<across_chunks>[2506].repeat_of == 0 && ns::nodes<across_chunks>[2511].repeat_of == 5);
static_assert(ns::layers<across_chunks>[2503].repeat_of == 3 && ns::layers<across_chunks>[2501].repeat_of == ns::no_node);
static_assert(ns::nodes<across_chunks>[0].params == 9 * 8 * 8 + 8 + 16 && ns::nodes<across_chunks>[2506].params == 0);

TEST_CASE("shared: a repeat's rows say so (repeat_of), and count its MACs but not its parameters") {
    const auto& rows = ns::nodes<retina>;
    std::size_t repeats = 0, shared_blocks = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const ns::layer_record& r = rows[i];
        if (r.kind == ns::kind::block_begin && r.how == ns::merge::shared) {
            ++shared_blocks;
            if (r.repeat_of != ns::no_node) {
                const ns::layer_record& first = rows[r.repeat_of];
                CHECK(first.kind == ns::kind::block_begin);
                CHECK(first.how == ns::merge::shared);
                CHECK(first.repeat_of == ns::no_node);
                CHECK(r.params == 0);
                CHECK(r.buffers == 0);
                CHECK(first.params > 0);
                // the same work per position: MACs in proportion to the output positions (a quarter, a sixteenth)
                CHECK(first.macs * r.output_shape.elements() == r.macs * first.output_shape.elements());
                CHECK(r.match - i == first.match - r.repeat_of);          // the same length
            }
        }
        if (r.repeat_of != ns::no_node) {
            ++repeats;
            CHECK(rows[r.repeat_of].kind == r.kind);
            if (!ns::is_structure(r.kind)) CHECK(rows[r.repeat_of].weights == r.weights);  // a leaf shows its own
        }
    }
    CHECK(shared_blocks == 6);
    // The second and third levels' heads: their markers and every node between.
    // (each head: its shared markers, its sequential's markers and its leaves: 2 + 2 + 4 and 2 + 2 + 3).
    CHECK(repeats == 2 * ((2 + 2 + 4) + (2 + 2 + 3)));
    // The leaves of a repeat in layers<Net> carry the same mark.
    std::size_t leaves = 0;
    for (const ns::layer_record& r : ns::layers<retina>) leaves += r.repeat_of != ns::no_node ? 1 : 0;
    CHECK(leaves == 2 * (4 + 3));
}

TEST_CASE("shared: the printer, CSV and JSON show a shared block and a repeat") {
    const auto print = [](const auto& table) {
        std::ostringstream out;
        out << table;
        return out.str();
    };
    const std::string text = print(ns::summary<trident>());
    CHECK(text.find("shared, repeat") != std::string::npos);
    CHECK(text.find("conv 3×3, 12, pad 2, dilation 2 (shared)") != std::string::npos);
    const std::string json = print(ns::summary<trident>().json());
    CHECK(json.find("\"repeat_of\": 2") != std::string::npos);  // the second use's begin: the first's (merge, branch, shared)
    std::size_t keys = 0;  // on the repeats' nodes only: two repeats of begin, conv, end
    for (std::size_t at = json.find("\"repeat_of\""); at != std::string::npos; at = json.find("\"repeat_of\"", at + 1)) ++keys;
    CHECK(keys == 2 * 3);
    const std::string csv = print(ns::summary<trident>().csv());
    CHECK(csv.find("(shared)") != std::string::npos);
}

// What two uses of a tag compare is what each kind declares shapes its weights (kind_info::weight_fields,
// spec_keys.hpp): a convolution's filters and kernel, not its stride; a token-grid kind's grid too,
// and multiscale attention's key/value pool kernel, which it keeps in the spec's dilation.
namespace weight_fields {
template <class L>
constexpr const ns::spec& spec_of = L::nodes[0];
using conv = ns::conv2d<8, 3>;
static_assert(ns::detail::same_weight_spec(spec_of<conv>, spec_of<ns::conv2d<8, 3, ns::stride<2>, ns::pad<1>>>));
static_assert(!ns::detail::same_weight_spec(spec_of<conv>, spec_of<ns::conv2d<8, 5>>));
static_assert(!ns::detail::same_weight_spec(spec_of<conv>, spec_of<ns::conv2d<8, 3, ns::no_bias>>));
using embedding = ns::separable_position_embedding<ns::dhw{2, 3, 4}>;
static_assert(!ns::detail::same_weight_spec(spec_of<embedding>, spec_of<ns::separable_position_embedding<ns::dhw{3, 3, 4}>>));
static_assert(!ns::detail::same_weight_spec(spec_of<embedding>, spec_of<ns::separable_position_embedding<ns::dhw{2, 4, 3}>>));
using attention = ns::multiscale_attention<2, 8, ns::dhw{2, 4, 4}, 1, 1, ns::dhw{3, 1, 1}, 1>;
static_assert(!ns::detail::same_weight_spec(spec_of<attention>,
                                            spec_of<ns::multiscale_attention<2, 8, ns::dhw{2, 4, 4}, 1, 1, ns::dhw{1, 1, 3}, 1>>));
// The key/value pool's stride (in the spec's pad) shapes no weight.
static_assert(ns::detail::same_weight_spec(spec_of<attention>,
                                           spec_of<ns::multiscale_attention<2, 8, ns::dhw{2, 4, 4}, 1, 1, ns::dhw{3, 1, 1}, 2>>));
static_assert((ns::kind_info_of<ns::kind::conv2d>.weight_fields & ns::field_bit(ns::spec_field::stride)) == 0);
static_assert(ns::kind_info_of<ns::kind::conv2d>.weight_fields == ns::default_weight_fields);
static_assert((ns::kind_info_of<ns::kind::grid_max_pool>.weight_fields & ns::field_bit(ns::spec_field::depth_output_padding)) != 0);
}  // namespace weight_fields
