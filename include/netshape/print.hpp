// netshape/print.hpp: the tables a person reads. Runtime formatting only: every figure printed
// here is a constant the compiler computed (figures.hpp); this header only lays them out.
//
//   std::cout << netshape::summary<alexnet>();               // text table
//   std::cout << netshape::summary<alexnet>().markdown();    // the same as a Markdown table
//   std::cout << netshape::summary<resnet50>().depth(2);     // blocks deeper than 2 collapsed
//   std::cout << netshape::summary<alexnet>().csv();         // also .json(), .dot() (Graphviz), .svg()
//   std::cout << netshape::summary<alexnet>().html();        // one page: table, totals, graph
//   std::cout << netshape::summary<alexnet>().memory({.batch = 32, .precision = netshape::precision::fp16});
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <netshape/figures.hpp>
#include <netshape/memory.hpp>
#include <netshape/format/csv.hpp>
#include <netshape/format/describe.hpp>
#include <netshape/format/dot.hpp>
#include <netshape/format/json.hpp>
#include <netshape/format/svg.hpp>

namespace netshape {

namespace format {

/// A text cell cut to `columns` code points, the middle elided with "…" (a long ONNX name keeps
/// its beginning and its end); cells that fit are returned as they are.
[[gnu::cold]] inline std::string elided(const std::string& s, std::size_t columns) {
    const std::size_t points = width(s);
    if (points <= columns) return s;
    if (columns == 0) return {};
    const std::size_t head = columns / 2, tail = columns - 1 - head;  // "…" is the last column
    // The byte where code point k begins (k = points: the end).
    const auto byte_of = [&s](std::size_t k) {
        std::size_t at = 0;
        for (std::size_t seen = 0; at < s.size(); ++at)
            if ((static_cast<unsigned char>(s[at]) & 0xC0u) != 0x80u && seen++ == k) return at;
        return at;
    };
    return cat(s.substr(0, byte_of(head)), "…", s.substr(byte_of(points - tail)));
}

/// The names people read for a precision and an optimizer ("fp16", "adam").
[[gnu::cold]] inline const char* name_of(precision p) {
    switch (p) {
        case precision::fp32: return "fp32";
        case precision::fp16: return "fp16";
        case precision::bf16: return "bf16";
        case precision::int8: return "int8";
    }
    return "?";
}
[[gnu::cold]] inline const char* name_of(optimizer o) {
    switch (o) {
        case optimizer::sgd: return "sgd";
        case optimizer::sgd_momentum: return "sgd_momentum";
        case optimizer::adam: return "adam";
    }
    return "?";
}

}  // namespace format

/// A network's table, ready to print. Holds only pointers to the compiler's constants.
class table {
public:
    enum class style { text, markdown, csv, json, dot, svg, html };

    /// Text and Markdown tables are laid out to fit this many columns when they can: the layer and
    /// description columns give way, their long cells elided in the middle.
    static constexpr std::size_t default_columns = 120;

    /// The table of a network as the writers read it (format::listing). summary<Net>() makes one
    /// from the compiler's constants; format::described from records made otherwise.
    explicit table(const format::listing& net) : net_(net) {}

