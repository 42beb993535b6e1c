// netshape/kind.hpp: what a row of a network is.
#pragma once

namespace netshape {

/// The kind of one node of a network. Leaf kinds are layers; the last group are the structural
/// markers a block leaves in the flat list of nodes (see composition/).
enum class kind : unsigned char {
    input,
    conv2d,
    dense,
    max_pool,
    avg_pool,
    adaptive_avg_pool,
    adaptive_max_pool,
    flatten,
    batch_norm,
    layer_norm,
    layer_scale,
    lrn,
    dropout,
    activation,
    identity,
    channel_shuffle,
    channel_slice,
    // structure
    block_begin,   // sequential<...>: a group of layers applied in order
    block_end,
    merge_begin,   // concat / add / multiply: branches applied to one input, then merged
    branch,        // start of one branch of the innermost merge
    merge_end,
};

/// How the branches of a merge are combined.
enum class merge : unsigned char { none, concat, add, multiply };

/// The element-wise functions; they change no shape and count no activations (in place).
enum class function : unsigned char {
    none, relu, relu6, leaky_relu, elu, gelu, silu, sigmoid, hardsigmoid, hardswish, tanh, softmax, mish
};

[[nodiscard]] constexpr bool is_structure(kind k) { return k >= kind::block_begin; }

[[nodiscard]] constexpr const char* name_of(kind k) {
    switch (k) {
        case kind::input: return "input";
        case kind::conv2d: return "conv2d";
        case kind::dense: return "dense";
        case kind::max_pool: return "max_pool";
        case kind::avg_pool: return "avg_pool";
        case kind::adaptive_avg_pool: return "adaptive_avg_pool";
        case kind::adaptive_max_pool: return "adaptive_max_pool";
        case kind::flatten: return "flatten";
        case kind::batch_norm: return "batch_norm";
        case kind::layer_norm: return "layer_norm";
        case kind::layer_scale: return "layer_scale";
        case kind::lrn: return "lrn";
        case kind::dropout: return "dropout";
        case kind::activation: return "activation";
        case kind::identity: return "identity";
        case kind::channel_shuffle: return "channel_shuffle";
        case kind::channel_slice: return "channel_slice";
        case kind::block_begin: return "sequential";
        case kind::block_end: return "end";
        case kind::merge_begin: return "merge";
        case kind::branch: return "branch";
        case kind::merge_end: return "end";
    }
    return "?";
}

[[nodiscard]] constexpr const char* name_of(merge m) {
    switch (m) {
        case merge::none: return "";
        case merge::concat: return "concat";
        case merge::add: return "add";
        case merge::multiply: return "multiply";
    }
    return "?";
}

[[nodiscard]] constexpr const char* name_of(function f) {
    switch (f) {
        case function::none: return "";
        case function::relu: return "relu";
        case function::relu6: return "relu6";
        case function::leaky_relu: return "leaky_relu";
        case function::elu: return "elu";
        case function::gelu: return "gelu";
        case function::silu: return "silu";
        case function::sigmoid: return "sigmoid";
        case function::hardsigmoid: return "hardsigmoid";
        case function::hardswish: return "hardswish";
        case function::tanh: return "tanh";
        case function::softmax: return "softmax";
        case function::mish: return "mish";
    }
    return "?";
}

}  // namespace netshape
