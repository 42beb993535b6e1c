// netshape/layers/pool.hpp: max, average, adaptive and global pooling, in one, two and three
// dimensions (one rule per family, parametrised by the ranks it takes, as conv.hpp's).
#pragma once

#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>
#include <netshape/layers/window.hpp>

namespace netshape {

namespace detail {
/// "max pool 3×3/2, pad 1, ceil"
constexpr void describe_pool(const layer_record& r, text& out, const char* what, int axes = 2) {
    out << what;
    describe_window(r, out, axes);
    describe_padding(r, out, axes);
    if (r.ceil) out << ", ceil";
}

/// max_pool's rule (max_pool1d, max_pool, max_pool3d for the ranks each takes): output size as a
/// convolution's, channels kept; no parameters, no MACs. With ceil_mode the division rounds up
/// and, as in PyTorch, a last window that would start past the input and its left padding is
/// dropped. Padding at most half the kernel, dilated or not.
template <unsigned Ranks>
struct max_pool_rule {
    static constexpr unsigned options =
        bit(option_tag::stride) | bit(option_tag::pad) | bit(option_tag::dilation) | bit(option_tag::ceil_mode);
    static constexpr unsigned ranks = Ranks;
    static constexpr storage stores = storage::new_tensor;

    static constexpr auto apply = &slide<>;
    static constexpr auto check = &pool_rule;
    static constexpr detail::leaf_map map(const layer_record& r, int axis, const detail::span& o) {
        return detail::window_map_of(r, axis, o);
    }

    /// "max pool 3×3/2, ceil"
    static constexpr void describe(const layer_record& r, text& out) { describe_pool(r, out, "max pool ", window_axes(Ranks)); }
};

/// avg_pool's mode bit: exclude_pad (PyTorch's count_include_pad=False).
inline constexpr unsigned char exclude_pad_bit = 1;

/// avg_pool's rule (avg_pool1d, avg_pool, avg_pool3d): as max_pool's, without dilation (PyTorch's
/// AvgPool has none); exclude_pad (count_include_pad=False) changes what is divided, no figure.
template <unsigned Ranks>
struct avg_pool_rule {
    static constexpr unsigned options =
        bit(option_tag::stride) | bit(option_tag::pad) | bit(option_tag::ceil_mode) | bit(option_tag::exclude_pad);
    static constexpr unsigned ranks = Ranks;
    static constexpr storage stores = storage::new_tensor;

    static constexpr auto apply = &slide<>;
    static constexpr auto check = &pool_rule;
    static constexpr detail::leaf_map map(const layer_record& r, int axis, const detail::span& o) {
        return detail::window_map_of(r, axis, o);
    }

