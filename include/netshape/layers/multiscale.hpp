// netshape/layers/multiscale.hpp: tokens laid out on a T×H×W grid, as the Multiscale Vision
// Transformers (MViT v1 and v2, torchvision.models.video.mvit) keep them: a separable space-time
// position embedding, multiscale pooling attention, and a pool over the grid.
//
// A clip's patch embedding (conv3d, then to_tokens on the volume) gives a sequence of T·H·W tokens,
// frame by frame and row by row, and class_token puts one more in front. The kinds here read that
// sequence L×C through a grid T×H×W named in their type: L must be T·H·W (no class token) or
// T·H·W + 1 (token 0 the class token, which every pool passes on untouched). The grid is part of
// the type, as a window is (a zoo model works it out from its clip), and a sequence of another
// length breaks the rule "the token grid differs from the sequence".
//
// Where the grid lives in a spec: the grid kinds take their T×H×W in spec::output_padding (height,
// width) and spec::along_depth.output_padding (T), which no other use of theirs needs;
// multiscale_attention also keeps its key/value pooling kernel in spec::dilation and its stride in
// spec::pad (their depth axes likewise), its query pooling in spec::kernel and spec::stride.
#pragma once

#include <netshape/detail/checked.hpp>
#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>
#include <netshape/layers/window.hpp>

namespace netshape {

/// multiscale_attention's option: MViT v2's residual pooling connection (the pooled queries added
/// to the attention's output, torchvision's residual_pool=True). Element-wise: no figure moves; it
/// is shown in the description.
struct residual_pool {
    static constexpr option_record record{option_tag::residual_pool, hw{}, 1};
};

/// multiscale_attention's option: MViT v2's decomposed relative position embedding
/// (torchvision's rel_pos_embed=True): learned tables rel_pos_h, rel_pos_w, rel_pos_t of head_dim
/// values per offset, their products with the queries added to the attention scores.
struct relative_position {
    static constexpr option_record record{option_tag::relative_position, hw{}, 1};
};

namespace detail {

/// spec::mode bits of multiscale_attention.
inline constexpr unsigned char residual_pool_bit = 1;
inline constexpr unsigned char relative_position_bit = 2;

/// A spec's extent on three axes, depth first, from its height-and-width part and depth.
constexpr dhw three(hw v, count_t depth) { return dhw{depth, v.height, v.width}; }

/// The grid a grid kind's spec names (see the header's comment).
constexpr dhw grid_of(const spec& s) { return three(s.output_padding, s.along_depth.output_padding); }

constexpr wide volume_of(dhw v) { return wide(v.depth) * v.height * v.width; }

/// The extra tokens before the grid: 0 or 1 (a class token), or -1 when the sequence's length is
/// neither T·H·W nor T·H·W + 1.
constexpr count_t tokens_before_grid(const shape& in, dhw grid) {
    const wide extra = wide(in.width) - volume_of(grid);
    return extra == 0 || extra == 1 ? count_t(extra) : -1;
}

/// What every grid kind checks of its spec alone: a positive grid.
constexpr rule grid_rule(const spec& s) {
    const dhw g = grid_of(s);
    return g.depth <= 0 || g.height <= 0 || g.width <= 0 ? rule::window_not_positive : rule::none;
}

/// What the grid kinds share: sequences in, a new tensor out.
struct grid_token_rule {
    /// The grid (spec_keys: "grid", [t, h, w]) shapes weights: the position tables, the attention's pools.
    static constexpr unsigned weight_fields =
        default_weight_fields | field_bit(spec_field::output_padding) | field_bit(spec_field::depth_output_padding);
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::sequence;
    static constexpr storage stores = storage::new_tensor;
};

/// MViT's pooling of queries, keys and values: a depthwise Conv3d of `kernel`, `stride` and
/// padding kernel // 2 on each axis, as torchvision's MultiscaleAttention builds it. One axis's
/// output: (n + 2·⌊k/2⌋ − k) / s + 1, at least 1 for every n ≥ 1 and k ≥ 1.
constexpr count_t pooled_axis(count_t n, count_t kernel, count_t stride) {
    return (n + 2 * (kernel / 2) - kernel) / stride + 1;
}
constexpr dhw pooled_grid(dhw g, dhw kernel, dhw stride) {
    return dhw{pooled_axis(g.depth, kernel.depth, stride.depth), pooled_axis(g.height, kernel.height, stride.height),
               pooled_axis(g.width, kernel.width, stride.width)};
}
/// torchvision pools a projection when its kernel or stride is more than one element.
constexpr bool pools(dhw kernel, dhw stride) { return volume_of(kernel) > 1 || volume_of(stride) > 1; }

/// The grid's tokens after the spec's pool: extent per axis, as slide_axis works it out (PyTorch's
/// MaxPool3d), or false when the window does not fit.
constexpr bool slide_grid(dhw g, dhw kernel, dhw stride, dhw pad, dhw& out) {
    fraction size{}, jump{};
    bool overflow = false;
    return slide_axis(g.depth, kernel.depth, stride.depth, pad.depth, 1, false, out.depth, size, jump, overflow) &&
           slide_axis(g.height, kernel.height, stride.height, pad.height, 1, false, out.height, size, jump, overflow) &&
           slide_axis(g.width, kernel.width, stride.width, pad.width, 1, false, out.width, size, jump, overflow);
}

/// "8×56×56": a grid.
constexpr void describe_grid(dhw g, text& out) { out << g.depth << "×" << g.height << "×" << g.width; }

}  // namespace detail

/// separable_position_embedding's rule: MViT v1's space-time position embedding (torchvision's
/// PositionalEncoding with rel_pos_embed=False) on a T×H×W grid of C channels: a learned table of
/// H·W spatial positions (spatial_pos), one of T frames (temporal_pos), their sums added to the
/// grid's tokens, and with a class token one more vector for it (class_pos): (H·W + T + 1)·C weights
/// (without a class token (H·W + T)·C). Shape unchanged; no MACs (additions).
template <>
struct kind_rule<kind::separable_position_embedding> : detail::grid_token_rule {
    static constexpr const char* name = "separable_position_embedding";
    static constexpr positions_are positions = positions_are::kept;  // adds an embedding at each token
    static constexpr spec_key spec_keys[] = {{"grid", key_form::triple, spec_field::output_padding}};

