// netshape/spec_keys.hpp: what a kind keeps in its spec beyond the keys every node shows, and under
// which name: a kind's `spec_keys` (kind_rule.hpp). The JSON summary prints them (format/json.hpp)
// and shared<> compares the ones that shape weights (detail/interpret.hpp), neither naming a kind.
//
//   static constexpr spec_key spec_keys[] = {{"grid", key_form::triple, spec_field::output_padding},
//                                            {"residual_pool", key_form::flag, spec_field::mode, 1}};
//   static constexpr unsigned weight_fields = default_weight_fields | field_bit(spec_field::output_padding) | ...;
//
// Plain aggregates (no std::array, no calls): every kind's are constants of the core's headers.
// The printers and the arena read them through kind_extras (kinds.hpp: extras_of), a table built
// only where one is read; kind_info carries only weight_fields, which shared<> reads.
#pragma once

#include <cstddef>

#include <netshape/spec.hpp>

namespace netshape {

/// A member of spec (an axis of a window: its height and width; depth_*: along_depth's member).
enum class spec_field : unsigned char {
    units, kernel, stride, pad, dilation, output_padding, groups, first, bias, ceil, per_pixel, fn, mode,
    depth_kernel, depth_stride, depth_pad, depth_dilation, depth_output_padding
};

/// A set of spec fields, as bits.
[[nodiscard]] constexpr unsigned field_bit(spec_field f) { return 1u << static_cast<unsigned>(f); }

/// What two uses of a shared<> block compare in a kind without `weight_fields` (the members that
/// shape weights by their meaning in spec); a kind that keeps a weight's shape in a member of another
/// meaning declares its own set (kind_rule::weight_fields).
inline constexpr unsigned default_weight_fields =
    field_bit(spec_field::units) | field_bit(spec_field::kernel) | field_bit(spec_field::depth_kernel) |
    field_bit(spec_field::groups) | field_bit(spec_field::first) | field_bit(spec_field::bias) |
    field_bit(spec_field::per_pixel) | field_bit(spec_field::mode);

/// How a spec_key shows its value: one number; [h, w]; [d, h, w] (the member and its depth axis);
/// whether a bit of spec::mode is set, as true / false or as one of two words; the window's depth
/// axis (spec::along_depth) as an object {"kernel", "stride", "pad", "dilation", "output_padding"}.
enum class key_form : unsigned char { number, pair, triple, flag, choice, depth_axis };

/// One key of a kind's spec in the JSON summary. A key named like one every node has ("pad")
/// replaces that key's value in place; others follow the common keys, in the kind's order, and
/// "outer.inner" puts consecutive keys inside one object "outer".
struct spec_key {
    const char* key = "";
    key_form form = key_form::number;
    spec_field field = spec_field::units;  // number, pair, triple: the member read
    unsigned char bit = 0;                 // flag, choice: spec::mode's bit
    const char* on = "";                   // choice: the word when the bit is set, and when it is clear
    const char* off = "";
    /// pair, triple: a value the spec does not hold as such, worked out from it instead of `field`
    dhw (*value)(const spec&) = nullptr;
};

namespace detail {

/// An hw member of s (kernel, stride, pad, dilation, output_padding; another field reads output_padding).
[[nodiscard]] constexpr hw plane_of(const spec& s, spec_field f) {
    switch (f) {
        case spec_field::kernel: return s.kernel;
        case spec_field::stride: return s.stride;
        case spec_field::pad: return s.pad;
        case spec_field::dilation: return s.dilation;
        default: return s.output_padding;
    }
}
/// A field of one value (bools and enums as integers; a depth_* member).
[[nodiscard]] constexpr count_t number_of(const spec& s, spec_field f) {
    switch (f) {
        case spec_field::units: return s.units;
        case spec_field::groups: return s.groups;
        case spec_field::first: return s.first;
        case spec_field::bias: return s.bias;
        case spec_field::ceil: return s.ceil;
        case spec_field::per_pixel: return s.per_pixel;
        case spec_field::fn: return static_cast<count_t>(s.fn);
        case spec_field::mode: return s.mode;
        case spec_field::depth_kernel: return s.along_depth.kernel;
        case spec_field::depth_stride: return s.along_depth.stride;
        case spec_field::depth_pad: return s.along_depth.pad;
        case spec_field::depth_dilation: return s.along_depth.dilation;
        default: return s.along_depth.output_padding;  // depth_output_padding
    }
}
/// An hw member's depth axis (kernel: depth_kernel).
[[nodiscard]] constexpr spec_field depth_of(spec_field f) {
    return static_cast<spec_field>(static_cast<unsigned>(f) - static_cast<unsigned>(spec_field::kernel) +
                                   static_cast<unsigned>(spec_field::depth_kernel));
}
/// A key's three axes: the member's height and width and its depth axis (a pair reads two of them).
[[nodiscard]] constexpr dhw extent_of(const spec& s, const spec_key& k) {
    if (k.value != nullptr) return k.value(s);
    const hw p = plane_of(s, k.field);
    return dhw{number_of(s, depth_of(k.field)), p.height, p.width};
}

/// Whether a and b agree in every field of the set.
[[nodiscard]] constexpr bool same_fields(const spec& a, const spec& b, unsigned fields) {
    for (unsigned i = 0; fields >> i != 0; ++i) {
        if (((fields >> i) & 1u) == 0) continue;
        const auto f = static_cast<spec_field>(i);
        const bool plane = f >= spec_field::kernel && f <= spec_field::output_padding;
        if (plane ? !(plane_of(a, f) == plane_of(b, f)) : number_of(a, f) != number_of(b, f)) return false;
    }
    return true;
}

}  // namespace detail

}  // namespace netshape