    /// "avg pool 2×2/2", "avg pool 3×3/2, pad 1, exclude pad"
    static constexpr void describe(const layer_record& r, text& out) {
        describe_pool(r, out, "avg pool ", window_axes(Ranks));
        if ((r.mode & exclude_pad_bit) != 0) out << ", exclude pad";
    }
};
}  // namespace detail

/// max_pool's rule: detail::max_pool_rule on an image.
template <>
struct kind_rule<kind::max_pool> : detail::max_pool_rule<ranks::image> {
    static constexpr const char* name = "max_pool";
};
/// max_pool3d's rule: on a volume (PyTorch's MaxPool3d).
template <>
struct kind_rule<kind::max_pool3d> : detail::max_pool_rule<ranks::volume> {
    static constexpr const char* name = "max_pool3d";
    static constexpr spec_key spec_keys[] = {{"along_depth", key_form::depth_axis}};
};
/// max_pool1d's rule: on a sequence (PyTorch's MaxPool1d).
template <>
struct kind_rule<kind::max_pool1d> : detail::max_pool_rule<ranks::sequence> {
    static constexpr const char* name = "max_pool1d";
};

/// avg_pool's rule: detail::avg_pool_rule on an image.
template <>
struct kind_rule<kind::avg_pool> : detail::avg_pool_rule<ranks::image> {
    static constexpr const char* name = "avg_pool";
    static constexpr spec_key spec_keys[] = {{"exclude_pad", key_form::flag, spec_field::mode, detail::exclude_pad_bit}};
};
/// avg_pool3d's rule: on a volume (PyTorch's AvgPool3d).
template <>
struct kind_rule<kind::avg_pool3d> : detail::avg_pool_rule<ranks::volume> {
    static constexpr const char* name = "avg_pool3d";
    static constexpr spec_key spec_keys[] = {{"along_depth", key_form::depth_axis}, {"exclude_pad", key_form::flag, spec_field::mode, detail::exclude_pad_bit}};
};
/// avg_pool1d's rule: on a sequence (PyTorch's AvgPool1d).
template <>
struct kind_rule<kind::avg_pool1d> : detail::avg_pool_rule<ranks::sequence> {
    static constexpr const char* name = "avg_pool1d";
    static constexpr spec_key spec_keys[] = {{"exclude_pad", key_form::flag, spec_field::mode, detail::exclude_pad_bit}};
};

namespace detail {
/// The widest window of adaptive pooling from `in` to `out` positions on one axis, in O(1).
/// Window i spans [floor(i·in/out), ceil((i+1)·in/out)). With in = q·out + m (0 <= m < out) and
/// f_i = i·m mod out, its size is q + 1 when f_i + m <= out and q + 2 otherwise; f_i takes every
/// multiple of g = gcd(m, out) below out, so the widest is q (m = 0), q + 1 (m divides out) or q + 2.
constexpr count_t adaptive_window(count_t in, count_t out) {
    const count_t q = in / out, m = in % out;
    if (m == 0) return q;
    return fraction::gcd(out, m) == m ? q + 1 : q + 2;
}

/// Adaptive pooling's check: an output size of at least one on every axis.
constexpr rule adaptive_rule(const spec& s) {
    return s.kernel.height <= 0 || s.kernel.width <= 0 || s.along_depth.kernel <= 0 ? rule::output_size_not_positive
                                                                                     : rule::none;
}

/// Adaptive pooling to s.kernel (the output size; a volume's depth to s.along_depth.kernel): the
/// receptive field grows by the widest window and the jump is in/out exactly (the mean distance
/// between neighbouring windows).
constexpr rule adapt(const spec& s, layer_record& r) {
    const shape in = r.input_shape;
    r.output_shape.height = s.kernel.height;
    r.output_shape.width = s.kernel.width;
    const hw span{adaptive_window(in.height, s.kernel.height), adaptive_window(in.width, s.kernel.width)};
    field& f = r.receptive_field;
    bool ok = widen(f, span, fraction(in.height, s.kernel.height), fraction(in.width, s.kernel.width));
    if (in.rank == 4) {
        const count_t d = s.along_depth.kernel;
        r.output_shape.depth = d;
        ok = ok && widen_axis(f.depth, f.jump_depth, adaptive_window(in.depth, d), fraction(in.depth, d));
    }
    return ok ? rule::none : rule::count_overflow;
}

/// The 2-D adaptive pools (adaptive_avg_pool, adaptive_max_pool): an image to H×W; a volume or a
/// sequence only to one position (global_avg_pool, global_max_pool: D×H×W×C to 1×1×1×C, L×C to
/// 1×C, PyTorch's AdaptiveAvgPool3d(1) and AdaptiveAvgPool1d(1)). Another size on those is a 2-D
/// window on a volume or a sequence, refused as the rank (adaptive_avg_pool3d, adaptive_avg_pool1d
/// take them).
constexpr rule adapt_plane(const spec& s, layer_record& r) {
    const int rank = r.input_shape.rank;
    if (rank != 3 && (s.kernel.height != 1 || s.kernel.width != 1))
        return rank == 4 ? rule::volume_not_accepted : rule::sequence_not_accepted;
    return adapt(s, r);
}

/// "global avg pool" (to one position) or "adaptive avg pool to 6×6" (1-D "to 5", 3-D "to 1×7×7").
constexpr void describe_adaptive(const layer_record& r, text& out, const char* op, int axes = 2) {
    if (r.kernel.height == 1 && r.kernel.width == 1 && r.along_depth.kernel == 1) {
        out << "global " << op << " pool";
        return;
    }
    out << "adaptive " << op << " pool to ";
    describe_extent(r.kernel, out, axes, r.along_depth.kernel, true);
}

inline constexpr unsigned plane_ranks = ranks::sequence | ranks::image | ranks::volume;

/// The adaptive pools' rule (avg or max by Max), for the ranks each takes.
template <unsigned Ranks, bool Max>
struct adaptive_rule_of {
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = Ranks;
    static constexpr storage stores = storage::new_tensor;
    static constexpr auto apply = Ranks == plane_ranks ? &adapt_plane : &adapt;
    static constexpr auto check = &adaptive_rule;
    /// PyTorch's windows [⌊o·in/out⌋, ⌈(o + 1)·in/out⌉).
    static constexpr leaf_map map(const layer_record& r, int axis, const span& o) {
        const wide in = along(r.input_shape, axis), out = along(r.output_shape, axis);
        return leaf_map{reduced(in, out), span{floor_div(o.lo * in, out), ceil_div((o.hi + 1) * in, out) - 1, false}};
    }
    static constexpr void describe(const layer_record& r, text& out) {
        describe_adaptive(r, out, Max ? "max" : "avg", window_axes(Ranks));
    }
};
}  // namespace detail

/// adaptive_avg_pool's rule: PyTorch's AdaptiveAvgPool2d((H, W)) on an image; to one position
/// (global_avg_pool) on a volume or a sequence too (detail::adapt_plane); receptive field as
/// detail::adapt.
template <>
struct kind_rule<kind::adaptive_avg_pool> : detail::adaptive_rule_of<detail::plane_ranks, false> {
    static constexpr const char* name = "adaptive_avg_pool";
    /// The alias's name when it pools to 1×1.
    static constexpr const char* word(const spec& s) { return s.kernel.height == 1 && s.kernel.width == 1 ? "global_avg_pool" : name; }
};

/// adaptive_max_pool's rule: as adaptive_avg_pool's, taking the maximum.
template <>
struct kind_rule<kind::adaptive_max_pool> : detail::adaptive_rule_of<detail::plane_ranks, true> {
    static constexpr const char* name = "adaptive_max_pool";
    static constexpr const char* word(const spec& s) { return s.kernel.height == 1 && s.kernel.width == 1 ? "global_max_pool" : name; }
};

/// adaptive_avg_pool3d's rule: PyTorch's AdaptiveAvgPool3d((D, H, W)) on a volume.
template <>
struct kind_rule<kind::adaptive_avg_pool3d> : detail::adaptive_rule_of<ranks::volume, false> {
    static constexpr const char* name = "adaptive_avg_pool3d";
    static constexpr spec_key spec_keys[] = {{"along_depth", key_form::depth_axis}};
};

/// adaptive_max_pool3d's rule: PyTorch's AdaptiveMaxPool3d((D, H, W)) on a volume.
template <>
struct kind_rule<kind::adaptive_max_pool3d> : detail::adaptive_rule_of<ranks::volume, true> {
    static constexpr const char* name = "adaptive_max_pool3d";
    static constexpr spec_key spec_keys[] = {{"along_depth", key_form::depth_axis}};
};

/// adaptive_avg_pool1d's rule: PyTorch's AdaptiveAvgPool1d(L) on a sequence.
template <>
struct kind_rule<kind::adaptive_avg_pool1d> : detail::adaptive_rule_of<ranks::sequence, false> {
    static constexpr const char* name = "adaptive_avg_pool1d";
};

/// `max_pool<Kernel, Options...>`: options stride<> (default: the kernel, as in PyTorch), pad<>,
/// dilation<>, ceil_mode. No parameters, no MACs.
template <auto Kernel, class... Options>
struct max_pool {
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    using options_checked = decltype(detail::check_options<kind::max_pool, Options...>());
    static constexpr hw kernel = detail::window_arg<Kernel>();

