// netshape/kind.hpp: what a row of a network is.
#pragma once

namespace netshape {

/// The kind of one node of a network. Leaf kinds are layers; the last group are the structural
/// markers a block leaves in the flat list of nodes (see composition/).
///
/// This list is where layer kinds are registered: one line each. Everything else about a kind
/// (shape, counts, options, ranks, description) is its `kind_rule<kind::K>` in its own header
/// (kind_rule.hpp says what a rule holds); detail/kinds.hpp refuses to compile if one is missing.
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
    frozen_batch_norm,
    conv_transpose2d,
    upsample,
    resize,
    pixel_shuffle,
    pixel_unshuffle,
    group_norm,
    instance_norm,
    to_tokens,
    class_token,
    position_embedding,
    multi_head_attention,
    select_token,
    window_attention,
    cosine_window_attention,
    grid_attention,
    patch_merging,
    prelu,
    zero_pad,
    neg_inf_pad,
    conv3d,
    conv_transpose3d,
    max_pool3d,
    avg_pool3d,
    adaptive_avg_pool3d,
    adaptive_max_pool3d,
    conv1d,
    conv_transpose1d,
    max_pool1d,
    avg_pool1d,
    adaptive_avg_pool1d,
    separable_position_embedding,
    grid_max_pool,
    multiscale_attention,
    // structure
    block_begin,   // sequential<...>: a group of layers applied in order; shared<Tag, B> (how == merge::shared)
    block_end,
    merge_begin,   // concat / add / multiply: branches applied to one input, then merged; output<H>: a
                   // side output (one branch, its result an extra output, the input passed on)
    branch,        // start of one branch of the innermost merge
    merge_end,
};

/// How the branches of a merge are combined; `output`: not combined, output<H>'s one branch is a side
/// output of the network and the merge passes its input on (composition/outputs.hpp). `shared`: no
/// merge, the block markers (block_begin, block_end) of shared<Tag, Block> (composition/shared.hpp).
enum class merge : unsigned char { none, concat, add, multiply, output, shared };

/// The element-wise functions; they change no shape and count no activations (in place).
enum class function : unsigned char {
    none, relu, relu6, leaky_relu, elu, gelu, silu, sigmoid, hardsigmoid, hardswish, tanh, softmax, mish,
    selu, softplus, celu, thresholded_relu
};

[[nodiscard]] constexpr bool is_structure(kind k) { return k >= kind::block_begin; }

[[nodiscard]] constexpr const char* name_of(merge m) {
    switch (m) {
        case merge::none: return "";
        case merge::concat: return "concat";
        case merge::add: return "add";
        case merge::multiply: return "multiply";
        case merge::output: return "output";
        case merge::shared: return "shared";
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
        case function::selu: return "selu";
        case function::softplus: return "softplus";
        case function::celu: return "celu";
        case function::thresholded_relu: return "thresholded_relu";
    }
    return "?";
}

}  // namespace netshape