    /// Show blocks nested at most `levels` deep; deeper ones are folded into their block's row. Every
    /// style honours it: CSV and JSON leave out the nodes inside a folded block (it keeps its totals),
    /// DOT draws the folded block as one graph node.
    [[nodiscard]] table depth(std::size_t levels) const {
        table t = *this;
        t.depth_ = levels;
        return t;
    }
    // Each style names its writer here, so that a program compiles only the writers it asks for
    // (docs/design.md: the printer's compile cost).
    /// The aligned text table (the default).
    [[nodiscard]] table text() const { return styled(style::text, &print_table); }
    [[nodiscard]] table markdown() const { return styled(style::markdown, &print_table); }
    /// One row per node, every figure, RFC 4180 quoting (format/csv.hpp).
    [[nodiscard]] table csv() const { return styled(style::csv, &print_csv); }
    /// Every node and total as JSON, schema in format/json.hpp.
    [[nodiscard]] table json() const { return styled(style::json, &print_json); }
    /// The network as a Graphviz graph, edges labelled with shapes (format/dot.hpp).
    [[nodiscard]] table dot() const { return styled(style::dot, &print_dot); }
    /// The same graph drawn as SVG by netshape itself, no Graphviz needed (format/svg.hpp).
    [[nodiscard]] table svg() const { return styled(style::svg, &print_svg); }
    /// One self-contained HTML page, no network access needed: the table (a click on a block's row
    /// folds it), the totals, and the graph as inline SVG.
    [[nodiscard]] table html() const { return styled(style::html, &print_html); }
    /// Leave out the totals below the table.
    [[nodiscard]] table without_totals() const {
        table t = *this;
        t.totals_ = false;
        return t;
    }
    /// The batch, precision and optimizer of the memory rows of the totals (memory<Net>'s options;
    /// default: batch 1, fp32, sgd). Options that break a memory rule throw memory_error here.
    [[nodiscard]] table memory(const memory_options& options) const {
        const detail::memory_result r = detail::estimate_memory(options, *net_.total);
        if (r.broken != memory_rule::none) throw memory_error{r.broken};
        table t = *this;
        t.memory_ = options;
        return t;
    }
    /// Shows a static memory plan (arena.hpp) in the memory rows: `summary<Net>().arena(arena<Net>)`
    /// adds the row "arena", the plan's bytes for the batch of memory() (a batch lays each tensor
    /// out B times larger) beside its lower bound. Opt-in, so that a summary does not pay for a plan.
    template <class Plan>
    [[nodiscard]] table arena(const Plan& plan) const {
        table t = *this;
        t.arena_ = static_cast<count_t>(plan.bytes);
        t.arena_bound_ = static_cast<count_t>(plan.lower_bound);
        return t;
    }
    /// Text and Markdown: fit the table in `n` columns where the numbers allow (default 120).
    [[nodiscard]] table columns(std::size_t n) const {
        table t = *this;
        t.columns_ = n;
        return t;
    }

    friend std::ostream& operator<<(std::ostream& out, const table& t) {
        t.writer_(out, t);
        return out;
    }

private:
    using row = std::vector<std::string>;
    using writer = void (*)(std::ostream&, const table&);

    [[nodiscard]] table styled(style s, writer w) const {
        table t = *this;
        t.style_ = s;
        t.writer_ = w;
        return t;
    }

    /// A cell of words as this style shows it: control characters visible (format::visible); in
    /// Markdown also the characters its tables and inline syntax would read (format::markdown_cell).
    [[nodiscard, gnu::cold]] std::string escaped(const std::string& words) const {
        return style_ == style::markdown ? format::markdown_cell(words) : format::visible(words);
    }

    /// A row's label: its local name and its kind, "conv1 (conv2d)", "features (sequential)",
    /// "0 (conv2d)" for an unnamed child (format::local_names), once when they are the same ("relu").
    /// Returned as the name and the kind's part, so that a long name can be elided alone.
    [[nodiscard, gnu::cold]] static std::pair<std::string, std::string> label(const std::string& local, const layer_record& r,
                                                                   const format::node_words& words) {
        const std::string kind = format::kind_label(r, words.kind);
        if (local.empty() || local == kind) return {kind, ""};
        return {local, format::cat(" (", kind, ")")};
    }

    // One open block or merge of the tree drawn in the layer column.
    struct level {
        bool merge = false;
        bool last_branch = false;   // merges: the branch being drawn is the last
        bool branch_fresh = false;  // merges: no row of that branch drawn yet
        std::size_t branches_seen = 0;
        std::size_t branches = 0;
    };

    /// The tree before a row's label: per open block, and per side output (one branch), two spaces
    /// ("· " in Markdown, which collapses leading spaces); per open merge of branches "├ " at the
    /// first row of a branch ("└ " of the last), "│ " further down a branch ("  " in the last).
    [[nodiscard, gnu::cold]] std::string tree(std::vector<level>& levels) const {
        const std::string blank = style_ == style::markdown ? "· " : "  ";
        std::string out;
        for (level& l : levels) {
            if (!l.merge) out += blank;
            else if (l.branch_fresh) out += l.last_branch ? "└ " : "├ ";
            else out += l.last_branch ? blank : "│ ";
            l.branch_fresh = false;
        }
        return out;
    }

