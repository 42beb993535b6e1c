// netshape/layers/attention.hpp: self-attention within windows and grids of an image, as Swin,
// Swin V2 and MaxViT use it, and Swin's patch merging.
//
// These kinds act on an image H×W×C (torchvision's Swin keeps its tokens channels-last, N×H×W×C,
// and MaxViT partitions an N×C×H×W map): each position is a token, and attention runs within
// groups of positions, every group its own sequence. Layer norm and dense<N, per_pixel> act on the
// same image position by position, as nn.LayerNorm and nn.Linear do on the last axis, so a Swin or
// MaxViT block needs no reshaping layer: partitioning into windows moves no figure.
//
// Every attention kind here has a learned relative position bias: one value per head for each of
// the (2·Wh − 1)·(2·Ww − 1) offsets between two positions of a Wh×Ww window (a parameter,
// counted as weights), looked up through an index of (Wh·Ww)² entries that PyTorch registers as a
// buffer ("relative_position_index", int64, in state_dict and buffers()).
#pragma once

#include <netshape/detail/checked.hpp>
#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>
#include <netshape/layers/window.hpp>

namespace netshape {

/// window_attention's and cosine_window_attention's option: the windows are shifted by half their
/// size (torchvision's SwinTransformer gives every second block shift_size = window // 2). The
/// shift moves no figure (a cyclic roll and an attention mask); it is shown in the description.
struct shifted {
    static constexpr option_record record{option_tag::shifted, hw{}, 1};
};

namespace detail {

/// spec::mode of the window attentions: bit 0 shifted.
inline constexpr unsigned char shifted_bit = 1;

/// What the attention kinds share: images in, a new tensor out, heads and a window that must be
/// positive whatever the input.
struct grouped_attention_rule {
    static constexpr unsigned options = bit(option_tag::no_bias);
    static constexpr unsigned ranks = ranks::image;
    static constexpr storage stores = storage::new_tensor;
    static constexpr positions_are positions = positions_are::tokens;  // not modelled by the receptive walk

    static constexpr rule check(const spec& s) {
        if (s.units <= 0) return rule::heads_not_positive;
        return s.kernel.height <= 0 || s.kernel.width <= 0 ? rule::window_not_positive : rule::none;
    }
};

/// Multi-head self-attention of C channels and s.units heads, run on `positions` tokens in groups
/// of `tokens` (each group its own sequence), with a relative position bias over a `window`:
///   weights  4·C² (Q, K, V and output projections) + (2·Wh − 1)·(2·Ww − 1)·heads (the bias table)
///   biases   4·C (none with no_bias)
///   buffers  tokens² (the bias table's index)
///   MACs     4·positions·C² (the projections) + 2·positions·tokens·C (Q·Kᵀ and A·V in every group)
/// The output's shape is the input's; the caller widens the receptive field.
constexpr rule grouped_attention(const spec& s, layer_record& r, wide positions, wide tokens, hw window) {
    const count_t c = r.input_shape.channels;
    if (c % s.units != 0) return rule::heads_not_dividing_channels;
    const wide table = wide(2 * window.height - 1) * (2 * window.width - 1);
    const wide square = wide(c) * c;
    if (!fits(positions) || !fits(table) || !fits(positions * tokens) || !fits(tokens * tokens)) return rule::count_overflow;
    const wide weights = 4 * square + table * s.units;
    const wide macs = 4 * positions * square + 2 * positions * tokens * c;
    if (!fits(weights) || !fits(macs)) return rule::count_overflow;
    r.weights = count_t(weights);
    r.biases = s.bias ? 4 * c : 0;
    r.buffers = count_t(tokens * tokens);
    r.macs = count_t(macs);
    return rule::none;
}

/// Swin's windows: the image padded at the bottom and right to multiples of the window (as
/// torchvision pads it, also when the window is larger than the image), its positions counted.
constexpr wide padded_positions(const shape& in, hw window) {
    const wide h = (wide(in.height) + window.height - 1) / window.height * window.height;
    const wide w = (wide(in.width) + window.width - 1) / window.width * window.width;
    return h * w;
}

/// An output position of a window reads the window's positions: at most the window's extent, at
/// most the image's.
constexpr bool widen_by_window(layer_record& r, hw window) {
    const shape in = r.input_shape;
    const hw span{window.height < in.height ? window.height : in.height, window.width < in.width ? window.width : in.width};
    return widen(r.receptive_field, span, hw{1, 1});
}

/// "window attention 7×7, 3 heads, shifted, no bias"
constexpr void describe_attention(const char* what, const layer_record& r, text& out) {
    out << what << " " << r.kernel << ", " << r.units << (r.units == 1 ? " head" : " heads");
    if ((r.mode & shifted_bit) != 0) out << ", shifted";
    if (!r.bias) out << ", no bias";
}

/// The hidden width of Swin V2's continuous position bias MLP (torchvision's cpb_mlp: Linear(2, 512),
/// ReLU, Linear(512, heads, bias=False)).
inline constexpr count_t position_bias_hidden = 512;

}  // namespace detail

/// window_attention's rule: Swin's (shifted) window attention, torchvision's ShiftedWindowAttention
/// (dim C, window Wh×Ww, heads), and MaxViT's block attention (its window partition and
/// RelativePositionalMultiHeadAttention, which torchvision requires the window to divide the image).
/// The image is padded at the bottom and right to multiples of the window; self-attention with
/// the relative position bias runs in each window of Wh·Ww positions; the padding is cut off again.
/// Figures: detail::grouped_attention over the padded image's positions in groups of Wh·Ww.
/// Output H×W×C. Receptive field: a window (its extent, at most the image's), stride 1.
template <>
struct kind_rule<kind::window_attention> : detail::grouped_attention_rule {
    static constexpr const char* name = "window_attention";
    static constexpr unsigned options = bit(option_tag::no_bias) | bit(option_tag::shifted);