    static constexpr std::array<spec, 1> nodes =
        detail::leaf<kind::max_pool>({.kernel = kernel,
                                      .stride = opts.has(option_tag::stride) ? opts.stride : kernel,
                                      .pad = opts.pad,
                                      .dilation = opts.dilation,
                                      .bias = false,
                                      .ceil = opts.has(option_tag::ceil_mode)});
};

/// `avg_pool<Kernel, Options...>`: options stride<> (default: the kernel), pad<> (at most half the
/// kernel), ceil_mode, exclude_pad (count_include_pad=False). Same output size rule as max_pool; no
/// dilation, as in PyTorch.
template <auto Kernel, class... Options>
struct avg_pool {
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    using options_checked = decltype(detail::check_options<kind::avg_pool, Options...>());
    static constexpr hw kernel = detail::window_arg<Kernel>();

    static constexpr std::array<spec, 1> nodes =
        detail::leaf<kind::avg_pool>({.kernel = kernel,
                                      .stride = opts.has(option_tag::stride) ? opts.stride : kernel,
                                      .pad = opts.pad,
                                      .bias = false,
                                      .ceil = opts.has(option_tag::ceil_mode),
                                      .mode = opts.has(option_tag::exclude_pad) ? detail::exclude_pad_bit : (unsigned char)0});
};

/// `adaptive_avg_pool<H, W = H>`: PyTorch's AdaptiveAvgPool2d((H, W)).
template <count_t H, count_t W = H>
struct adaptive_avg_pool {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::adaptive_avg_pool>({.kernel = hw{H, W}, .bias = false});
};

/// `adaptive_max_pool<H, W = H>`: PyTorch's AdaptiveMaxPool2d((H, W)).
template <count_t H, count_t W = H>
struct adaptive_max_pool {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::adaptive_max_pool>({.kernel = hw{H, W}, .bias = false});
};

/// Average over the whole feature map: H×W×C to 1×1×C (a volume to 1×1×1×C, a sequence to 1×C).
using global_avg_pool = adaptive_avg_pool<1>;
/// Maximum over the whole feature map: H×W×C to 1×1×C (a volume to 1×1×1×C, a sequence to 1×C).
using global_max_pool = adaptive_max_pool<1>;

namespace detail {
/// A 3-D pool's spec: a cubic Kernel or dhw{d, h, w}; stride (default: the kernel), pad and
/// dilation of one value or three; ceil_mode.
template <kind K, auto Kernel, class... Options>
constexpr std::array<spec, 1> pool3d() {
    constexpr const parsed_options& opts = options_of<Options...>;
    constexpr dhw k = volume_arg<Kernel>();
    constexpr bool strided = opts.has(option_tag::stride);
    return leaf<K>({.kernel = hw{k.height, k.width},
                    .stride = strided ? opts.stride : hw{k.height, k.width},
                    .pad = opts.pad,
                    .dilation = opts.dilation,
                    .along_depth = {k.depth, strided ? opts.stride_depth : k.depth, opts.pad_depth, opts.dilation_depth, 0},
                    .bias = false,
                    .ceil = opts.has(option_tag::ceil_mode),
                    .mode = opts.has(option_tag::exclude_pad) ? exclude_pad_bit : (unsigned char)0});
}

/// A 1-D pool's spec: a Kernel-long window; stride (default: the kernel), pad and dilation of one
/// value; ceil_mode.
template <kind K, count_t Kernel, class... Options>
constexpr std::array<spec, 1> pool1d() {
    constexpr const parsed_options& opts = options_of<Options...>;
    return leaf<K>({.kernel = along_length(Kernel),
                    .stride = along_length(opts.has(option_tag::stride) ? opts.stride.width : Kernel),
                    .pad = along_length(opts.pad.width, 0),
                    .dilation = along_length(opts.dilation.width),
                    .bias = false,
                    .ceil = opts.has(option_tag::ceil_mode),
                    .mode = opts.has(option_tag::exclude_pad) ? exclude_pad_bit : (unsigned char)0});
}
}  // namespace detail

/// `max_pool3d<Kernel, Options...>`: PyTorch's MaxPool3d on a volume; Kernel an integer or dhw{d,
/// h, w}; options stride<> (default: the kernel), pad<>, dilation<> (one value or three: depth,
/// height, width), ceil_mode. No parameters, no MACs.
template <auto Kernel, class... Options>
struct max_pool3d {
    using options_checked = decltype(detail::check_options<kind::max_pool3d, Options...>());
    static constexpr std::array<spec, 1> nodes = detail::pool3d<kind::max_pool3d, Kernel, Options...>();
};

/// `avg_pool3d<Kernel, Options...>`: PyTorch's AvgPool3d; options stride<>, pad<>, ceil_mode, exclude_pad.
template <auto Kernel, class... Options>
struct avg_pool3d {
    using options_checked = decltype(detail::check_options<kind::avg_pool3d, Options...>());
    static constexpr std::array<spec, 1> nodes = detail::pool3d<kind::avg_pool3d, Kernel, Options...>();
};

/// `adaptive_avg_pool3d<D, H = D, W = H>`: PyTorch's AdaptiveAvgPool3d((D, H, W)).
template <count_t D, count_t H = D, count_t W = H>
struct adaptive_avg_pool3d {
    static constexpr std::array<spec, 1> nodes =
        detail::leaf<kind::adaptive_avg_pool3d>({.kernel = hw{H, W}, .along_depth = {D}, .bias = false});
};

/// `adaptive_max_pool3d<D, H = D, W = H>`: PyTorch's AdaptiveMaxPool3d((D, H, W)).
template <count_t D, count_t H = D, count_t W = H>
struct adaptive_max_pool3d {
    static constexpr std::array<spec, 1> nodes =
        detail::leaf<kind::adaptive_max_pool3d>({.kernel = hw{H, W}, .along_depth = {D}, .bias = false});
};

/// `max_pool1d<Kernel, Options...>`: PyTorch's MaxPool1d on a sequence; options stride<> (default:
/// the kernel), pad<>, dilation<> (one value each), ceil_mode.
template <count_t Kernel, class... Options>
struct max_pool1d {
    using options_checked = decltype(detail::check_options<kind::max_pool1d, Options...>());
    static constexpr std::array<spec, 1> nodes = detail::pool1d<kind::max_pool1d, Kernel, Options...>();
};

/// `avg_pool1d<Kernel, Options...>`: PyTorch's AvgPool1d; options stride<>, pad<>, ceil_mode, exclude_pad.
template <count_t Kernel, class... Options>
struct avg_pool1d {
    using options_checked = decltype(detail::check_options<kind::avg_pool1d, Options...>());
    static constexpr std::array<spec, 1> nodes = detail::pool1d<kind::avg_pool1d, Kernel, Options...>();
};

/// `adaptive_avg_pool1d<L>`: PyTorch's AdaptiveAvgPool1d(L).
template <count_t L>
struct adaptive_avg_pool1d {
    static constexpr std::array<spec, 1> nodes =
        detail::leaf<kind::adaptive_avg_pool1d>({.kernel = detail::along_length(L), .bias = false});
};

}  // namespace netshape
