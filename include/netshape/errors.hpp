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

namespace netshape {

enum class rule : unsigned char {
    none,
    input_not_positive,
    input_not_first,
    kernel_not_positive,
    stride_not_positive,
    pad_negative,
    dilation_not_positive,
    filters_not_positive,
    units_not_positive,
    groups_not_positive,
    groups_not_dividing_channels,
    groups_not_dividing_filters,
    kernel_exceeds_input,
    pool_pad_over_half_kernel,
    output_size_not_positive,
    shuffle_groups_not_dividing,
    slice_out_of_range,
    concat_mismatch,
    add_mismatch,
    multiply_mismatch,
    empty_merge,
    count_overflow,
};

/// The message a rule is reported with (also used by tests and docs/errors.md).
[[nodiscard]] constexpr const char* message(rule r) {
    switch (r) {
        case rule::none: return "";
        case rule::input_not_positive: return "netshape: input height, width and channels must be positive";
        case rule::input_not_first: return "netshape: input<> may only begin a network";
        case rule::kernel_not_positive: return "netshape: kernel size must be positive";
        case rule::stride_not_positive: return "netshape: stride must be positive";
        case rule::pad_negative: return "netshape: padding must not be negative";
        case rule::dilation_not_positive: return "netshape: dilation must be positive";
        case rule::filters_not_positive: return "netshape: filters must be positive";
        case rule::units_not_positive: return "netshape: a dense layer needs a positive number of outputs";
        case rule::groups_not_positive: return "netshape: groups must be positive";
        case rule::groups_not_dividing_channels: return "netshape: groups must divide the input channels";
        case rule::groups_not_dividing_filters: return "netshape: groups must divide the filters";
        case rule::kernel_exceeds_input: return "netshape: kernel larger than the padded input";
        case rule::pool_pad_over_half_kernel: return "netshape: pooling padding exceeds half the kernel";
        case rule::output_size_not_positive: return "netshape: adaptive pooling output size must be positive";
        case rule::shuffle_groups_not_dividing: return "netshape: shuffle groups must divide the channels";
        case rule::slice_out_of_range: return "netshape: channel slice outside the input channels";
        case rule::concat_mismatch: return "netshape: concat branches differ in height or width";
        case rule::add_mismatch: return "netshape: add branches differ in shape";
        case rule::multiply_mismatch: return "netshape: multiply branches cannot be broadcast together";
        case rule::empty_merge: return "netshape: a merge needs at least one branch";
        case rule::count_overflow: return "netshape: a count overflows 64 bits";
    }
    return "";
}

/// The first error a malformed network produces. Template arguments: the index the layer has (or
/// would have) in layers<Net>, its kind, for merges how they merge, the input shape (for merges:
/// the branches merged so far), a second shape (the layer's output, or the offending branch's),
/// and the rule broken. Each check is a named constant so that clang's first line names it too.
template <std::size_t Layer, kind Kind, merge How, shape Input, shape Other, rule Rule>
struct layer_error {
    static constexpr bool input_is_positive = Rule != rule::input_not_positive;
    static_assert(input_is_positive, "netshape: input height, width and channels must be positive");
    static constexpr bool input_only_first = Rule != rule::input_not_first;
    static_assert(input_only_first, "netshape: input<> may only begin a network");
    static constexpr bool kernel_is_positive = Rule != rule::kernel_not_positive;
    static_assert(kernel_is_positive, "netshape: kernel size must be positive");
    static constexpr bool stride_is_positive = Rule != rule::stride_not_positive;
    static_assert(stride_is_positive, "netshape: stride must be positive");
    static constexpr bool pad_is_not_negative = Rule != rule::pad_negative;
    static_assert(pad_is_not_negative, "netshape: padding must not be negative");
    static constexpr bool dilation_is_positive = Rule != rule::dilation_not_positive;
    static_assert(dilation_is_positive, "netshape: dilation must be positive");
    static constexpr bool filters_are_positive = Rule != rule::filters_not_positive;
    static_assert(filters_are_positive, "netshape: filters must be positive");
    static constexpr bool outputs_are_positive = Rule != rule::units_not_positive;
    static_assert(outputs_are_positive, "netshape: a dense layer needs a positive number of outputs");
    static constexpr bool groups_are_positive = Rule != rule::groups_not_positive;
    static_assert(groups_are_positive, "netshape: groups must be positive");
    static constexpr bool groups_divide_input_channels = Rule != rule::groups_not_dividing_channels;
    static_assert(groups_divide_input_channels, "netshape: groups must divide the input channels");
    static constexpr bool groups_divide_filters = Rule != rule::groups_not_dividing_filters;
    static_assert(groups_divide_filters, "netshape: groups must divide the filters");
    static constexpr bool kernel_fits_padded_input = Rule != rule::kernel_exceeds_input;
    static_assert(kernel_fits_padded_input, "netshape: kernel larger than the padded input");
    static constexpr bool pool_pad_at_most_half_kernel = Rule != rule::pool_pad_over_half_kernel;
    static_assert(pool_pad_at_most_half_kernel, "netshape: pooling padding exceeds half the kernel");
    static constexpr bool output_size_is_positive = Rule != rule::output_size_not_positive;
    static_assert(output_size_is_positive, "netshape: adaptive pooling output size must be positive");
    static constexpr bool shuffle_groups_divide_channels = Rule != rule::shuffle_groups_not_dividing;
    static_assert(shuffle_groups_divide_channels, "netshape: shuffle groups must divide the channels");
    static constexpr bool slice_within_channels = Rule != rule::slice_out_of_range;
    static_assert(slice_within_channels, "netshape: channel slice outside the input channels");
    static constexpr bool concat_branches_agree_in_height_and_width = Rule != rule::concat_mismatch;
    static_assert(concat_branches_agree_in_height_and_width, "netshape: concat branches differ in height or width");
    static constexpr bool add_branches_agree_in_shape = Rule != rule::add_mismatch;
    static_assert(add_branches_agree_in_shape, "netshape: add branches differ in shape");
    static constexpr bool multiply_branches_broadcast = Rule != rule::multiply_mismatch;
    static_assert(multiply_branches_broadcast, "netshape: multiply branches cannot be broadcast together");
    static constexpr bool merge_has_branches = Rule != rule::empty_merge;
    static_assert(merge_has_branches, "netshape: a merge needs at least one branch");
    static constexpr bool counts_fit_in_64_bits = Rule != rule::count_overflow;
    static_assert(counts_fit_in_64_bits, "netshape: a count overflows 64 bits");
    static constexpr bool reported = true;
};

}  // namespace netshape
