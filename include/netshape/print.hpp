// netshape/print.hpp: the tables a person reads. Runtime formatting only: every figure printed
// here is a constant the compiler computed (figures.hpp); this header only lays them out.
//
//   std::cout << netshape::summary<alexnet>();               // text table
//   std::cout << netshape::summary<alexnet>().markdown();    // the same as a Markdown table
//   std::cout << netshape::summary<resnet50>().depth(2);     // blocks deeper than 2 collapsed
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <netshape/figures.hpp>

namespace netshape {

namespace format {

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
    return negative ? "-" + out : out;
}

/// 55×55×96.
inline std::string dims(const shape& s) {
    return std::to_string(s.height) + "×" + std::to_string(s.width) + "×" + std::to_string(s.channels);
}

inline std::string pair(const hw& v) {
    return v.height == v.width ? std::to_string(v.height) : std::to_string(v.height) + "×" + std::to_string(v.width);
}

inline std::string window(const hw& k) { return std::to_string(k.height) + "×" + std::to_string(k.width); }

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

/// The short description of a node: "conv 11×11/4, 96", "max pool 3×3/2", "concat of 4".
inline std::string describe(const layer_record& r) {
    std::string d;
    const auto window_options = [&] {
        std::string o;
        if (r.stride.height != 1 || r.stride.width != 1) o += "/" + pair(r.stride);
        return o;
    };
    const auto extras = [&] {
        std::string o;
        if (r.pad.height != 0 || r.pad.width != 0) o += ", pad " + pair(r.pad);
        if (r.dilation.height != 1 || r.dilation.width != 1) o += ", dilation " + pair(r.dilation);
        return o;
    };
    switch (r.what) {
        case kind::conv2d:
            d = "conv " + window(r.kernel) + window_options() + ", " + std::to_string(r.units) + extras();
            if (r.groups == r.input.channels && r.groups > 1) d += ", depthwise";
            else if (r.groups != 1) d += ", groups " + std::to_string(r.groups);
            if (!r.bias) d += ", no bias";
            return d;
        case kind::max_pool:
        case kind::avg_pool:
            d = std::string(r.what == kind::max_pool ? "max pool " : "avg pool ") + window(r.kernel) + window_options() +
                extras();
            if (r.ceil) d += ", ceil";
            return d;
        case kind::adaptive_avg_pool:
        case kind::adaptive_max_pool: {
            const char* op = r.what == kind::adaptive_avg_pool ? "avg" : "max";
            if (r.kernel.height == 1 && r.kernel.width == 1) return std::string("global ") + op + " pool";
            return std::string("adaptive ") + op + " pool to " + window(r.kernel);
        }
        case kind::dense:
            d = "dense " + std::to_string(r.units);
            if (r.per_pixel) d += ", per pixel";
            if (!r.bias) d += ", no bias";
            return d;
        case kind::flatten: return "flatten";
        case kind::batch_norm: return "batch norm";
        case kind::layer_norm: return "layer norm";
        case kind::layer_scale: return "layer scale";
        case kind::lrn: return "local response norm " + std::to_string(r.units);
        case kind::dropout: return "dropout";
        case kind::activation: return name_of(r.fn);
        case kind::identity: return "identity";
        case kind::channel_shuffle: return "channel shuffle, " + std::to_string(r.units) + " groups";
        case kind::channel_slice:
            return "channels " + std::to_string(r.first) + "–" + std::to_string(r.first + r.units - 1);
        case kind::input: return "input";
        case kind::block_begin: return "sequential";
        case kind::merge_begin: return std::string(name_of(r.how)) + " of " + std::to_string(r.branches);
        default: return "";
    }
}

}  // namespace format

/// A network's table, ready to print. Holds only pointers to the compiler's constants.
class table {
public:
    enum class style { text, markdown };

    table(const layer_record* nodes, std::size_t size, const layer_record& total)
        : nodes_(nodes), size_(size), total_(&total) {}

    /// Show blocks nested at most `levels` deep; deeper ones are folded into their block's row.
    [[nodiscard]] table depth(std::size_t levels) const {
        table t = *this;
        t.depth_ = levels;
        return t;
    }
    [[nodiscard]] table markdown() const {
        table t = *this;
        t.style_ = style::markdown;
        return t;
    }
    /// Leave out the totals below the table.
    [[nodiscard]] table without_totals() const {
        table t = *this;
        t.totals_ = false;
        return t;
    }

    friend std::ostream& operator<<(std::ostream& out, const table& t) {
        t.print(out);
        return out;
    }

private:
    using row = std::vector<std::string>;

