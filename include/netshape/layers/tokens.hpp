// netshape/layers/tokens.hpp: sequences of tokens, as the Vision Transformer uses them: an image's
// positions made tokens, a learned class token and position embedding, multi-head self-attention,
// and one token taken out.
//
// A sequence is L×C (shape::sequence; its length is the width axis). On a sequence the receptive
// field is counted along that one axis: to_tokens keeps each position's field (a token is one
// position of the image), and attention, where every token reads every other, widens it by the
// length, as flatten does to what it flattens.
#pragma once

#include <netshape/detail/checked.hpp>
#include <netshape/detail/nodes.hpp>
#include <netshape/detail/options.hpp>

namespace netshape {

namespace detail {
/// What the token rules share: sequences in, a new tensor out, no options...
struct token_rule {
    static constexpr unsigned options = 0;
    static constexpr unsigned ranks = ranks::sequence;
    static constexpr storage stores = storage::new_tensor;
    static constexpr positions_are positions = positions_are::tokens;  // not modelled by the receptive walk
};
/// ... or a view of the input.
struct token_view : token_rule {
    static constexpr storage stores = storage::view;
};
}  // namespace detail

/// to_tokens's rule: an image H×W×C read as the sequence of its H·W positions, C channels each
/// (torchvision's ViT: x.reshape(n, C, H·W).permute(0, 2, 1)), row by row; a volume D×H×W×C as
/// its D·H·W positions, frame by frame (MViT: x.flatten(2).transpose(1, 2)). A view: no
/// parameters, MACs or activations; each token's receptive field is its position's.
template <>
struct kind_rule<kind::to_tokens> : detail::token_view {
    static constexpr const char* name = "to_tokens";
    static constexpr unsigned ranks = ranks::image | ranks::volume;

    static constexpr rule apply(const spec&, layer_record& r) {
        const detail::wide length =
            detail::wide(r.input_shape.depth) * r.input_shape.height * r.input_shape.width;
        if (length >= detail::dimension_limit) return rule::count_overflow;
        r.output_shape = shape::sequence(count_t(length), r.input_shape.channels);
        return rule::none;
    }
    static constexpr void describe(const layer_record&, text& out) { out << "to tokens"; }
};

/// class_token's rule: one learned token of C values put before the sequence (ViT's and BERT's
/// class token: torch.cat([class_token.expand(n, -1, -1), x], dim=1)): L×C to (L + 1)×C, C weights.
template <>
struct kind_rule<kind::class_token> : detail::token_rule {
    static constexpr const char* name = "class_token";

    static constexpr rule apply(const spec&, layer_record& r) {
        r.output_shape.width += 1;
        r.weights = r.input_shape.channels;
        return rule::none;
    }
    static constexpr void describe(const layer_record&, text& out) { out << "class token"; }
};

/// position_embedding's rule: a learned L×C table added to the sequence (ViT's pos_embedding,
/// nn.Parameter(1, L, C)): L·C weights, shape unchanged. L is the input's length: the table is
/// made for the sequence the layer is given, as torchvision sizes it from the image and patch;
/// a table of a declared length (position_embedding_of<L>: spec.mode 1, L in spec.units) must be
/// positive and meet a sequence of L.
template <>
struct kind_rule<kind::position_embedding> : detail::token_rule {
    static constexpr const char* name = "position_embedding";

