// netshape/layers/dense.hpp: fully connected layers and flattening.
#pragma once

#include <netshape/detail/checked.hpp>
#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>

namespace netshape {

namespace detail {
/// An image or volume flattened: the 1×1×n image torchvision's classifiers see (its receptive
/// field is then the whole input); false when n leaves the 64-bit range.
constexpr bool flatten_into(layer_record& r, wide n) {
    if (!fits(n)) return false;
    const shape in = r.input_shape;
    r.output_shape = shape{1, 1, count_t(n)};
    field& f = r.receptive_field;
    if (in.rank == 4 && !widen_axis(f.depth, f.jump_depth, in.depth, fraction(in.depth))) return false;
    return widen(f, hw{in.height, in.width}, hw{in.height, in.width});
}
}  // namespace detail

/// dense's rule. On an image or a volume it is a fully connected layer over the flattened input
/// (n = all its elements): output 1×1×N, weights n·N, MACs n·N, receptive field the whole input.
/// On a vector (C) it maps C to N; on a sequence (L×C) it maps each token, as nn.Linear does:
/// output L×N, weights C·N, MACs L·C·N. With `per_pixel` an image or volume is mapped at each
/// position instead (nn.Linear on a channels-last tensor, ConvNeXt). Biases N (0 with no_bias).
template <>
struct kind_rule<kind::dense> {
    static constexpr const char* name = "dense";
    static constexpr unsigned options = bit(option_tag::no_bias) | bit(option_tag::per_pixel);
    static constexpr unsigned ranks = ranks::any;
    static constexpr storage stores = storage::new_tensor;

    static constexpr rule check(const spec& s) { return s.units <= 0 ? rule::units_not_positive : rule::none; }

    static constexpr rule apply(const spec& s, layer_record& r) {
        const shape in = r.input_shape;
        const bool each_position = s.per_pixel || in.rank <= 2;
        const detail::wide inputs = each_position ? detail::wide(in.channels) : detail::elements(in);
        const detail::wide weights = inputs * s.units;
        const detail::wide positions = each_position ? detail::elements(in) / in.channels : 1;
        if (!detail::fits(weights) || !detail::fits(positions * weights)) return rule::count_overflow;
        r.weights = count_t(weights);
        r.biases = s.bias ? s.units : 0;
        r.macs = count_t(positions * weights);
        if (each_position) {
            r.output_shape.channels = s.units;
            return rule::none;
        }
        return detail::flatten_into(r, s.units) ? rule::none : rule::count_overflow;
    }

    /// Each output position reads the whole input (per pixel: its own position).
    static constexpr detail::leaf_map map(const layer_record& r, int axis, const detail::span& o) {
        return r.per_pixel ? detail::same_positions(r, axis, o) : detail::whole_map_of(r, axis, o);
    }

    /// "dense 4096", "dense 384, per pixel, no bias"
    static constexpr void describe(const layer_record& r, text& out) {
        out << "dense " << r.units;
        if (r.per_pixel) out << ", per pixel";
        if (!r.bias) out << ", no bias";
    }
};

/// flatten's rule: an image, volume or sequence becomes the 1×1×n image of all its elements (a
/// view: no activations); what follows sees the whole input. A vector is left as it is.
template <>
struct kind_rule<kind::flatten> {
    static constexpr const char* name = "flatten";
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::any;
    static constexpr storage stores = storage::view;

    static constexpr rule apply(const spec&, layer_record& r) {
        if (r.input_shape.rank == 1) return rule::none;
        return detail::flatten_into(r, detail::elements(r.input_shape)) ? rule::none : rule::count_overflow;
    }
    static constexpr detail::leaf_map map(const layer_record& r, int axis, const detail::span& o) {  // what follows sees the whole input
        return detail::whole_map_of(r, axis, o);
    }
    static constexpr void describe(const layer_record&, text& out) { out << "flatten"; }
};

/// `dense<N, Options...>`: a fully connected layer of N outputs. Options: no_bias, per_pixel.
template <count_t N, class... Options>
struct dense {
    static constexpr const detail::parsed_options& opts = detail::options_of<Options...>;
    using options_checked = decltype(detail::check_options<kind::dense, Options...>());

    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::dense>(
        {.units = N, .bias = !opts.has(option_tag::no_bias), .per_pixel = opts.has(option_tag::per_pixel)});
};

/// `flatten`: see its rule above.
struct flatten {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::flatten>({.bias = false});
};

}  // namespace netshape