    static constexpr rule check(const spec& s) { return detail::grid_rule(s); }
    static constexpr rule apply(const spec& s, layer_record& r) {
        const dhw g = detail::grid_of(s);
        const count_t extra = detail::tokens_before_grid(r.input_shape, g);
        if (extra < 0) return rule::token_grid_mismatch;
        // H·W + T + extra is below the sequence's length plus T: below 2^32, times C below 2^63.
        r.weights = (g.height * g.width + g.depth + extra) * r.input_shape.channels;
        return rule::none;
    }
    /// "space-time position embedding 8×56×56"
    static constexpr void describe(const layer_record& r, text& out) {
        out << "space-time position embedding ";
        detail::describe_grid(detail::grid_of(r), out);
    }
};

/// grid_max_pool's rule: MViT's pool of the skip connection (torchvision's Pool(nn.MaxPool3d(kernel,
/// stride, padding), None)): the sequence's T×H×W grid max-pooled as a volume with PyTorch's
/// MaxPool3d rule per axis, the class token (if any) passed on in front. L×C to (extra + T'·H'·W')×C;
/// no parameters or MACs. Receptive field: counted as the whole sequence (a window of the grid
/// spans rows and frames of the flattened sequence), as attention counts it.
template <>
struct kind_rule<kind::grid_max_pool> : detail::grid_token_rule {
    static constexpr const char* name = "grid_max_pool";
    static constexpr positions_are positions = positions_are::tokens;  // not modelled by the receptive walk
    static constexpr spec_key spec_keys[] = {{"grid", key_form::triple, spec_field::output_padding},
                                             {"window.kernel", key_form::triple, spec_field::kernel},
                                             {"window.stride", key_form::triple, spec_field::stride},
                                             {"window.pad", key_form::triple, spec_field::pad}};