    static constexpr rule check(const spec& s) {
        return s.mode == 1 && s.units <= 0 ? rule::position_table_not_positive : rule::none;
    }
    static constexpr rule apply(const spec& s, layer_record& r) {
        if (s.mode == 1 && s.units != r.input_shape.width) return rule::position_table_length;
        r.weights = r.input_shape.width * r.input_shape.channels;  // both below 2^31
        return rule::none;
    }
    static constexpr void describe(const layer_record&, text& out) { out << "position embedding"; }
};

/// multi_head_attention's rule: self-attention over a sequence, as nn.MultiheadAttention(C, Heads)
/// called with query = key = value. Heads must divide C. Parameters: the Q, K, V projections
/// (in_proj_weight 3·C², in_proj_bias 3·C) and the output projection (C² + C): 4·C² weights and
/// 4·C biases (none with no_bias). MACs, every matrix product: the projections 4·L·C², the scores
/// Q·Kᵀ L²·C and their weighted sum of V L²·C (over all heads), so 4·L·C² + 2·L²·C; softmax and
/// scaling are not multiply-accumulates. Output L×C, a new tensor (its activations; Q, K, V and the
/// L×L scores are the forward pass's temporaries). Receptive field: the whole sequence.
template <>
struct kind_rule<kind::multi_head_attention> : detail::token_rule {
    static constexpr const char* name = "multi_head_attention";
    static constexpr unsigned options = bit(option_tag::no_bias);

    static constexpr rule check(const spec& s) { return s.units <= 0 ? rule::heads_not_positive : rule::none; }

    static constexpr rule apply(const spec& s, layer_record& r) {
        const count_t c = r.input_shape.channels, l = r.input_shape.width;
        if (c % s.units != 0) return rule::heads_not_dividing_channels;
        const detail::wide square = detail::wide(c) * c;
        const detail::wide macs = 4 * l * square + 2 * detail::wide(l) * l * c;
        if (!detail::fits(4 * square) || !detail::fits(macs)) return rule::count_overflow;
        r.weights = count_t(4 * square);
        r.biases = s.bias ? 4 * c : 0;
        r.macs = count_t(macs);
        return detail::widen(r.receptive_field, hw{1, l}, hw{1, 1}) ? rule::none : rule::count_overflow;
    }

    /// "attention, 12 heads", "attention, 1 head, no bias"
    static constexpr void describe(const layer_record& r, text& out) {
        out << "attention, " << r.units << (r.units == 1 ? " head" : " heads");
        if (!r.bias) out << ", no bias";
    }
};

/// select_token's rule: token I of the sequence, x[:, I] (ViT's classifier reads token 0): L×C to
/// the vector C. I counts from the end when negative, as in Python; −L ≤ I < L. A view.
template <>
struct kind_rule<kind::select_token> : detail::token_view {
    static constexpr const char* name = "select_token";

    static constexpr rule apply(const spec& s, layer_record& r) {
        const count_t l = r.input_shape.width;
        if (s.first >= l || s.first < -l) return rule::token_out_of_range;
        r.output_shape = shape::vector(r.input_shape.channels);
        return rule::none;
    }
    static constexpr void describe(const layer_record& r, text& out) { out << "token " << r.first; }
};

/// `to_tokens`: see its rule above.
struct to_tokens {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::to_tokens>({.bias = false});
};

/// `class_token`: see its rule above.
struct class_token {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::class_token>({.bias = false});
};

/// `position_embedding`: see its rule above; its table is as long as the sequence it is given.
struct position_embedding {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::position_embedding>({.bias = false});
};

/// `position_embedding_of<L>`: a position embedding whose table holds L tokens (a ported model's
/// fixed nn.Parameter(1, L, C)); a sequence of another length breaks its rule.
template <count_t Length>
struct position_embedding_of {
    static constexpr std::array<spec, 1> nodes =
        detail::leaf<kind::position_embedding>({.units = Length, .bias = false, .mode = 1});
};

/// `multi_head_attention<Heads, Options...>`: option no_bias. See its rule above.
template <count_t Heads, class... Options>
struct multi_head_attention {
    using options_checked = decltype(detail::check_options<kind::multi_head_attention, Options...>());
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::multi_head_attention>(
        {.units = Heads, .bias = !detail::options_of<Options...>.has(option_tag::no_bias)});
};

/// `select_token<I>`: see its rule above.
template <count_t I>
struct select_token {
    static constexpr std::array<spec, 1> nodes = detail::leaf<kind::select_token>({.first = I, .bias = false});
};

}  // namespace netshape