    // The tree part and the label part of the layer column are kept apart for elision.
    struct layer_row {
        std::string index, tree, name, suffix, description, output, weights, biases, params, macs;
        std::string id, parents;  // HTML: the row's id if it opens a level ("r<node>"), its open levels' ids
        bool opens = false;
    };

    [[nodiscard, gnu::cold]] std::vector<layer_row> layer_rows() const {
        const std::vector<std::string> local = format::local_names(net_.nodes, net_.size);
        std::vector<layer_row> out;
        out.reserve(net_.size + 1);
        out.push_back({"", "", "input", "", "", format::dims(net_.total->input_shape), "", "", "", "", "", "", false});
        std::vector<level> levels;
        std::vector<bool> opened;        // per open block or merge: whether it drew a level
        std::vector<std::string> owners;  // per level: the id of the row that opened it
        for (std::size_t i = 0; i < net_.size; ++i) {
            const layer_record& r = net_.nodes[i];
            if (r.kind == kind::block_end || r.kind == kind::merge_end) {
                if (!opened.empty() && opened.back()) {
                    levels.pop_back();
                    owners.pop_back();
                }
                if (!opened.empty()) opened.pop_back();
                continue;
            }
            if (r.kind == kind::branch) {
                level& m = levels.back();  // a branch is always inside its merge's level
                m.branch_fresh = true;
                m.last_branch = ++m.branches_seen == m.branches;
                continue;
            }
            const bool structure = r.kind == kind::block_begin || r.kind == kind::merge_begin;
            const bool folded = structure && r.depth >= depth_;
            if (structure && r.match == i + 1) {  // an empty sequential<>: no row, no level
                i = r.match;
                continue;
            }
            // A plain unnamed sequential is code's grouping: no row; a folded one keeps its row.
            const bool plain = r.kind == kind::block_begin && r.how == merge::none && !format::has_name(r);
            const bool row_of_its_own = !plain || folded;
            if (row_of_its_own) {
                const bool leaf = !structure;
                const auto [name, kind] = label(local[i], r, net_.words[i]);
                std::string parents;  // HTML only: the rows a click folds this one under
                if (style_ == style::html)
                    for (const std::string& o : owners) parents += parents.empty() ? o : format::cat(" ", o);
                out.push_back({leaf ? std::to_string(r.index) : "", tree(levels), name, kind + (folded ? " …" : ""),
                               format::grouped(format::describe(r, net_.words[i].description)), format::dims(r.output_shape),
                               format::thousands(r.weights), format::thousands(r.biases), format::thousands(r.params),
                               format::thousands(r.macs), format::cat("r", i), parents, structure && !folded});
            }
            if (folded) {
                i = r.match;
                continue;
            }
            if (structure) {
                opened.push_back(row_of_its_own);
                const bool branches = r.kind == kind::merge_begin && r.branches > 1;
                if (row_of_its_own) {
                    levels.push_back({branches, false, false, 0, static_cast<std::size_t>(r.branches)});
                    owners.push_back(format::cat("r", i));
                }
            }
        }
        return out;
    }

    /// Words escaped for this style and elided to `columns`: elided before they are escaped (so that
    /// no escape is cut in two), as much as their escaped form needs.
    [[nodiscard, gnu::cold]] std::string fitted(const std::string& words, std::size_t columns) const {
        std::string out = escaped(words);
        if (format::width(out) <= columns) return out;
        // Escapes only widen: start from the columns themselves, narrower only while escapes need it.
        for (std::size_t w = columns; w >= 1; --w) {
            out = escaped(format::elided(words, w));
            if (format::width(out) <= columns || w == 1) break;
        }
        return out;
    }

