// netshape/figures.hpp: every figure of a network, as a constexpr variable template.
//
//   static_assert(netshape::params<alexnet> == 62'378'344);
//
// Definitions (docs/figures.md has the worked conventions):
//   params       weights + biases: everything learnable
//   weights      conv kernels, dense matrices, norm scales (γ), layer scales
//   biases       conv and dense biases, norm shifts (β)
//   buffers      non-learnable state: batch norm's running mean and variance (2·C)
//   macs         multiply-accumulates of conv2d and dense only (torchvision's convention;
//                FLOPs are usually quoted as 2·MACs)
//   activations  the input's elements plus every node's output elements, except element-wise
//                functions, dropout, identity, add and multiply (in place) and views (flatten,
//                channel_slice); concat's output counts (a new tensor)
//   peak_activations  the most elements alive at once in a forward pass (see below)
//   receptive_field  per axis r += (k_eff − 1)·j, j *= stride over the path; branches take the
//                largest r and j; dense and flatten see their whole input
//   output_shape the last node's output (a dense layer's is 1×1×N): the main path's
//   output_shapes every output's: side outputs (output<Head>) first, the main path's last
//   layers       one layer_record per leaf layer in depth-first order; layers<Net>[0] is the first
//                layer after the input
#pragma once

#include <array>
#include <cstddef>
#include <utility>
#include <type_traits>

#include <netshape/composition/network.hpp>
#include <netshape/detail/interpret.hpp>
#include <netshape/detail/locate.hpp>
#include <netshape/detail/nodes.hpp>
#include <netshape/detail/receptive.hpp>
#include <netshape/errors.hpp>
#include <netshape/kinds.hpp>