    static constexpr rule apply(const spec& s, layer_record& r) {
        const detail::wide tokens = detail::wide(s.kernel.height) * s.kernel.width;
        const rule broken =
            detail::grouped_attention(s, r, detail::padded_positions(r.input_shape, s.kernel), tokens, s.kernel);
        if (broken != rule::none) return broken;
        return detail::widen_by_window(r, s.kernel) ? rule::none : rule::count_overflow;
    }
    static constexpr void describe(const layer_record& r, text& out) { detail::describe_attention("window attention", r, out); }
};

/// cosine_window_attention's rule: Swin V2's window attention, torchvision's
/// ShiftedWindowAttentionV2: as window_attention, but the scores are cosine similarities scaled by
/// a learned logit scale per head, and the relative position bias is computed by a small MLP (its
/// "continuous position bias", cpb_mlp: Linear(2, 512), ReLU, Linear(512, heads, bias=False)) from
/// a buffer of the (2·Wh − 1)·(2·Ww − 1) offsets' two log-spaced coordinates. Beyond
/// window_attention's figures, with T = (2·Wh − 1)·(2·Ww − 1):
///   weights  + heads (logit scale) + 2·512 + 512·heads (the MLP), and no bias table
///   biases   + 512 (the MLP's first layer; the K third of the QKV bias is zeroed, still a parameter)
///   buffers  + 2·T (relative_coords_table)
///   MACs     + T·(2·512 + 512·heads) (the MLP, run once per forward pass on the T offsets)
template <>
struct kind_rule<kind::cosine_window_attention> : detail::grouped_attention_rule {
    static constexpr const char* name = "cosine_window_attention";
    static constexpr unsigned options = bit(option_tag::no_bias) | bit(option_tag::shifted);

    static constexpr rule apply(const spec& s, layer_record& r) {
        const rule broken = kind_rule<kind::window_attention>::apply(s, r);  // its figures and field
        if (broken != rule::none) return broken;
        constexpr count_t hidden = detail::position_bias_hidden;
        const detail::wide offsets = detail::wide(2 * s.kernel.height - 1) * (2 * s.kernel.width - 1);
        const detail::wide mlp = 2 * hidden + hidden * detail::wide(s.units);
        // The table's weights (offsets·heads, below 2^95) give way to the logit scale and the MLP.
        const detail::wide weights = detail::wide(r.weights) - offsets * s.units + s.units + mlp;
        const detail::wide buffers = detail::wide(r.buffers) + 2 * offsets;
        const detail::wide macs = detail::wide(r.macs) + offsets * mlp;
        if (!detail::fits(weights) || !detail::fits(buffers) || !detail::fits(macs)) return rule::count_overflow;
        r.weights = count_t(weights);
        r.biases += hidden;
        r.buffers = count_t(buffers);
        r.macs = count_t(macs);
        return rule::none;
    }
    static constexpr void describe(const layer_record& r, text& out) {
        detail::describe_attention("cosine window attention", r, out);
    }
};

/// grid_attention's rule: MaxViT's grid attention (torchvision's PartitionAttentionLayer with
/// partition_type="grid"): the positions of a G×G grid spread evenly over the image, H/G rows and
/// W/G columns apart, attend to each other, in every one of the (H/G)·(W/G) such grids, with a
/// relative position bias over the G×G grid. G must divide H and W (torchvision asserts it).
/// Figures: detail::grouped_attention over H·W positions in groups of G². Output H×W×C. Receptive
/// field: the grid's extent, (G − 1)·H/G + 1 rows and (G − 1)·W/G + 1 columns, stride 1.
template <>
struct kind_rule<kind::grid_attention> : detail::grouped_attention_rule {
    static constexpr const char* name = "grid_attention";