    /// The layer rows laid out: the layer and description columns narrowed, the wider first, while
    /// the line is wider than columns_ and they are wider than 12; a cell too wide is elided in the
    /// middle (in the layer column only the name: the tree and the kind stay).
    [[nodiscard, gnu::cold]] std::vector<row> rows() const {
        std::vector<layer_row> body = layer_rows();
        row header{"#", "layer", "description", "output", "weights", "biases", "params", "MACs"};
        std::vector<std::size_t> widths(header.size(), 0);
        const auto fit = [](std::size_t& w, std::size_t x) { w = x > w ? x : w; };
        for (std::size_t c = 0; c < header.size(); ++c) widths[c] = format::width(header[c]);
        // The cells' escaped words, once (the layout below reads them twice).
        struct words {
            std::string name, suffix, description;
        };
        std::vector<words> shown;
        shown.reserve(body.size());
        for (const layer_row& r : body) {
            shown.push_back({escaped(r.name), escaped(r.suffix), escaped(r.description)});
            const words& w = shown.back();
            fit(widths[0], format::width(r.index));
            fit(widths[1], format::width(r.tree) + format::width(w.name) + format::width(w.suffix));
            fit(widths[2], format::width(w.description));
            fit(widths[3], format::width(r.output));
            fit(widths[4], r.weights.size());  // digits and commas: one column each
            fit(widths[5], r.biases.size());
            fit(widths[6], r.params.size());
            fit(widths[7], r.macs.size());
        }
        // Line width: cells, two spaces between them (Markdown: "| " + " | " ... + " |").
        const auto line = [&] {
            std::size_t total = 0;
            for (std::size_t w : widths) total += w;
            return total + (style_ == style::markdown ? 3 * widths.size() + 1 : 2 * (widths.size() - 1));
        };
        constexpr std::size_t narrowest = 12;
        while (line() > columns_ && (widths[1] > narrowest || widths[2] > narrowest)) {
            std::size_t& wider = widths[1] >= widths[2] ? widths[1] : widths[2];
            --wider;
        }
        std::vector<row> out{header};
        out.reserve(body.size() + 1);
        for (std::size_t k = 0; k < body.size(); ++k) {
            layer_row& r = body[k];
            const words& w = shown[k];
            // The name gives way; the tree and the kind stay.
            const std::size_t kept = format::width(r.tree) + format::width(w.suffix);
            const std::size_t room = widths[1] > kept + 1 ? widths[1] - kept : 1;
            std::string name = format::width(w.name) <= room ? w.name : fitted(r.name, room);
            std::string description = format::width(w.description) <= widths[2] ? w.description : fitted(r.description, widths[2]);
            out.push_back({std::move(r.index), r.tree + name + w.suffix, std::move(description), std::move(r.output),
                           std::move(r.weights), std::move(r.biases), std::move(r.params), std::move(r.macs)});
        }
        return out;
    }

