// netshape/layers/pool.hpp: max, average, adaptive and global pooling.
#pragma once

#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>
#include <netshape/layers/window.hpp>

namespace netshape {

namespace detail {
/// "max pool 3×3/2, pad 1, ceil"
constexpr void describe_pool(const layer_record& r, text& out, const char* what) {
    out << what;
    describe_window(r, out);
    describe_padding(r, out);
    if (r.ceil) out << ", ceil";
}
}  // namespace detail

/// max_pool's rule: output size as conv2d's, channels kept; no parameters, no MACs. With
/// ceil_mode the division rounds up and, as in PyTorch, a last window that would start past the
/// input and its left padding is dropped. Padding at most half the kernel, dilated or not.
template <>
struct kind_rule<kind::max_pool> {
    static constexpr const char* name = "max_pool";
    static constexpr unsigned options =
        bit(option_tag::stride) | bit(option_tag::pad) | bit(option_tag::dilation) | bit(option_tag::ceil_mode);
    static constexpr unsigned ranks = ranks::image;
    static constexpr storage stores = storage::new_tensor;

    static constexpr auto apply = &detail::slide;
    static constexpr auto check = &detail::pool_rule;

    /// "max pool 3×3/2, ceil"
    static constexpr void describe(const layer_record& r, text& out) { detail::describe_pool(r, out, "max pool "); }
};

/// avg_pool's rule: as max_pool's, without dilation (PyTorch's AvgPool2d has none).
template <>
struct kind_rule<kind::avg_pool> {
    static constexpr const char* name = "avg_pool";
    static constexpr unsigned options = bit(option_tag::stride) | bit(option_tag::pad) | bit(option_tag::ceil_mode);
    static constexpr unsigned ranks = ranks::image;
    static constexpr storage stores = storage::new_tensor;

    static constexpr auto apply = &detail::slide;
    static constexpr auto check = &detail::pool_rule;

    /// "avg pool 2×2/2"
    static constexpr void describe(const layer_record& r, text& out) { detail::describe_pool(r, out, "avg pool "); }
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

/// Adaptive pooling's check: an output size of at least one.
constexpr rule adaptive_rule(const spec& s) {
    return s.kernel.height <= 0 || s.kernel.width <= 0 ? rule::output_size_not_positive : rule::none;
}

/// Adaptive pooling to s.kernel (the output size): the receptive field grows by the widest window
/// and the jump is in/out exactly (the mean distance between neighbouring windows).
constexpr rule adapt(const spec& s, layer_record& r) {
    const shape in = r.input_shape;
    r.output_shape.height = s.kernel.height;
    r.output_shape.width = s.kernel.width;
    const hw span{adaptive_window(in.height, s.kernel.height), adaptive_window(in.width, s.kernel.width)};
    const bool ok = widen(r.receptive_field, span, fraction(in.height, s.kernel.height), fraction(in.width, s.kernel.width));
    return ok ? rule::none : rule::count_overflow;
}

/// "global avg pool" (to 1×1) or "adaptive avg pool to 6×6".
constexpr void describe_adaptive(const layer_record& r, text& out, const char* op) {
    if (r.kernel.height == 1 && r.kernel.width == 1) out << "global " << op << " pool";
    else out << "adaptive " << op << " pool to " << r.kernel;
}
}  // namespace detail

/// adaptive_avg_pool's rule: PyTorch's AdaptiveAvgPool2d((H, W)); receptive field as detail::adapt.
template <>
struct kind_rule<kind::adaptive_avg_pool> {
    static constexpr const char* name = "adaptive_avg_pool";
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::image;
    static constexpr storage stores = storage::new_tensor;
    static constexpr auto apply = &detail::adapt;
    static constexpr auto check = &detail::adaptive_rule;
    static constexpr void describe(const layer_record& r, text& out) { detail::describe_adaptive(r, out, "avg"); }
};

/// adaptive_max_pool's rule: as adaptive_avg_pool's, taking the maximum.
template <>
struct kind_rule<kind::adaptive_max_pool> {
    static constexpr const char* name = "adaptive_max_pool";
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::image;
    static constexpr storage stores = storage::new_tensor;
    static constexpr auto apply = &detail::adapt;
    static constexpr auto check = &detail::adaptive_rule;
    static constexpr void describe(const layer_record& r, text& out) { detail::describe_adaptive(r, out, "max"); }
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
/// kernel), ceil_mode. Same output size rule as max_pool; no dilation, as in PyTorch.
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
                                      .ceil = opts.has(option_tag::ceil_mode)});
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

/// Average over the whole feature map: H×W×C to 1×1×C.
using global_avg_pool = adaptive_avg_pool<1>;
/// Maximum over the whole feature map: H×W×C to 1×1×C.
using global_max_pool = adaptive_max_pool<1>;

}  // namespace netshape