    static constexpr rule apply(const spec& s, layer_record& r) {
        const shape in = r.input_shape;
        const hw grid = s.kernel;
        if (in.height % grid.height != 0 || in.width % grid.width != 0) return rule::grid_not_dividing_image;
        const detail::wide tokens = detail::wide(grid.height) * grid.width;
        const rule broken = detail::grouped_attention(s, r, detail::wide(in.height) * in.width, tokens, grid);
        if (broken != rule::none) return broken;
        const hw span{(grid.height - 1) * (in.height / grid.height) + 1, (grid.width - 1) * (in.width / grid.width) + 1};
        return detail::widen(r.receptive_field, span, hw{1, 1}) ? rule::none : rule::count_overflow;
    }
    static constexpr void describe(const layer_record& r, text& out) { detail::describe_attention("grid attention", r, out); }
};

/// patch_merging's rule: Swin's patch merging before its reduction (torchvision's
/// _patch_merging_pad): the image padded at the bottom and right to an even height and width, each
/// 2×2 neighbourhood's four positions concatenated: H×W×C to ⌈H/2⌉×⌈W/2⌉×4·C, a new tensor. No
/// parameters or MACs (torchvision's PatchMerging adds a layer norm and a linear reduction, which
/// are layer_norm and dense<2·C, per_pixel, no_bias>). Receptive field: a 2×2 window, stride 2.
template <>
struct kind_rule<kind::patch_merging> {
    static constexpr const char* name = "patch_merging";
    static constexpr positions_are positions = positions_are::tokens;  // not modelled by the receptive walk
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::image;
    static constexpr storage stores = storage::new_tensor;

    static constexpr rule apply(const spec&, layer_record& r) {
        const shape in = r.input_shape;
        const detail::wide channels = 4 * detail::wide(in.channels);
        if (channels >= detail::dimension_limit) return rule::count_overflow;
        r.output_shape = shape{(in.height + 1) / 2, (in.width + 1) / 2, count_t(channels)};
        return detail::widen(r.receptive_field, hw{2, 2}, hw{2, 2}) ? rule::none : rule::count_overflow;
    }
    static constexpr void describe(const layer_record&, text& out) { out << "patch merging"; }
};

namespace detail {
/// The layer template of the three attention kinds: Heads heads, a window (or grid) taken as an
/// integer or hw{h, w}, the options its kind takes.
template <kind K, count_t Heads, auto Window, class... Options>
struct windowed_attention {
    static constexpr const parsed_options& opts = options_of<Options...>;
    using options_checked = decltype(check_options<K, Options...>());
    static constexpr std::array<spec, 1> nodes = leaf<K>(
        {.units = Heads,
         .kernel = window_arg<Window>(),
         .bias = !opts.has(option_tag::no_bias),
         .mode = opts.has(option_tag::shifted) ? shifted_bit : static_cast<unsigned char>(0)});
};
}  // namespace detail

/// `window_attention<Heads, Window, Options...>`: Window is an integer or hw{h, w}; options
/// shifted, no_bias. See its rule above.
template <count_t Heads, auto Window, class... Options>
using window_attention = detail::windowed_attention<kind::window_attention, Heads, Window, Options...>;

/// `cosine_window_attention<Heads, Window, Options...>`: options shifted, no_bias. See its rule above.
template <count_t Heads, auto Window, class... Options>
using cosine_window_attention = detail::windowed_attention<kind::cosine_window_attention, Heads, Window, Options...>;

/// `grid_attention<Heads, Grid, Options...>`: Grid is an integer or hw{h, w}; option no_bias. See
/// its rule above.
template <count_t Heads, auto Grid, class... Options>
using grid_attention = detail::windowed_attention<kind::grid_attention, Heads, Grid, Options...>;

/// `patch_merging`: see its rule above.
struct patch_merging {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::patch_merging>({.bias = false});
};

}  // namespace netshape
