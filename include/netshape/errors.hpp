// netshape/errors.hpp: the rules a network can break, and how a broken one is reported.
//
// The interpreter never fails inside constant evaluation (on clang that would surface first as
// "not a constant expression"). It records the first broken rule with the layer's index, kind
// and shapes; figures.hpp then instantiates `layer_error` with those as template arguments, and
// its static_assert is the first error on both compilers, reading "netshape: <rule>", with the
// instantiation context showing layer<index, kind, input, ...>.
#pragma once

#include <cstddef>

#include <netshape/kind.hpp>
#include <netshape/shape.hpp>

/// Every rule, once: X(enumerator, what holds when it is kept, message). The enum, message() and
/// layer_error's static_asserts are generated from this list (a static_assert's message must be a
/// literal, so a list expanded by a macro is the one way to write each message once). Adding a
/// rule is one line here; the kind that breaks it returns it from its kind_rule.
// clang-format off
#define NETSHAPE_RULES(X) \
    X(input_not_positive, input_is_positive, "netshape: input height, width and channels must be positive") \
    X(input_not_first, input_only_first, "netshape: input<> may only begin a network") \
    X(vector_not_accepted, accepts_feature_vectors, "netshape: this layer does not accept a feature vector (C)") \
    X(sequence_not_accepted, accepts_sequences, "netshape: this layer does not accept a sequence (L×C)") \
    X(image_not_accepted, accepts_images, "netshape: this layer does not accept an image (H×W×C)") \
    X(volume_not_accepted, accepts_volumes, "netshape: this layer does not accept a volume (D×H×W×C)") \
    X(kernel_not_positive, kernel_is_positive, "netshape: kernel size must be positive") \
    X(stride_not_positive, stride_is_positive, "netshape: stride must be positive") \
    X(pad_negative, pad_is_not_negative, "netshape: padding must not be negative") \
    X(dilation_not_positive, dilation_is_positive, "netshape: dilation must be positive") \
    X(filters_not_positive, filters_are_positive, "netshape: filters must be positive") \
    X(units_not_positive, outputs_are_positive, "netshape: a dense layer needs a positive number of outputs") \
    X(groups_not_positive, groups_are_positive, "netshape: groups must be positive") \
    X(groups_not_dividing_channels, groups_divide_input_channels, "netshape: groups must divide the input channels") \
    X(groups_not_dividing_filters, groups_divide_filters, "netshape: groups must divide the filters") \
    X(kernel_exceeds_input, kernel_fits_padded_input, "netshape: kernel larger than the padded input") \
    X(output_padding_too_large, output_padding_below_stride_or_dilation, "netshape: output padding must be smaller than either stride or dilation") \
    X(transposed_output_not_positive, transposed_output_is_positive, "netshape: transposed convolution's padding leaves no output") \
    X(pool_pad_over_half_kernel, pool_pad_at_most_half_kernel, "netshape: pooling padding exceeds half the kernel") \
    X(output_size_not_positive, output_size_is_positive, "netshape: adaptive pooling output size must be positive") \
    X(scale_not_positive, scale_is_positive, "netshape: scale factor must be positive") \
    X(resize_not_positive, resize_is_positive, "netshape: resize height and width must be positive") \
    X(pixel_shuffle_channels_not_divisible, pixel_shuffle_channels_divisible, "netshape: pixel_shuffle needs channels divisible by the square of its factor") \
    X(zero_pad_output_not_positive, zero_pad_output_is_positive, "netshape: zero_pad's negative padding crops more than the input or leaves no output") \
    X(neg_inf_pad_output_not_positive, neg_inf_pad_output_is_positive, "netshape: neg_inf_pad's negative padding crops more than the input or leaves no output") \
    X(pixel_unshuffle_size_not_divisible, pixel_unshuffle_size_divisible, "netshape: pixel_unshuffle needs height and width divisible by its factor") \
    X(heads_not_positive, heads_are_positive, "netshape: attention heads must be positive") \
    X(heads_not_dividing_channels, heads_divide_channels, "netshape: attention heads must divide the channels") \
    X(window_not_positive, window_is_positive, "netshape: an attention window or grid must be positive") \
    X(grid_not_dividing_image, grid_divides_image, "netshape: grid attention's grid must divide the image's height and width") \
    X(position_table_not_positive, position_table_is_positive, "netshape: a position table's length must be positive") \
    X(position_table_length, position_table_fits_sequence, "netshape: the position table's length differs from the sequence's") \
    X(token_grid_mismatch, token_grid_fits_sequence, "netshape: the token grid differs from the sequence (its length must be T·H·W, or T·H·W + 1 with a class token)") \
    X(attention_width_not_positive, attention_width_is_positive, "netshape: an attention's output channels must be positive") \
    X(token_out_of_range, token_within_sequence, "netshape: select_token index outside the sequence") \
    X(shuffle_groups_not_dividing, shuffle_groups_divide_channels, "netshape: shuffle groups must divide the channels") \
    X(slice_out_of_range, slice_within_channels, "netshape: channel slice outside the input channels") \
    X(size_not_positive, size_is_positive, "netshape: local response norm size must be positive") \
    X(prelu_slopes_mismatch, prelu_slopes_one_or_channels, "netshape: prelu's slopes must be 1 or the input channels") \
    X(concat_mismatch, concat_branches_agree_in_height_and_width, "netshape: concat branches differ in height or width (or a volume's depth, a sequence's length)") \
    X(add_mismatch, add_branches_agree_in_shape, "netshape: add branches differ in shape") \
    X(multiply_mismatch, multiply_branches_broadcast, "netshape: multiply branches cannot be broadcast together") \
    X(empty_merge, merge_has_branches, "netshape: a merge needs at least one branch") \
    X(merge_rank_mismatch, merged_branches_agree_in_rank, "netshape: merged branches differ in rank") \
    X(shared_weights_differ, shared_uses_agree_in_weight_shapes, "netshape: a shared block's weights differ in shape from its first use") \
    X(count_overflow, counts_fit_in_64_bits, "netshape: a count overflows 64 bits")