    /// The totals: counts with their size in SI units beside them (when at least 1,000), then the
    /// memory of memory<Net> for the options of memory() in bytes, with binary units beside them.
    [[nodiscard, gnu::cold]] std::vector<row> totals() const {
        namespace f = format;
        const layer_record& t = *net_.total;
        const field& rf = t.receptive_field;
        // Per axis of the input: a volume's "D×H×W", an image's "H×W", a sequence's length alone.
        const int rank = t.input_shape.rank;
        const auto lead = [rank](const fraction& depth, const fraction& height) {
            if (rank == 4) return f::cat(f::ratio_grouped(depth), "×", f::ratio_grouped(height), "×");
            return rank == 3 ? f::cat(f::ratio_grouped(height), "×") : std::string();
        };
        const memory_estimate m = detail::estimate_memory(memory_, t).estimate;
        const count_t b = bytes_per_element(memory_.precision);
        const std::string precision = f::name_of(memory_.precision);
        // "<human><joint><words>", either part left out when empty; units only from 1,000 (1 KiB) up.
        const auto note = [](count_t n, count_t base, const std::string& words, const char* joint = ", ") {
            const std::string unit = n < base ? std::string() : f::human(n, base, "");
            return unit.empty() ? words : words.empty() ? unit : f::cat(unit, joint, words);
        };
        const auto bytes = [](count_t n) { return f::cat(f::thousands(n), " B"); };
        // The input is part of the activations, whose bytes memory<Net> checked to fit: so do these.
        const count_t input = t.input_shape.elements() * memory_.batch * b;
        const std::string split = f::cat("trainable: weights ", f::thousands(t.weights), ", biases ", f::thousands(t.biases));
        std::vector<row> out{
            {"params", f::thousands(t.params), note(t.params, 1000, split)},
            {"buffers", f::thousands(t.buffers), note(t.buffers, 1000, "not trainable")},
            {"MACs", f::thousands(t.macs), note(t.macs, 1000, "")},
            {"activations", f::thousands(t.activations),
             note(t.activations, 1000, "elements per sample, kept for the backward pass")},
            {"receptive field", f::cat(lead(rf.depth, rf.height), f::ratio_grouped(rf.width)),
             f::cat("jump ", lead(rf.jump_depth, rf.jump_height), f::ratio_grouped(rf.jump_width))}};
        for (row& r : outputs()) out.push_back(r);
        // The memory rows: what they are computed for, once above them; each row's bytes beside.
        const std::vector<row> sizes{
            {"memory for", f::cat("batch ", f::thousands(memory_.batch)), f::cat(precision, ", ", f::name_of(memory_.optimizer))},
            {"input size", bytes(input), note(input, 1024, "")},
            {"params size", bytes(m.parameters), note(m.parameters, 1024, "")},
            {"buffers size", bytes(m.buffers), note(m.buffers, 1024, "")},
            {"forward pass", bytes(m.inference_peak), note(m.inference_peak, 1024, "at its peak, params and buffers included", " ")},
            {"training", bytes(m.training_total()),
             note(m.training_total(), 1024, "params, buffers, gradients, optimizer state, activations", ": ")}};
        for (const row& r : sizes) out.push_back(r);
        if (arena_ > 0) {  // .arena(plan): the plan's bytes for the batch
            const detail::wide planned = detail::wide(arena_) * memory_.batch;
            const std::string bound = f::cat("tensors planned, lower bound ", f::thousands(arena_bound_), " B a sample");
            out.insert(out.end() - 1, detail::fits(planned) ? row{"arena", bytes(count_t(planned)),
                                                                  note(count_t(planned), 1024, bound, " ")}
                                                            : row{"arena", "beyond 64 bits", bound});
        }
        return out;
    }