    [[nodiscard]] std::vector<row> rows() const {
        std::vector<row> out;
        out.push_back({"#", "layer", "description", "output", "weights", "biases", "params", "MACs"});
        out.push_back({"", "input", "", format::dims(total_->input), "", "", "", ""});
        for (std::size_t i = 0; i < size_; ++i) {
            const layer_record& r = nodes_[i];
            if (r.what == kind::block_end || r.what == kind::merge_end || r.what == kind::branch) continue;
            if (r.depth > depth_) continue;
            const bool leaf = !is_structure(r.what);
            const std::string indent(2 * r.depth, ' ');
            std::string label = r.name != nullptr ? r.name : (leaf ? name_of(r.what) : "");
            if (label.empty()) label = r.what == kind::merge_begin ? name_of(r.how) : "block";
            if (leaf && r.what == kind::activation && r.name == nullptr) label = name_of(r.fn);
            const bool folded = !leaf && r.depth == depth_;
            out.push_back({leaf ? std::to_string(r.index) : "", indent + label + (folded ? " …" : ""),
                           format::describe(r), format::dims(r.output), format::thousands(r.weights),
                           format::thousands(r.biases), format::thousands(r.params), format::thousands(r.macs)});
        }
        return out;
    }

    [[nodiscard]] std::vector<row> totals() const {
        const layer_record& t = *total_;
        const field& f = t.receptive;
        return {{"params", format::thousands(t.params), format::mebibytes(t.params) + " at float32"},
                {"weights", format::thousands(t.weights), ""},
                {"biases", format::thousands(t.biases), ""},
                {"buffers", format::thousands(t.buffers), format::mebibytes(t.buffers) + " at float32"},
                {"MACs", format::thousands(t.macs), ""},
                {"activations", format::thousands(t.activations), format::mebibytes(t.activations) + " at float32"},
                {"receptive field", format::window(hw{f.height, f.width}),
                 "stride " + format::window(hw{f.stride_height, f.stride_width})}};
    }

    static void print_rows(std::ostream& out, const std::vector<row>& rows, style s, std::size_t right_from) {
        std::vector<std::size_t> widths(rows.front().size(), 0);
        for (const row& r : rows)
            for (std::size_t c = 0; c < r.size(); ++c)
                widths[c] = format::width(r[c]) > widths[c] ? format::width(r[c]) : widths[c];
        const auto cell = [&](const std::string& text, std::size_t c) {
            const std::string padding(widths[c] - format::width(text), ' ');
            return c >= right_from ? padding + text : text + padding;
        };
        bool header = true;
        for (const row& r : rows) {
            std::string line = s == style::markdown ? "| " : "";
            for (std::size_t c = 0; c < r.size(); ++c) {
                std::string text = r[c];
                if (s == style::markdown && c == 1 && !text.empty() && text.front() == ' ') {
                    // Markdown collapses leading spaces: draw the tree's levels with dots.
                    const std::size_t spaces = text.find_first_not_of(' ');
                    std::string dots;
                    for (std::size_t k = 0; k < spaces / 2; ++k) dots += "· ";
                    text = dots + text.substr(spaces);
                }
                line += cell(text, c);
                if (c + 1 < r.size()) line += s == style::markdown ? " | " : "  ";
            }
            if (s == style::markdown) line += " |";
            while (s == style::text && !line.empty() && line.back() == ' ') line.pop_back();
            out << line << '\n';
            if (header && s == style::markdown) {
                std::string rule = "|";
                for (std::size_t c = 0; c < widths.size(); ++c)
                    rule += (c >= right_from ? " " + std::string(widths[c] > 0 ? widths[c] - 1 : 0, '-') + ": |"
                                             : " " + std::string(widths[c], '-') + " |");
                out << rule << '\n';
            } else if (header) {
                std::size_t total = 0;
                for (std::size_t w : widths) total += w + 2;
                out << std::string(total > 2 ? total - 2 : 0, '-') << '\n';
            }
            header = false;
        }
    }

    void print(std::ostream& out) const {
        print_rows(out, rows(), style_, 4);
        if (!totals_) return;
        out << '\n';
        std::vector<row> sums = totals();
        if (style_ == style::markdown) sums.insert(sums.begin(), row{"total", "value", "note"});
        else sums.insert(sums.begin(), row{"total", "value", ""});
        print_rows(out, sums, style_, 1);
    }

    const layer_record* nodes_;
    std::size_t size_;
    const layer_record* total_;
    std::size_t depth_ = static_cast<std::size_t>(-1);
    style style_ = style::text;
    bool totals_ = true;
};

/// The table of a network: one row per layer (blocks as indented rows carrying their totals),
/// then the totals. Everything in it was computed at compile time.
template <class Net>
table summary() {
    const auto& all = nodes<Net>;
    return table(all.data(), all.size(), totals<Net>);
}

}  // namespace netshape