// clang-format on

namespace netshape {

#define NETSHAPE_RULE_ENUMERATOR(name, kept, text) name,
enum class rule : unsigned char { none, NETSHAPE_RULES(NETSHAPE_RULE_ENUMERATOR) };
#undef NETSHAPE_RULE_ENUMERATOR

namespace detail {
#define NETSHAPE_RULE_MESSAGE(name, kept, text) text,
inline constexpr const char* rule_messages[] = {"", NETSHAPE_RULES(NETSHAPE_RULE_MESSAGE)};
#undef NETSHAPE_RULE_MESSAGE
}  // namespace detail

/// The message a rule is reported with (also used by tests and docs/errors.md).
[[nodiscard]] constexpr const char* message(rule r) { return detail::rule_messages[static_cast<unsigned>(r)]; }

/// Where a broken rule is, in words, for the diagnostic: the layer's path, each level's name or,
/// for an unnamed one, its position among its siblings (PyTorch's module path: "features.3",
/// "layer1.0.conv2", "2.1"; "" for the input), and its description ("conv 5x5, 8, pad 1": the
/// kernel, stride, padding and dilation of a window). ASCII, at most 40 characters each (a longer
/// path keeps its end after ".."), usable as a template argument.
struct location {
    static constexpr std::size_t capacity = 63;
    static constexpr std::size_t shown = 40;  // each at most, so the diagnostic's lines stay under 400
    char path[capacity + 1]{};
    char layer[capacity + 1]{};
};

/// A path spelled one character per argument, and a window's extents: clang 14 prints a character
/// array in a template argument as numbers, but a character as 'c' and a number as itself.
template <char... Path>
struct path {};
struct window {
    hw kernel{};
    hw stride{};
    hw pad{};
    hw dilation{};
};

/// How the diagnostic shows where a rule broke: the location as text on g++; on clang the path
/// spelled (its last path_shown characters, the most particular, keeping the line under 400) and
/// the window.
#if defined(__clang__)
inline constexpr std::size_t path_shown = 12;
template <class Path, window Window>
struct where {};
#else
template <location Location>
struct where {};
#endif

/// The first error a malformed network produces. Template arguments: the index the layer has (or
/// would have) in layers<Net>, where it is (a `where<...>`: its path and description), its kind, for merges how
/// they merge, the input shape (for merges: the branches merged so far), a second shape (the
/// layer's output, or the offending branch's), and the rule broken. Each check is a named
/// constant so that clang's first line names it too.
template <std::size_t Layer, class Where, kind Kind, merge How, shape Input, shape Other, rule Rule>
struct layer_error {
#define NETSHAPE_RULE_ASSERT(name, kept, text) \
    static constexpr bool kept = Rule != rule::name; \
    static_assert(kept, text);
    NETSHAPE_RULES(NETSHAPE_RULE_ASSERT)
#undef NETSHAPE_RULE_ASSERT
    static constexpr bool reported = true;
};

}  // namespace netshape