    /// With side outputs (output<Head>), a totals row listing every output's shape, as
    /// output_shapes<Net> does: the side outputs' in order, the main path's last.
    [[nodiscard, gnu::cold]] std::vector<row> outputs() const {
        std::string shapes;
        std::size_t count = 0;
        for (std::size_t i = 0; i < net_.size; ++i) {
            const layer_record& r = net_.nodes[i];
            if (r.kind != kind::merge_begin || r.how != merge::output) continue;
            shapes += format::cat(format::dims(r.output_shape), ", ");
            ++count;
        }
        if (count == 0) return {};
        return {{"outputs", format::thousands(count_t(count + 1)), shapes + format::dims(net_.total->output_shape)}};
    }
    /// Columns [right_from, right_to) are numbers, aligned right.
    [[gnu::cold]] static void print_rows(std::ostream& out, const std::vector<row>& rows, style s, std::size_t right_from,
                           std::size_t right_to) {
        std::vector<std::size_t> widths(rows.front().size(), 0);
        for (const row& r : rows)
            for (std::size_t c = 0; c < r.size(); ++c)
                widths[c] = format::width(r[c]) > widths[c] ? format::width(r[c]) : widths[c];
        const auto cell = [&](const std::string& text, std::size_t c) {
            const std::string padding(widths[c] - format::width(text), ' ');
            return c >= right_from && c < right_to ? padding + text : text + padding;
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
                    rule += c >= right_from && c < right_to ? format::cat(" ", std::string(widths[c] > 0 ? widths[c] - 1 : 0, '-'), ": |")
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

    /// Text and Markdown: the layers' table, then the totals'.
    [[gnu::cold]] static void print_table(std::ostream& out, const table& t) {
        print_rows(out, t.rows(), t.style_, 4, 8);
        if (!t.totals_) return;
        out << '\n';
        std::vector<row> sums = t.totals();
        sums.insert(sums.begin(), row{"total", "value", "note"});
        print_rows(out, sums, t.style_, 1, 2);
    }
    [[gnu::cold]] static void print_csv(std::ostream& out, const table& t) { format::write_csv(out, t.net_, t.depth_); }
    [[gnu::cold]] static void print_json(std::ostream& out, const table& t) { format::write_json(out, t.net_, t.depth_); }
    [[gnu::cold]] static void print_dot(std::ostream& out, const table& t) { format::write_dot(out, t.net_, t.depth_); }
    [[gnu::cold]] static void print_svg(std::ostream& out, const table& t) { format::write_svg(out, t.net_, t.depth_); }
    [[gnu::cold]] static void print_html(std::ostream& out, const table& t) { t.html_page(out); }

    /// The HTML page: the layers, the totals and the graph, its style and script inline.
    [[gnu::cold]] void html_page(std::ostream& out) const {
        using format::xml_text;
        out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>netshape summary</title>\n"
               "<style>\nbody{font-family:Helvetica,Arial,sans-serif;font-size:14px;margin:1.5em}\n"
               "table{border-collapse:collapse;margin-bottom:1.5em}th,td{padding:2px 10px;text-align:left}\n"
               "thead th{border-bottom:1px solid #999}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
               "td.layer{white-space:pre}tr.block{cursor:pointer;background:#f4f6fa}\n"
               "tr.block td.layer span::before{content:\"\\25BE \"}tr.block.closed td.layer span::before{content:\"\\25B8 \"}\n"
               "</style>\n</head>\n<body>\n<h1>Layers</h1>\n<table class=\"layers\">\n<thead><tr><th class=\"n\">#</th>"
               "<th>layer</th><th>description</th><th>output</th><th class=\"n\">weights</th><th class=\"n\">biases</th>"
               "<th class=\"n\">params</th><th class=\"n\">MACs</th></tr></thead>\n<tbody>\n";
        for (const layer_row& r : layer_rows()) {
            out << "<tr";
            if (r.opens) out << " id=\"" << r.id << "\" class=\"block\"";
            if (!r.parents.empty()) out << " data-parents=\"" << r.parents << "\"";
            out << "><td class=\"n\">" << r.index << "</td><td class=\"layer\">" << xml_text(r.tree) << "<span>"
                << xml_text(r.name + r.suffix) << "</span></td><td>" << xml_text(r.description) << "</td><td>" << xml_text(r.output) << "</td>";
            for (const std::string* n : {&r.weights, &r.biases, &r.params, &r.macs}) out << "<td class=\"n\">" << *n << "</td>";
            out << "</tr>\n";
        }
        out << "</tbody>\n</table>\n<h1>Totals</h1>\n<table class=\"totals\">\n<tbody>\n";
        for (const row& r : totals())
            out << "<tr><th>" << xml_text(r[0]) << "</th><td class=\"n\">" << xml_text(r[1]) << "</td><td>" << xml_text(r[2])
                << "</td></tr>\n";
        out << "</tbody>\n</table>\n<h1>Graph</h1>\n";
        format::write_svg(out, net_, depth_);
        // A click on a block's row folds it: every row under a folded row is hidden. The address
        // "page.html#folded" opens the page with every block folded.
        out << "<script>\nfunction netshapeShow() {\n"
               "  var closed = Array.prototype.map.call(document.querySelectorAll('tr.closed'), function (r) { return r.id; });\n"
               "  document.querySelectorAll('table.layers tbody tr').forEach(function (r) {\n"
               "    var parents = (r.getAttribute('data-parents') || '').split(' ');\n"
               "    r.hidden = parents.some(function (p) { return closed.indexOf(p) >= 0; });\n"
               "  });\n}\n"
               "document.querySelectorAll('tr.block').forEach(function (block) {\n"
               "  if (location.hash === '#folded') block.classList.add('closed');\n"
               "  block.addEventListener('click', function () { block.classList.toggle('closed'); netshapeShow(); });\n"
               "});\nnetshapeShow();\n</script>\n</body>\n</html>\n";
    }

    format::listing net_;
    writer writer_ = &print_table;
    std::size_t depth_ = format::all_levels;
    style style_ = style::text;
    bool totals_ = true;
    memory_options memory_{};
    count_t arena_ = 0;        // .arena(plan): its bytes for one sample (0: not shown)
    count_t arena_bound_ = 0;  // and its lower bound
    std::size_t columns_ = default_columns;
};

namespace detail {

/// Nodes described per constant evaluation: clang stops one after 2^20 statements, and a
/// description costs up to a few hundred. g++ counts operations instead (2^25 by default) and
/// copies a constexpr array on every read of an element, so it describes from one local copy in
/// one evaluation: enough for tens of thousands of nodes (the interpreter's chunks go further).
#if defined(__clang__)
inline constexpr std::size_t described_chunk = 1024;
#else
inline constexpr std::size_t described_chunk = std::size_t(1) << 40;
#endif

/// What summary<Net>() prints, worked out by the compiler: the records with no pointer to their
/// kind's rule (spec::info), each node's words (format::node_words), its descriptions packed in
/// one string per chunk of nodes. A program that prints reaches no kind's rule at run time: a
/// pointer to one would make the compiler emit every function of that rule (docs/design.md).
template <class Net>
struct printed {
    static constexpr std::size_t size = netshape::nodes<Net>.size();
    static constexpr std::size_t chunks = size == 0 ? 1 : (size - 1) / described_chunk + 1;
    static constexpr std::size_t first(std::size_t c) { return c * described_chunk; }
    static constexpr std::size_t last(std::size_t c) { return size - first(c) <= described_chunk ? size : first(c) + described_chunk; }

    /// Chunk C's descriptions, each ended by '\0'.
    template <std::size_t C>
    static constexpr std::size_t chars = [] {
#if defined(__clang__)
        const auto& all = netshape::nodes<Net>;
#else
        const auto all = netshape::nodes<Net>;
#endif
        std::size_t n = 0;
        for (std::size_t i = first(C); i < last(C); ++i) n += description(all[i]).size() + 1;
        return n;
    }();
    template <std::size_t C>
    static constexpr std::array<char, chars<C> + 1> descriptions = [] {
#if defined(__clang__)
        const auto& all = netshape::nodes<Net>;
#else
        const auto all = netshape::nodes<Net>;
#endif
        std::array<char, chars<C> + 1> out{};
        std::size_t at = 0;
        for (std::size_t i = first(C); i < last(C); ++i) {
            const text t = description(all[i]);
            for (std::size_t k = 0; k < t.size(); ++k) out[at++] = t.c_str()[k];
            out[at++] = '\0';
        }
        return out;
    }();

    static constexpr std::array<layer_record, size> records = [] {
        std::array<layer_record, size> out = netshape::nodes<Net>;
        for (layer_record& r : out) r.info = nullptr;
        return out;
    }();
    static constexpr layer_record total = [] {
        layer_record t = netshape::totals<Net>;
        t.info = nullptr;
        return t;
    }();

    template <std::size_t C>
    static constexpr void describe_chunk(std::array<format::node_words, size>& out) {
        std::size_t at = 0;
        for (std::size_t i = first(C); i < last(C); ++i) {
            out[i] = {name_of(records[i].kind), descriptions<C>.data() + at};
            while (descriptions<C>[at] != '\0') ++at;
            ++at;
        }
    }
    static constexpr std::array<format::node_words, size> words = [] {
        std::array<format::node_words, size> out{};
        [&]<std::size_t... C>(std::index_sequence<C...>) { (describe_chunk<C>(out), ...); }(std::make_index_sequence<chunks>{});
        return out;
    }();
};

}  // namespace detail

/// The table of a network: one row per layer (blocks as indented rows carrying their totals),
/// then the totals. Everything in it was computed at compile time.
template <class Net>
table summary() {
    using p = detail::printed<Net>;
    return table(format::listing{p::records.data(), p::size, &p::total, p::words.data()});
}

}  // namespace netshape
