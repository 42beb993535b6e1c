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

/// `dropout`: see its rule above.
struct dropout {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::dropout>({.bias = false});
};

}  // namespace netshape
