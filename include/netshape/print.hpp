// netshape/print.hpp: the tables a person reads. Runtime formatting only: every figure printed
// here is a constant the compiler computed (figures.hpp); this header only lays them out.
//
//   std::cout << netshape::summary<alexnet>();               // text table
//   std::cout << netshape::summary<alexnet>().markdown();    // the same as a Markdown table
//   std::cout << netshape::summary<resnet50>().depth(2);     // blocks deeper than 2 collapsed
//   std::cout << netshape::summary<alexnet>().csv();         // also .json() and .dot() (Graphviz)
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <netshape/figures.hpp>
#include <netshape/format/csv.hpp>
#include <netshape/format/describe.hpp>
#include <netshape/format/dot.hpp>
#include <netshape/format/json.hpp>

namespace netshape {



/// A network's table, ready to print. Holds only pointers to the compiler's constants.
class table {
public:
    enum class style { text, markdown, csv, json, dot };

    table(const layer_record* nodes, std::size_t size, const layer_record& total)
        : nodes_(nodes), size_(size), total_(&total) {}

    /// Show blocks nested at most `levels` deep; deeper ones are folded into their block's row. Every
    /// style honours it: CSV and JSON leave out the nodes inside a folded block (it keeps its totals),
    /// DOT draws the folded block as one graph node.
    [[nodiscard]] table depth(std::size_t levels) const {
        table t = *this;
        t.depth_ = levels;
        return t;
    }
    [[nodiscard]] table markdown() const { return styled(style::markdown); }
    /// One row per node, every figure, RFC 4180 quoting (format/csv.hpp).
    [[nodiscard]] table csv() const { return styled(style::csv); }
    /// Every node and total as JSON, schema in format/json.hpp.
    [[nodiscard]] table json() const { return styled(style::json); }
    /// The network as a Graphviz graph, edges labelled with shapes (format/dot.hpp).
    [[nodiscard]] table dot() const { return styled(style::dot); }
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

    [[nodiscard]] table styled(style s) const {
        table t = *this;
        t.style_ = s;
        return t;
    }

    /// A cell of words as this style shows it: control characters visible (format::visible); in
    /// Markdown also the characters its tables and inline syntax would read (format::markdown_cell).
    [[nodiscard]] std::string escaped(const std::string& words) const {
        return style_ == style::markdown ? format::markdown_cell(words) : format::visible(words);
    }

    [[nodiscard]] std::vector<row> rows() const {
        std::vector<row> out;
        out.push_back({"#", "layer", "description", "output", "weights", "biases", "params", "MACs"});
        out.push_back({"", "input", "", format::dims(total_->input_shape), "", "", "", ""});
        for (std::size_t i = 0; i < size_; ++i) {
            const layer_record& r = nodes_[i];
            if (r.kind == kind::block_end || r.kind == kind::merge_end || r.kind == kind::branch) continue;
            if (r.depth > depth_) continue;
            if (r.kind == kind::block_begin && r.match == i + 1) continue;  // an empty sequential<>
            const bool leaf = !is_structure(r.kind);
            const bool named = format::has_name(r);
            std::string label = named ? r.name
                                : leaf ? name_of(r.kind)
                                       : (r.kind == kind::merge_begin || r.how == merge::shared ? name_of(r.how) : "block");
            if (leaf && r.kind == kind::activation && !named) label = name_of(r.fn);
            // The tree's levels: indentation in text; dots in Markdown, which collapses leading spaces.
            std::string indent;
            for (std::size_t k = 0; k < r.depth; ++k) indent += style_ == style::markdown ? "· " : "  ";
            const bool folded = !leaf && r.depth == depth_;
            out.push_back({leaf ? std::to_string(r.index) : "", indent + escaped(label) + (folded ? " …" : ""),
                           escaped(format::describe(r)), format::dims(r.output_shape), format::thousands(r.weights),
                           format::thousands(r.biases), format::thousands(r.params), format::thousands(r.macs)});
        }
        return out;
    }

    [[nodiscard]] std::vector<row> totals() const {
        const layer_record& t = *total_;
        const field& f = t.receptive_field;
        return {{"params", format::thousands(t.params), format::mebibytes(t.params) + " at float32"},
                {"weights", format::thousands(t.weights), ""},
                {"biases", format::thousands(t.biases), ""},
                {"buffers", format::thousands(t.buffers), format::mebibytes(t.buffers) + " at float32"},
                {"MACs", format::thousands(t.macs), ""},
                {"activations", format::thousands(t.activations), format::mebibytes(t.activations) + " at float32"},
                {"receptive field", format::cat(format::ratio(f.height), "×", format::ratio(f.width)),
                 format::cat("jump ", format::ratio(f.jump_height), "×", format::ratio(f.jump_width))}};
    }

    /// With side outputs (output<Head>), a totals row listing every output's shape, as
    /// output_shapes<Net> does: the side outputs' in order, the main path's last.
    [[nodiscard]] std::vector<row> outputs() const {
        std::string shapes;
        std::size_t count = 0;
        for (std::size_t i = 0; i < size_; ++i) {
            const layer_record& r = nodes_[i];
            if (r.kind != kind::merge_begin || r.how != merge::output) continue;
            shapes += format::cat(format::dims(r.output_shape), ", ");
            ++count;
        }
        if (count == 0) return {};
        return {{"outputs", format::thousands(count_t(count + 1)), shapes + format::dims(total_->output_shape)}};
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
                line += cell(r[c], c);
                if (c + 1 < r.size()) line += s == style::markdown ? " | " : "  ";
            }
            if (s == style::markdown) line += " |";
            while (s == style::text && !line.empty() && line.back() == ' ') line.pop_back();
            out << line << '\n';
            if (header && s == style::markdown) {
                std::string rule = "|";
                for (std::size_t c = 0; c < widths.size(); ++c)
                    rule += c >= right_from ? format::cat(" ", std::string(widths[c] > 0 ? widths[c] - 1 : 0, '-'), ": |")
                                            : format::cat(" ", std::string(widths[c], '-'), " |");
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
        if (style_ == style::csv) return format::write_csv(out, nodes_, size_, *total_, depth_);
        if (style_ == style::json) return format::write_json(out, nodes_, size_, *total_, depth_);
        if (style_ == style::dot) return format::write_dot(out, nodes_, size_, *total_, depth_);
        print_rows(out, rows(), style_, 4);
        if (!totals_) return;
        out << '\n';
        std::vector<row> sums = totals();
        for (row& r : outputs()) sums.push_back(r);
        if (style_ == style::markdown) sums.insert(sums.begin(), row{"total", "value", "note"});
        else sums.insert(sums.begin(), row{"total", "value", ""});
        print_rows(out, sums, style_, 1);
    }

    const layer_record* nodes_;
    std::size_t size_;
    const layer_record* total_;
    std::size_t depth_ = format::all_levels;
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