    static constexpr rule check(const spec& s) {
        const rule bad = detail::pool_rule(s);
        return bad != rule::none ? bad : detail::grid_rule(s);
    }
    static constexpr rule apply(const spec& s, layer_record& r) {
        const dhw g = detail::grid_of(s);
        const count_t extra = detail::tokens_before_grid(r.input_shape, g);
        if (extra < 0) return rule::token_grid_mismatch;
        dhw pooled{};
        if (!detail::slide_grid(g, detail::three(s.kernel, s.along_depth.kernel),
                                detail::three(s.stride, s.along_depth.stride), detail::three(s.pad, s.along_depth.pad),
                                pooled))
            return rule::kernel_exceeds_input;
        r.output_shape.width = extra + count_t(detail::volume_of(pooled));  // at most the input's
        return detail::widen(r.receptive_field, hw{1, r.input_shape.width}, hw{1, 1}) ? rule::none : rule::count_overflow;
    }
    /// "grid max pool 1×3×3/1×2×2, pad 0×1×1 on 8×56×56"
    static constexpr void describe(const layer_record& r, text& out) {
        out << "grid max pool ";
        detail::describe_window(r, out, 3);
        detail::describe_padding(r, out, 3);
        out << " on ";
        detail::describe_grid(detail::grid_of(r), out);
    }
};

/// multiscale_attention's rule: torchvision's MultiscaleAttention (MViT v1 and v2) on a sequence
/// L×Cin whose tokens after the class token (if any) are a T×H×W grid, with D output channels
/// (s.units) and `heads` heads (s.groups), head_dim = D / heads:
///   * qkv = nn.Linear(Cin, 3·D) on every token;
///   * Q, if its kernel or stride exceeds one element, pooled per head: the grid's tokens through a
///     depthwise Conv3d(head_dim, head_dim, kernel_q, stride_q, padding kernel_q // 2, no bias), the
///     class token passed on, then nn.LayerNorm(head_dim); K and V likewise with kernel_kv, stride_kv
///     (a pool each); the pooled grids Tq×Hq×Wq and Tk×Hk×Wk, Nq and Nk tokens, Lq = extra + Nq;
///   * softmax(Q·Kᵀ/√head_dim)·V per head, then project = nn.Linear(D, D): output Lq×D;
///   * residual_pool (v2): the pooled Q added to the heads' output, no figure;
///   * relative_position (v2): tables rel_pos_h and rel_pos_w of 2·max(S // sq_h, S // skv_h) − 1
///     rows and rel_pos_t of 2·T − 1, head_dim columns each (S = max(H, W), sq_h and skv_h the
///     height strides, as torchvision sizes them), looked up by offset; the grid's queries times the
///     looked-up rows (torchvision's two einsums and one matmul) added to the scores.
/// Figures:
///   weights  3·Cin·D + D² + for each pool (head_dim·kernel elements + head_dim)
///            + relative_position: head_dim·(2·spatial + temporal rows)
///   biases   3·D + D (none with no_bias) + head_dim per pool (its layer norm's)
///   MACs     L·Cin·3·D (qkv) + D·N·kernel elements per pool (N its output grid's tokens, the
///            depthwise Conv3d over all heads) + 2·D·Lq·Lk (Q·Kᵀ and A·V) + Lq·D² (project)
///            + relative_position: D·Nq·(Tk + Hk + Wk) (each grid query with the Hk, Wk and Tk
///            looked-up rows, head_dim each: the profiler's bmm of each einsum and the matmul)
/// Receptive field: the whole sequence.
template <>
struct kind_rule<kind::multiscale_attention> : detail::grid_token_rule {
    static constexpr const char* name = "multiscale_attention";
    static constexpr positions_are positions = positions_are::tokens;  // not modelled by the receptive walk
    static constexpr unsigned options =
        bit(option_tag::no_bias) | bit(option_tag::residual_pool) | bit(option_tag::relative_position);

