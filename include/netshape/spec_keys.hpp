// netshape/spec_keys.hpp: what a kind keeps in its spec beyond the keys every node shows, and under
// which name: a kind's `spec_keys` (kind_rule.hpp). The JSON summary prints them (format/json.hpp)
// and shared<> compares the ones that shape weights (detail/interpret.hpp), neither naming a kind.
//
//   static constexpr std::array spec_keys{spec_key::triple("grid", spec_field::output_padding, shapes_weights),
//                                         spec_key::flag("residual_pool", residual_pool_bit)};
#pragma once

#include <array>
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

/// What two uses of a shared<> block compare in every kind (the members that shape weights by
/// their meaning in spec); a kind adds the members it keeps a weight's shape in under another
/// meaning (spec_key::weights).
inline constexpr unsigned default_weight_fields =
    field_bit(spec_field::units) | field_bit(spec_field::kernel) | field_bit(spec_field::depth_kernel) |
    field_bit(spec_field::groups) | field_bit(spec_field::first) | field_bit(spec_field::bias) |
    field_bit(spec_field::per_pixel) | field_bit(spec_field::mode);

/// How a spec_key shows its value: one number; [h, w]; [d, h, w] (the member and its depth axis);
/// whether a bit of spec::mode is set, as true / false or as one of two words.
enum class key_form : unsigned char { number, pair, triple, flag, choice };

inline constexpr bool shapes_weights = true;

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
    bool weights = false;  // it shapes the kind's weights: two uses of a shared<> block must agree
    /// pair, triple: a value the spec does not hold as such, worked out from it instead of `field`
    dhw (*value)(const spec&) = nullptr;

    static constexpr spec_key number(const char* key, spec_field f, bool w = false) { return {key, key_form::number, f, 0, "", "", w}; }
    static constexpr spec_key pair(const char* key, spec_field f, bool w = false) { return {key, key_form::pair, f, 0, "", "", w}; }
    static constexpr spec_key triple(const char* key, spec_field f, bool w = false) { return {key, key_form::triple, f, 0, "", "", w}; }
    static constexpr spec_key pair(const char* key, dhw (*of)(const spec&)) { return {key, key_form::pair, {}, 0, "", "", false, of}; }
    static constexpr spec_key flag(const char* key, unsigned char bit) { return {key, key_form::flag, spec_field::mode, bit}; }
    static constexpr spec_key choice(const char* key, unsigned char bit, const char* on, const char* off) {
        return {key, key_form::choice, spec_field::mode, bit, on, off};
    }
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

/// The fields a key reads: a triple's member and its depth axis.
[[nodiscard]] constexpr unsigned fields_of(const spec_key& k) {
    if (k.value != nullptr) return 0;
    const unsigned f = field_bit(k.field);
    return k.form != key_form::triple ? f : f | field_bit(depth_of(k.field));
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

/// A kind's declared keys, joined: the window's depth axis after other keys.
template <std::size_t M, std::size_t N>
constexpr std::array<spec_key, M + N> join_keys(const std::array<spec_key, M>& a, const std::array<spec_key, N>& b) {
    std::array<spec_key, M + N> out{};
    for (std::size_t i = 0; i < M; ++i) out[i] = a[i];
    for (std::size_t i = 0; i < N; ++i) out[M + i] = b[i];
    return out;
}

}  // namespace detail

/// The 3-D kinds' window along the depth (conv3d, the 3-D pools, conv_transpose3d): "along_depth"
/// {"kernel", "stride", "pad", "dilation", "output_padding"}; an adaptive 3-D pool's "kernel" is its
/// output depth.
inline constexpr std::array<spec_key, 5> along_depth_keys{
    spec_key::number("along_depth.kernel", spec_field::depth_kernel), spec_key::number("along_depth.stride", spec_field::depth_stride),
    spec_key::number("along_depth.pad", spec_field::depth_pad), spec_key::number("along_depth.dilation", spec_field::depth_dilation),
    spec_key::number("along_depth.output_padding", spec_field::depth_output_padding)};

}  // namespace netshape
