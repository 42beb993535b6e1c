// netshape/layers/activation.hpp: element-wise functions and dropout.
#pragma once

#include <netshape/detail/nodes.hpp>

namespace netshape {

/// activation's rule: an element-wise function of any rank: no parameters, no MACs, shape
/// unchanged, and no activations counted (frameworks apply them in place; this is the seed's
/// "Number of Activations" convention).
template <>
struct kind_rule<kind::activation> {
    static constexpr const char* name = "activation";
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::any;
    static constexpr storage stores = storage::in_place;
    static constexpr per_channel counts{};
    static constexpr void describe(const layer_record& r, text& out) { out << name_of(r.fn); }
    static constexpr const char* word(const spec& s) { return name_of(s.fn); }  // "relu"
};

/// dropout's rule (also stochastic depth): nothing at inference, in place in training; counts nothing.
template <>
struct kind_rule<kind::dropout> {
    static constexpr const char* name = "dropout";
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::any;
    static constexpr storage stores = storage::in_place;
    static constexpr per_channel counts{};
    static constexpr void describe(const layer_record&, text& out) { out << "dropout"; }
};

/// prelu's rule: PyTorch's nn.PReLU(num_parameters): max(0, x) + a·min(0, x) with a learned slope
/// a, one shared by every channel (num_parameters 1, PyTorch's default) or one per channel (the
/// input's channels, dimension 1 of PyTorch's tensor): `units` weights, no bias. Shape unchanged, no
/// MACs, activations not counted (as every element-wise function's). PyTorch refuses any other
/// number of slopes at the forward pass.
template <>
struct kind_rule<kind::prelu> {
    static constexpr const char* name = "prelu";
    static constexpr positions_are positions = positions_are::kept;
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::any;
    static constexpr storage stores = storage::in_place;
    static constexpr rule check(const spec& s) { return s.units < 1 ? rule::prelu_slopes_mismatch : rule::none; }
    static constexpr rule apply(const spec& s, layer_record& r) {
        if (s.units != 1 && s.units != r.input_shape.channels) return rule::prelu_slopes_mismatch;
        r.weights = s.units;
        return rule::none;
    }
    /// "prelu, 1 slope", "prelu, 64 slopes"
    static constexpr void describe(const layer_record& r, text& out) {
        out << "prelu, " << r.units << (r.units == 1 ? " slope" : " slopes");
    }
};

/// `activation<F>`: the element-wise function F (kind.hpp's `function`).
template <function F>
struct activation {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::activation>({.fn = F, .bias = false});
};

using relu = activation<function::relu>;
using relu6 = activation<function::relu6>;
using leaky_relu = activation<function::leaky_relu>;
using elu = activation<function::elu>;
using gelu = activation<function::gelu>;
using silu = activation<function::silu>;
using swish = silu;
using sigmoid = activation<function::sigmoid>;
using hardsigmoid = activation<function::hardsigmoid>;
using hardswish = activation<function::hardswish>;
using tanh = activation<function::tanh>;
using softmax = activation<function::softmax>;
using mish = activation<function::mish>;
using selu = activation<function::selu>;
using softplus = activation<function::softplus>;
using celu = activation<function::celu>;
using thresholded_relu = activation<function::thresholded_relu>;

/// `prelu<Slopes = 1>`: see its rule above; `Slopes` is nn.PReLU's num_parameters, 1 or C.
template <count_t Slopes = 1>
struct prelu {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::prelu>({.units = Slopes, .bias = false});
};

/// `dropout`: see its rule above.
struct dropout {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::dropout>({.bias = false});
};

}  // namespace netshape
