// netshape/layers/activation.hpp: element-wise functions and dropout.
#pragma once

#include <netshape/detail/nodes.hpp>

namespace netshape {

/// An element-wise function: no parameters, no MACs, shape unchanged, and no activations counted
/// (frameworks apply them in place; this is the seed's "Number of Activations" convention).
template <function F>
struct activation {
    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::activation, .fn = F, .bias = false});
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

/// Dropout (and stochastic depth): nothing at inference, in place in training; counts nothing.
struct dropout {
    static constexpr std::array<spec, 1> nodes = detail::leaf({.kind = kind::dropout, .bias = false});
};

}  // namespace netshape
