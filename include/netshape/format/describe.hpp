// netshape/format/describe.hpp: the words and numbers of a row (shared by every output format).
#pragma once

#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

#include <netshape/layer_record.hpp>

namespace netshape {

namespace format {

inline void append(std::string& s, const std::string& x) { s += x; }
inline void append(std::string& s, const char* x) { s += x; }
inline void append(std::string& s, char x) { s += x; }
inline void append(std::string& s, count_t x) { s += std::to_string(x); }
inline void append(std::string& s, std::size_t x) { s += std::to_string(x); }

/// Joins strings, literals and integers. Appending, rather than `"literal" + std::string`, also
/// avoids a false -Wrestrict that GCC 12's libstdc++ raises for the latter at -O3.
template <class... Parts>
std::string cat(const Parts&... parts) {
    std::string s;
    (append(s, parts), ...);
    return s;
}

/// 62378344 -> "62,378,344".
inline std::string thousands(count_t value) {
    const bool negative = value < 0;
    std::string digits = std::to_string(negative ? -value : value);
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[i];
        if ((n - i - 1) % 3 == 0 && i + 1 < n) out += ',';
    }
    return negative ? cat("-", out) : out;
}

/// 55×55×96.
inline std::string dims(const shape& s) {
    return cat(s.height, "×", s.width, "×", s.channels);
}

inline std::string pair(const hw& v) {
    return v.height == v.width ? std::to_string(v.height) : cat(v.height, "×", v.width);
}

inline std::string window(const hw& k) { return cat(k.height, "×", k.width); }

/// Bytes at 4 bytes an element, in MiB with two decimals.
inline std::string mebibytes(count_t elements, int bytes_per_element = 4) {
    const double mib = static_cast<double>(elements) * bytes_per_element / (1024.0 * 1024.0);
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(2);
    out << mib << " MiB";
    return out.str();
}

/// Columns are measured in code points, so "×" counts as one.
inline std::size_t width(const std::string& s) {
    std::size_t w = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++w;  // not a UTF-8 continuation byte
    return w;
}

/// Every node's qualified name: the names of the named blocks around it and its own, joined with
/// dots, as PyTorch spells module paths ("layer1" > "0" > "conv1" is "layer1.0.conv1"). Names are
/// kept local in the types (so that a block is one type wherever it sits) and joined here, at run
/// time. An unnamed leaf's entry is empty; an unnamed block passes its parent's prefix through.
inline std::vector<std::string> qualified_names(const layer_record* nodes, std::size_t size) {
    std::vector<std::string> out(size);
    std::vector<std::string> prefix{""};
    const auto join = [](const std::string& p, const char* name) { return p.empty() ? std::string(name) : cat(p, ".", name); };
    for (std::size_t i = 0; i < size; ++i) {
        const layer_record& r = nodes[i];
        switch (r.kind) {
            case kind::block_begin:
            case kind::merge_begin:
                out[i] = r.name != nullptr ? join(prefix.back(), r.name) : prefix.back();
                prefix.push_back(out[i]);
                break;
            case kind::block_end:
            case kind::merge_end:
                if (prefix.size() > 1) prefix.pop_back();
                out[i] = prefix.back();
                break;
            case kind::branch:
                out[i] = prefix.back();
                break;
            default:
                out[i] = r.name != nullptr ? join(prefix.back(), r.name) : std::string();
        }
    }
    return out;
}

/// The short description of a node: "conv 11×11/4, 96", "max pool 3×3/2", "concat of 4".
inline std::string describe(const layer_record& r) {
    std::string d;
    const auto window_options = [&] {
        std::string o;
        if (r.stride.height != 1 || r.stride.width != 1) o += cat("/", pair(r.stride));
        return o;
    };
    const auto extras = [&] {
        std::string o;
        if (r.pad.height != 0 || r.pad.width != 0) o += cat(", pad ", pair(r.pad));
        if (r.dilation.height != 1 || r.dilation.width != 1) o += cat(", dilation ", pair(r.dilation));
        return o;
    };
    switch (r.kind) {
        case kind::conv2d:
            d = cat("conv ", window(r.kernel), window_options(), ", ", r.units, extras());
            if (r.groups == r.input.channels && r.groups > 1) d += ", depthwise";
            else if (r.groups != 1) d += cat(", groups ", r.groups);
            if (!r.bias) d += ", no bias";
            return d;
        case kind::max_pool:
        case kind::avg_pool:
            d = cat(r.kind == kind::max_pool ? "max pool " : "avg pool ", window(r.kernel), window_options(), extras());
            if (r.ceil) d += ", ceil";
            return d;
        case kind::adaptive_avg_pool:
        case kind::adaptive_max_pool: {
            const char* op = r.kind == kind::adaptive_avg_pool ? "avg" : "max";
            if (r.kernel.height == 1 && r.kernel.width == 1) return cat("global ", op, " pool");
            return cat("adaptive ", op, " pool to ", window(r.kernel));
        }
        case kind::dense:
            d = cat("dense ", r.units);
            if (r.per_pixel) d += ", per pixel";
            if (!r.bias) d += ", no bias";
            return d;
        case kind::flatten: return "flatten";
        case kind::batch_norm: return "batch norm";
        case kind::layer_norm: return "layer norm";
        case kind::layer_scale: return "layer scale";
        case kind::lrn: return cat("local response norm ", r.units);
        case kind::dropout: return "dropout";
        case kind::activation: return name_of(r.fn);
        case kind::identity: return "identity";
        case kind::channel_shuffle: return cat("channel shuffle, ", r.units, " groups");
        case kind::channel_slice:
            return cat("channels ", r.first, "–", r.first + r.units - 1);
        case kind::input: return "input";
        case kind::block_begin: return "sequential";
        case kind::merge_begin: return cat(name_of(r.how), " of ", r.branches);
        default: return "";
    }
}

}  // namespace format

}  // namespace netshape