namespace netshape {

namespace detail {

template <class Net>
struct analysis {
    static_assert(sizeof(Net) == 0, "netshape: figures are computed for network<input<H, W, C>, layers...>");
    static constexpr outcome value{};
    static constexpr evaluation<0> full{};
    static constexpr std::array<layer_record, 0> leaf_records{};
    static constexpr bool sound = false;
    static constexpr bool goes_up = false;
};

template <class Input, class... L>
struct analysis<network<Input, L...>> {
    static_assert(is_input<Input>::value,
                  "netshape: a network must begin with input<height, width, channels> (or input_sequence, input_volume, "
                  "input_vector)");
    using in = std::conditional_t<is_input<Input>::value, Input, netshape::input<1, 1, 1>>;
    static constexpr shape input = in::value;
    // The counts before the node array: the first reference to a part's types is then one level
    // shallower, which keeps clang's context for a mistake deep in a block within 40 lines.
    static constexpr std::size_t size = joined<L...>::counts.size;
    // A part that is not a layer has been reported; evaluating the rest would only add errors.
    static constexpr bool evaluable = !joined<L...>::counts.foreign() && is_input<Input>::value;
    static constexpr std::size_t leaves = joined<L...>::counts.leaves;
    static constexpr std::size_t depth = joined<L...>::counts.depth;
    static constexpr std::size_t shared = joined<L...>::counts.shared();  // shared<Tag, B> uses
    static constexpr bool goes_up = joined<L...>::counts.goes_up();  // a leaf that goes up (receptive.hpp)
    static constexpr const auto& nodes = flattened<L...>::nodes;
    static constexpr std::size_t chunk_count = size == 0 ? 1 : (size + chunk_size - 1) / chunk_size;
    // The totals (what most figures need) and the per-node records (layers, nodes, the printer)
    // are separate evaluations, so a static_assert on params<Net> never pays for the records.
    static constexpr outcome value = [] {
        if constexpr (!evaluable) return outcome{};
        else if constexpr (chunk_count == 1) return outcome_whole<depth, shared>(input, nodes);
        else return outcome{chunk_at<analysis, chunk_count - 1, false>::value.state.reg.total,
                            chunk_at<analysis, chunk_count - 1, false>::value.state.reg.error};
    }();
    static constexpr evaluation<size> full = [] {
        if constexpr (!evaluable) return evaluation<size>{};
        else if constexpr (chunk_count == 1) return evaluate_whole<depth, shared>(input, nodes);
        else return assemble<analysis, size>(std::make_index_sequence<chunk_count>{});
    }();
    // layers<Net>: listed from the records, only when asked for (an evaluation of its own).
    static constexpr std::array<layer_record, leaves> leaf_records = [] {
        if constexpr (!evaluable) return std::array<layer_record, leaves>{};
        else return full.error.broken == rule::none ? leaves_of<leaves>(full.nodes) : std::array<layer_record, leaves>{};
    }();
    // Instantiating layer_error is what reports a broken rule (errors.hpp); where it broke is
    // worked out only then.
    static constexpr location where =
        value.error.broken == rule::none ? location{} : locate(nodes.data(), size, value.error.node, value.error.input);
    static constexpr window extent =
        value.error.broken == rule::none ? window{} : window_of(nodes.data(), size, value.error.node);
    static_assert(layer_error<value.error.layer, where_of<where, extent>, value.error.where, value.error.how,
                              value.error.input, value.error.other, value.error.broken>::reported);
    // Every part is a layer and no rule is broken: its figures are numbers.
    static constexpr bool sound = evaluable && value.error.broken == rule::none;
};

/// A figure of a network that breaks a rule. The rule has been reported; a figure that compares
/// true with anything (and converts to the figure's type as zero) keeps the user's own
/// static_asserts on it from adding a second error after the first.
struct unknown {
    template <class T>
    constexpr unknown(const T&) {}  // NOLINT: implicit, from the figure it stands for
    template <class T>
    constexpr operator T() const {  // NOLINT: implicit, where a figure's type is expected
        return T{};
    }
    // output_shapes<Net> and output_fields<Net> are arrays: their size and elements are unknown too.
    [[nodiscard]] constexpr unknown size() const { return *this; }
    [[nodiscard]] constexpr unknown operator[](std::size_t) const { return *this; }
    // So are the members of a shape, a field and a layer_record (layers<Net>[i], totals<Net>), which
    // a static_assert reads as often as the figures: receptive_field<Net>.height, layers<Net>[0].weights.
    [[nodiscard]] constexpr unknown elements() const { return *this; }
    [[nodiscard]] constexpr unknown length() const { return *this; }
    static const unknown height, width, depth, channels, rank;                      // shape
    static const unknown jump_height, jump_width, jump_depth;                       // field
    static const unknown input_shape, output_shape, weights, biases, params, buffers, macs, activations,
        peak_activations, receptive_field, match, index, repeat_of;                 // layer_record
    static const unknown kind, info, how, fn, name, units, kernel, stride, pad, dilation, output_padding,
        along_depth, groups, first, branches, bias, ceil, per_pixel, mode;          // spec
#define NETSHAPE_UNKNOWN_COMPARISON(op)                                   \
    template <class T>                                                    \
    friend constexpr bool operator op(const unknown&, const T&) {         \
        return true;                                                      \
    }                                                                     \
    template <class T>                                                    \
        requires(!std::is_same_v<T, unknown>)                             \
    friend constexpr bool operator op(const T&, const unknown&) {         \
        return true;                                                      \
    }
    NETSHAPE_UNKNOWN_COMPARISON(==)
    NETSHAPE_UNKNOWN_COMPARISON(!=)
    NETSHAPE_UNKNOWN_COMPARISON(<)
    NETSHAPE_UNKNOWN_COMPARISON(>)
    NETSHAPE_UNKNOWN_COMPARISON(<=)
    NETSHAPE_UNKNOWN_COMPARISON(>=)
#undef NETSHAPE_UNKNOWN_COMPARISON
};
#define NETSHAPE_UNKNOWN_MEMBER(m) inline constexpr unknown unknown::m{0};
NETSHAPE_UNKNOWN_MEMBER(height) NETSHAPE_UNKNOWN_MEMBER(width) NETSHAPE_UNKNOWN_MEMBER(depth)
NETSHAPE_UNKNOWN_MEMBER(channels) NETSHAPE_UNKNOWN_MEMBER(rank) NETSHAPE_UNKNOWN_MEMBER(jump_height)
NETSHAPE_UNKNOWN_MEMBER(jump_width) NETSHAPE_UNKNOWN_MEMBER(jump_depth) NETSHAPE_UNKNOWN_MEMBER(input_shape)
NETSHAPE_UNKNOWN_MEMBER(output_shape) NETSHAPE_UNKNOWN_MEMBER(weights) NETSHAPE_UNKNOWN_MEMBER(biases)
NETSHAPE_UNKNOWN_MEMBER(params) NETSHAPE_UNKNOWN_MEMBER(buffers) NETSHAPE_UNKNOWN_MEMBER(macs)
NETSHAPE_UNKNOWN_MEMBER(activations) NETSHAPE_UNKNOWN_MEMBER(peak_activations) NETSHAPE_UNKNOWN_MEMBER(receptive_field)
NETSHAPE_UNKNOWN_MEMBER(match) NETSHAPE_UNKNOWN_MEMBER(index) NETSHAPE_UNKNOWN_MEMBER(repeat_of)
NETSHAPE_UNKNOWN_MEMBER(kind) NETSHAPE_UNKNOWN_MEMBER(info) NETSHAPE_UNKNOWN_MEMBER(how) NETSHAPE_UNKNOWN_MEMBER(fn)
NETSHAPE_UNKNOWN_MEMBER(name) NETSHAPE_UNKNOWN_MEMBER(units) NETSHAPE_UNKNOWN_MEMBER(kernel) NETSHAPE_UNKNOWN_MEMBER(stride)
NETSHAPE_UNKNOWN_MEMBER(pad) NETSHAPE_UNKNOWN_MEMBER(dilation) NETSHAPE_UNKNOWN_MEMBER(output_padding)
NETSHAPE_UNKNOWN_MEMBER(along_depth) NETSHAPE_UNKNOWN_MEMBER(groups) NETSHAPE_UNKNOWN_MEMBER(first)
NETSHAPE_UNKNOWN_MEMBER(branches) NETSHAPE_UNKNOWN_MEMBER(bias) NETSHAPE_UNKNOWN_MEMBER(ceil)
NETSHAPE_UNKNOWN_MEMBER(per_pixel) NETSHAPE_UNKNOWN_MEMBER(mode)
#undef NETSHAPE_UNKNOWN_MEMBER

/// A network's leaf records (layers<Net>), or, for one that breaks a rule, an unknown whose
/// elements and their members compare true with anything.
template <class Net, bool Sound = analysis<Net>::sound>
struct leaf_records_of {
    static constexpr const auto& value = analysis<Net>::leaf_records;
};
template <class Net>
struct leaf_records_of<Net, false> {
    static constexpr unknown value{0};
};

/// A figure's type: T, or unknown for a network that breaks a rule.
template <class Net, class T>
using figure = std::conditional_t<analysis<Net>::sound, T, unknown>;

/// Every output's shape and receptive field: the side outputs' (output<Head>) in the order their
/// output<> appears, depth-first, then the main path's.
template <std::size_t Count>
struct outputs {
    std::array<shape, Count> shapes{};
    std::array<field, Count> fields{};
};

/// How many side outputs the records hold (their begin markers carry their head's output).
template <std::size_t N>
constexpr std::size_t side_outputs(const std::array<layer_record, N>& records) {
    std::size_t count = 0;
    for (const layer_record& r : records) count += r.kind == kind::merge_begin && r.how == merge::output ? 1 : 0;
    return count;
}

template <std::size_t Count, std::size_t N>
constexpr outputs<Count> gather_outputs(const std::array<layer_record, N>& records, const layer_record& total) {
    outputs<Count> out{};
    std::size_t next = 0;
    for (const layer_record& r : records) {
        if (r.kind != kind::merge_begin || r.how != merge::output || next + 1 >= Count) continue;
        out.shapes[next] = r.output_shape;
        out.fields[next++] = r.receptive_field;
    }
    out.shapes[Count - 1] = total.output_shape;
    out.fields[Count - 1] = total.receptive_field;
    return out;
}

template <class Net>
struct exact_walk;

/// The records the exact walk reads (receptive.hpp's exact_fields, by type: its chunks are templates).
template <class Net>
struct walk_source {
    static constexpr const auto& nodes = analysis<Net>::full.nodes;
};

/// Worked out from the records (as layers<Net> is), only when asked: the totals pass, which every
/// other figure uses, keeps no list of outputs.
template <class Net>
struct outputs_of {
    static constexpr std::size_t count = side_outputs(analysis<Net>::full.nodes) + 1;
    static constexpr outputs<count> value = [] {
        outputs<count> out = gather_outputs<count>(analysis<Net>::full.nodes, analysis<Net>::value.total);
        if constexpr (exact_walk<Net>::applies) exact_fields<walk_source<Net>>(out.fields);
        return out;
    }();
};

/// The receptive field's hook (receptive.hpp): a network that goes up (transposed convolution,
/// upsample, resize, pixel_shuffle) has its field walked back exactly from its records; any other
/// keeps the recurrence's, which is exact there, and pays nothing more.
template <class Net>
struct exact_walk {
    static constexpr bool applies = analysis<Net>::sound && analysis<Net>::goes_up;
    static constexpr field value = [] {
        if constexpr (!applies) return analysis<Net>::value.total.receptive_field;
        else return outputs_of<Net>::value.fields[outputs_of<Net>::count - 1];
    }();
    // totals<Net>: the whole-network record, with the exact field when the walk applies.
    static constexpr layer_record record = [] {
        layer_record t = analysis<Net>::value.total;
        t.receptive_field = value;
        return t;
    }();
    static constexpr const layer_record& totals = *[] {
        if constexpr (applies) return &record;
        else return &analysis<Net>::value.total;
    }();
};

/// totals<Net>: the whole-network record, or an unknown for a network that breaks a rule.
template <class Net, bool Sound = analysis<Net>::sound>
struct totals_of {
    static constexpr const layer_record& value = exact_walk<Net>::totals;
};
template <class Net>
struct totals_of<Net, false> {
    static constexpr unknown value{0};
};

}  // namespace detail

/// Learnable parameters: weights + biases.
template <class Net>
inline constexpr detail::figure<Net, count_t> params = detail::analysis<Net>::value.total.params;

/// Learnable weights (kernels, matrices, normalisation scales).
template <class Net>
inline constexpr detail::figure<Net, count_t> weights = detail::analysis<Net>::value.total.weights;

/// Learnable biases (conv and dense biases, normalisation shifts).
template <class Net>
inline constexpr detail::figure<Net, count_t> biases = detail::analysis<Net>::value.total.biases;

/// Non-learnable state: batch normalisation's running mean and variance.
template <class Net>
inline constexpr detail::figure<Net, count_t> buffers = detail::analysis<Net>::value.total.buffers;

/// Multiply-accumulates of one forward pass of one image (conv2d and dense).
template <class Net>
inline constexpr detail::figure<Net, count_t> macs = detail::analysis<Net>::value.total.macs;

/// Elements of the input and of every stored intermediate tensor (see above).
template <class Net>
inline constexpr detail::figure<Net, count_t> activations = detail::analysis<Net>::value.total.activations;

/// The most activation elements alive at once in a plain forward pass of one image: a layer's
/// input and output (its input alone when it works in place), plus what open merges hold (their
/// input, and each finished branch's output, until the merge) and every finished side output's
/// result (output<Head>: to the end). An upper bound.
template <class Net>
inline constexpr detail::figure<Net, count_t> peak_activations = detail::analysis<Net>::value.total.peak_activations;

/// The network's input shape.
template <class Net>
inline constexpr detail::figure<Net, shape> input_shape = detail::analysis<Net>::value.total.input_shape;

/// The last layer's output shape.
template <class Net>
inline constexpr detail::figure<Net, shape> output_shape = detail::analysis<Net>::value.total.output_shape;

/// Receptive field of one output position: .height, .width, .jump_height, .jump_width (exact fractions);
/// a volume's also .depth and .jump_depth (1 on every other rank).
template <class Net>
inline constexpr detail::figure<Net, field> receptive_field = detail::exact_walk<Net>::value;

/// Every output's shape: the side outputs' (output<Head>) in the order they appear in the type,
/// depth-first, then the main path's (output_shape<Net>, always last). A std::array<shape, N>.
template <class Net>
inline constexpr detail::figure<Net, std::array<shape, detail::outputs_of<Net>::count>> output_shapes =
    detail::outputs_of<Net>::value.shapes;

/// Every output's receptive field, in the order of output_shapes<Net> (the main path's last, equal
/// to receptive_field<Net>).
template <class Net>
inline constexpr detail::figure<Net, std::array<field, detail::outputs_of<Net>::count>> output_fields =
    detail::outputs_of<Net>::value.fields;

/// One layer_record per leaf layer, depth-first; index 0 is the first layer after the input.
template <class Net>
inline constexpr const auto& layers = detail::leaf_records_of<Net>::value;

/// Every node, leaves and block markers alike, in order (what the printer walks).
template <class Net>
inline constexpr const auto& nodes = detail::analysis<Net>::full.nodes;

/// All the whole-network figures in one record (input, output, counts, receptive field).
template <class Net>
inline constexpr const auto& totals = detail::totals_of<Net>::value;

}  // namespace netshape