    static constexpr dhw kernel_q(const spec& s) { return detail::three(s.kernel, s.along_depth.kernel); }
    static constexpr dhw stride_q(const spec& s) { return detail::three(s.stride, s.along_depth.stride); }
    static constexpr dhw kernel_kv(const spec& s) { return detail::three(s.dilation, s.along_depth.dilation); }
    static constexpr dhw stride_kv(const spec& s) { return detail::three(s.pad, s.along_depth.pad); }
    /// The query pool's padding (kernel_q / 2) and dilation (1), shown as the spec's "pad" and
    /// "dilation"; the key/value pool kept there is "kernel_kv" and "stride_kv". Its kernel shapes
    /// the pool's weights, as the grid does.
    static constexpr unsigned weight_fields =
        grid_token_rule::weight_fields | field_bit(spec_field::dilation) | field_bit(spec_field::depth_dilation);
    static constexpr dhw padding_q(const spec& s) {
        const dhw k = kernel_q(s);
        return dhw{k.depth / 2, k.height / 2, k.width / 2};
    }
    static constexpr dhw dilation_q(const spec&) { return dhw{1}; }
    static constexpr spec_key spec_keys[] = {
        {.key = "pad", .form = key_form::pair, .value = &padding_q}, {.key = "dilation", .form = key_form::pair, .value = &dilation_q},
        {"grid", key_form::triple, spec_field::output_padding}, {"kernel_q", key_form::triple, spec_field::kernel},
        {"stride_q", key_form::triple, spec_field::stride}, {"kernel_kv", key_form::triple, spec_field::dilation},
        {"stride_kv", key_form::triple, spec_field::pad}, {"residual_pool", key_form::flag, spec_field::mode, detail::residual_pool_bit},
        {"relative_position", key_form::flag, spec_field::mode, detail::relative_position_bit}};

    static constexpr rule check(const spec& s) {
        if (s.units <= 0) return rule::attention_width_not_positive;
        if (s.groups <= 0) return rule::heads_not_positive;
        if (s.units % s.groups != 0) return rule::heads_not_dividing_channels;
        const dhw kq = kernel_q(s), kkv = kernel_kv(s), sq = stride_q(s), skv = stride_kv(s);
        if (kq.depth <= 0 || kq.height <= 0 || kq.width <= 0 || kkv.depth <= 0 || kkv.height <= 0 || kkv.width <= 0)
            return rule::kernel_not_positive;
        if (sq.depth <= 0 || sq.height <= 0 || sq.width <= 0 || skv.depth <= 0 || skv.height <= 0 || skv.width <= 0)
            return rule::stride_not_positive;
        return detail::grid_rule(s);
    }

    static constexpr rule apply(const spec& s, layer_record& r) {
        using detail::wide;
        const dhw g = detail::grid_of(s);
        const count_t extra = detail::tokens_before_grid(r.input_shape, g);
        if (extra < 0) return rule::token_grid_mismatch;
        const wide c_in = r.input_shape.channels, d = s.units, head = s.units / s.groups, l = r.input_shape.width;
        const dhw kq = kernel_q(s), sq = stride_q(s), kkv = kernel_kv(s), skv = stride_kv(s);
        const bool pool_q = detail::pools(kq, sq), pool_kv = detail::pools(kkv, skv);
        const dhw gq = pool_q ? detail::pooled_grid(g, kq, sq) : g, gk = pool_kv ? detail::pooled_grid(g, kkv, skv) : g;
        const wide nq = detail::volume_of(gq), nk = detail::volume_of(gk), lq = extra + nq, lk = extra + nk;
        // Every factor is below 2^31 (lq, lk at most l), so each product of three is below 2^93.
        wide weights = 3 * c_in * d + d * d, biases = s.bias ? 4 * d : 0;
        wide macs = 3 * l * c_in * d + 2 * d * lq * lk + lq * d * d;
        if (pool_q) {
            weights += head * detail::volume_of(kq) + head;
            biases += head;
            macs += d * nq * detail::volume_of(kq);
        }
        if (pool_kv) {
            weights += 2 * (head * detail::volume_of(kkv) + head);
            biases += 2 * head;
            macs += 2 * d * nk * detail::volume_of(kkv);
        }
        if ((s.mode & detail::relative_position_bit) != 0) {
            const count_t size = g.height > g.width ? g.height : g.width;
            const count_t q_size = size / sq.height, kv_size = size / skv.height;
            const wide spatial = 2 * wide(q_size > kv_size ? q_size : kv_size) - 1, temporal = 2 * wide(g.depth) - 1;
            weights += head * (2 * spatial + temporal);
            macs += d * nq * (wide(gk.depth) + gk.height + gk.width);
        }
        if (!detail::fits(weights) || !detail::fits(macs)) return rule::count_overflow;
        r.output_shape = shape::sequence(count_t(lq), count_t(d));
        r.weights = count_t(weights);
        r.biases = count_t(biases);
        r.macs = count_t(macs);
        return detail::widen(r.receptive_field, hw{1, count_t(l)}, hw{1, 1}) ? rule::none : rule::count_overflow;
    }

