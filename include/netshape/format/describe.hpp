// netshape/format/describe.hpp: the words and numbers of a row (shared by every output format).
#pragma once

#include <cstddef>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <netshape/kinds.hpp>
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

/// By rank: "1000", "197×768", "55×55×96", "16×112×112×3".
inline std::string dims(const shape& s) {
    if (s.rank == 1) return cat(s.channels);
    if (s.rank == 2) return cat(s.width, "×", s.channels);
    if (s.rank == 4) return cat(s.depth, "×", s.height, "×", s.width, "×", s.channels);
    return cat(s.height, "×", s.width, "×", s.channels);
}

/// "3", or "1/2" in lowest terms.
inline std::string ratio(const fraction& f) {
    return f.denominator == 1 ? std::to_string(f.numerator) : cat(f.numerator, "/", f.denominator);
}

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

/// Whether a node has a name. An empty name is no name (named<"", L> is L); records built by hand
/// may hold nullptr, which is no name too.
inline bool has_name(const layer_record& r) { return r.name != nullptr && r.name[0] != '\0'; }

/// A byte as two lowercase hex digits ("1b").
inline std::string hex_byte(char c) {
    const char* hex = "0123456789abcdef";
    const auto u = static_cast<unsigned char>(c);
    return {hex[u >> 4], hex[u & 0xFu]};
}

/// A control character as C writes it: "\n", "\r", "\t", "\x1b".
inline std::string control_escape(char c) {
    if (c == '\n') return "\\n";
    if (c == '\r') return "\\r";
    if (c == '\t') return "\\t";
    return cat("\\x", hex_byte(c));
}
inline bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7f'; }

/// Text tables: control characters (a newline would break the row) made visible as C escapes,
/// and backslashes doubled, so that what is shown reads back unambiguously.
inline std::string visible(const std::string& s) {
    std::string out;
    for (const char c : s) {
        if (c == '\\') out += "\\\\";
        else if (is_control(c)) out += control_escape(c);
        else out += c;
    }
    return out;
}

/// Markdown table cells: visible(), then a backslash before `|` (which would end the cell) and
/// before what inline Markdown would read as syntax (emphasis, code, links, HTML, entities).
inline std::string markdown_cell(const std::string& s) {
    std::string out;
    for (const char c : visible(s)) {
        if (std::string_view("\\|`*_[]<~&").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

/// The depth that shows every level (summary<Net>().depth(n) folds the blocks below n).
inline constexpr std::size_t all_levels = static_cast<std::size_t>(-1);

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
                out[i] = has_name(r) ? join(prefix.back(), r.name) : prefix.back();
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
                out[i] = has_name(r) ? join(prefix.back(), r.name) : std::string();
        }
    }
    return out;
}

/// The short description of a node: its kind's own ("conv 11×11/4, 96", kind_rule::describe), or a
/// block's ("sequential", "concat of 4", "side output").
/// A node of a shared block's repeat (layer_record::repeat_of) says so: "conv 3×3, 8 (shared)";
/// a shared block's own row is "shared", or "shared, repeat" (its parameters counted at its first use).
inline std::string describe(const layer_record& r) {
    const bool repeat = r.repeat_of != no_node;
    if (r.kind == kind::block_begin && r.how == merge::shared) return repeat ? "shared, repeat" : "shared";
    if (r.kind == kind::block_begin) return repeat ? "sequential (shared)" : "sequential";
    if (r.kind == kind::merge_begin) {
        const std::string merged = r.how == merge::output ? "side output" : cat(name_of(r.how), " of ", r.branches);
        return repeat ? cat(merged, " (shared)") : merged;
    }
    if (is_structure(r.kind)) return "";
    return repeat ? cat(description(r).c_str(), " (shared)") : std::string(description(r).c_str());
}

}  // namespace format

}  // namespace netshape