    /// "multiscale attention 96, 1 head on 8×56×56, q 3×3×3/1×1×1, kv 3×3×3/1×8×8, residual pool,
    /// relative positions"
    static constexpr void describe(const layer_record& r, text& out) {
        out << "multiscale attention " << r.units << ", " << r.groups << (r.groups == 1 ? " head" : " heads") << " on ";
        detail::describe_grid(detail::grid_of(r), out);
        const dhw kq = kernel_q(r), sq = stride_q(r), kkv = kernel_kv(r), skv = stride_kv(r);
        if (detail::pools(kq, sq)) {
            out << ", q ";
            detail::describe_grid(kq, out);
            out << "/";
            detail::describe_grid(sq, out);
        }
        if (detail::pools(kkv, skv)) {
            out << ", kv ";
            detail::describe_grid(kkv, out);
            out << "/";
            detail::describe_grid(skv, out);
        }
        if ((r.mode & detail::residual_pool_bit) != 0) out << ", residual pool";
        if ((r.mode & detail::relative_position_bit) != 0) out << ", relative positions";
        if (!r.bias) out << ", no bias";
    }
};

namespace detail {
/// A spec's grid fields from a T×H×W grid (see the header's comment).
constexpr void set_grid(spec& s, dhw g) {
    s.output_padding = hw{g.height, g.width};
    s.along_depth.output_padding = g.depth;
}
constexpr spec grid_spec(spec s, dhw grid) {
    set_grid(s, grid);
    return s;
}
}  // namespace detail

/// `separable_position_embedding<Grid>`: Grid an integer or dhw{T, H, W}. See its rule above.
template <auto Grid>
struct separable_position_embedding {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::separable_position_embedding>(
        detail::grid_spec(spec{.bias = false}, detail::volume_arg<Grid>()));
};

/// `grid_max_pool<Grid, Kernel, Stride = Kernel, Pad = 0>`: Grid, Kernel, Stride and Pad
/// integers (every axis) or dhw{d, h, w}. See its rule above.
template <auto Grid, auto Kernel, auto Stride = Kernel, auto Pad = 0>
struct grid_max_pool {
    static constexpr dhw kernel = detail::volume_arg<Kernel>(), stride = detail::volume_arg<Stride>(),
                         pad = detail::volume_arg<Pad>();
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::grid_max_pool>(detail::grid_spec(
        spec{.kernel = hw{kernel.height, kernel.width},
             .stride = hw{stride.height, stride.width},
             .pad = hw{pad.height, pad.width},
             .along_depth = {.kernel = kernel.depth, .stride = stride.depth, .pad = pad.depth},
             .bias = false},
        detail::volume_arg<Grid>()));
};

/// `multiscale_attention<Heads, Channels, Grid, KernelQ, StrideQ, KernelKV, StrideKV, Options...>`:
/// Heads heads, Channels output channels, on a sequence whose grid is Grid; the pools' kernels and
/// strides integers or dhw{d, h, w} (1 and 1: that projection is not pooled); options no_bias,
/// residual_pool, relative_position. See its rule above.
template <count_t Heads, count_t Channels, auto Grid, auto KernelQ, auto StrideQ, auto KernelKV, auto StrideKV,
          class... Options>
struct multiscale_attention {
    using options_checked = decltype(detail::check_options<kind::multiscale_attention, Options...>());
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    static constexpr dhw kq = detail::volume_arg<KernelQ>(), sq = detail::volume_arg<StrideQ>(),
                         kkv = detail::volume_arg<KernelKV>(), skv = detail::volume_arg<StrideKV>();
    static constexpr unsigned char mode =
        static_cast<unsigned char>((opts.has(option_tag::residual_pool) ? detail::residual_pool_bit : 0) |
                                   (opts.has(option_tag::relative_position) ? detail::relative_position_bit : 0));
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::multiscale_attention>(detail::grid_spec(
        spec{.units = Channels,
             .kernel = hw{kq.height, kq.width},
             .stride = hw{sq.height, sq.width},
             .pad = hw{skv.height, skv.width},
             .dilation = hw{kkv.height, kkv.width},
             .along_depth = {.kernel = kq.depth, .stride = sq.depth, .pad = skv.depth, .dilation = kkv.depth},
             .groups = Heads,
             .bias = !opts.has(option_tag::no_bias),
             .mode = mode},
        detail::volume_arg<Grid>()));
};

}  // namespace netshape
