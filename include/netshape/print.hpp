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
#include <string_view>
#include <utility>

#include <netshape/figures.hpp>
#include <netshape/memory.hpp>
#include <netshape/format/csv.hpp>
#include <netshape/format/core.hpp>
#include <netshape/format/dot.hpp>
#include <netshape/format/json.hpp>
#include <netshape/format/svg.hpp>

namespace netshape {

namespace format {

/// Appends a text cell cut to `columns` code points, the middle elided with "…" (a long ONNX name
/// keeps its beginning and its end); cells that fit are appended as they are.
template <class Out>
[[gnu::cold]] void put_elided(Out& out, std::string_view s, std::size_t columns) {
    const std::size_t points = width(s);
    if (points <= columns) {
        out += s;
        return;
    }
    if (columns == 0) return;
    const std::size_t head = columns / 2, tail = columns - 1 - head;  // "…" is the last column
    // The byte where code point k begins (k = points: the end).
    const auto byte_of = [&s](std::size_t k) {
        std::size_t at = 0;
        for (std::size_t seen = 0; at < s.size(); ++at)
            if ((static_cast<unsigned char>(s[at]) & 0xC0u) != 0x80u && seen++ == k) return at;
        return at;
    };
    out += s.substr(0, byte_of(head));
    out += "…";
    out += s.substr(byte_of(points - tail));
}
/// The same cell as a string.
template <class String = std::string>
[[gnu::cold]] String elided(const std::string& s, std::size_t columns) {
    String out;
    put_elided(out, s, columns);
    return out;
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
    /// (A template, compiled only where used: it works the rows' words out at run time.)
    template <class = void>
    explicit table(const format::listing& listed) : table(listed, detail::estimate_memory({}, *listed.total).estimate) {
        label_ = &worked_out_label<>;
        shown_ = &worked_out_shown<>;
        locals_ = &worked_out_locals<>;
    }

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
    template <class T = void>
    [[nodiscard]] table csv() const { return styled(style::csv, &print_csv<T>); }
    /// Every node and total as JSON, schema in format/json.hpp.
    template <class T = void>
    [[nodiscard]] table json() const { return styled(style::json, &print_json<T>); }
    /// The network as a Graphviz graph, edges labelled with shapes (format/dot.hpp).
    template <class T = void>
    [[nodiscard]] table dot() const { return styled(style::dot, &print_dot<T>); }
    /// The same graph drawn as SVG by netshape itself, no Graphviz needed (format/svg.hpp).
    template <class T = void>
    [[nodiscard]] table svg() const { return styled(style::svg, &print_svg<T>); }
    /// One self-contained HTML page, no network access needed: the table (a click on a block's row
    /// folds it), the totals, and the graph as inline SVG.
    template <class T = void>
    [[nodiscard]] table html() const { return styled(style::html, &print_html<T>); }
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
        t.bytes_ = r.estimate;
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
    using writer = void (*)(std::ostream&, const table&);

    // summary<Net>() hands over the default options' estimate, worked out by the compiler, so that a
    // program that prints compiles no estimate (memory() works the estimate out for its options).
    template <class Net>
    friend table summary();
    table(const format::listing& listed, const memory_estimate& bytes) : net_(listed), bytes_(bytes) {}

    // A row's kind word (format::kind_word): summary<Net>()'s words carry it, worked out by the
    // compiler; the public constructor's table works out those that do not (node_words::label).
    using labeler = const char* (*)(const layer_record&, const format::node_words&);
    [[gnu::cold]] static const char* stored_label(const layer_record&, const format::node_words& w) { return w.label; }
    // (Templates whose calls depend on T: clang instantiates what a template's non-dependent calls
    // name even when the template itself is never used.)
    template <class T = void>
    [[gnu::cold]] static const char* worked_out_label(const layer_record& r, const format::node_words& w) {
        return w.label != nullptr ? w.label : format::kind_word<T>(r, w.kind);
    }
    // A row's description as shown (node_words::shown), the same way: summary<Net>()'s words carry
    // it; the public constructor's table works out those that do not.
    using shower = void (*)(format::page&, const layer_record&, const format::node_words&);
    [[gnu::cold]] static void stored_shown(format::page& out, const layer_record&, const format::node_words& w) { out += w.shown; }
    template <class T = void>
    [[gnu::cold]] static void worked_out_shown(format::page& out, const layer_record& r, const format::node_words& w) {
        if (w.shown != nullptr) {
            out += w.shown;
            return;
        }
        typename format::deferred<T, format::page>::type described;
        format::put_describe(described, r, w.description);
        format::put_grouped(out, described);
    }

    // Every node's local name (format::put_local_names) into a cell each, the same way: summary<Net>()'s
    // words carry them; the public constructor's table works them out.
    using namer = void (*)(format::cells&, const format::listing&);
    [[gnu::cold]] static void stored_locals(format::cells& out, const format::listing& listed) {
        for (std::size_t i = 0; i < listed.size; ++i) {
            out.text() += listed.words[i].local;
            out.close();
        }
    }
    template <class T = void>
    [[gnu::cold]] static void worked_out_locals(format::cells& out, const format::listing& listed) {
        format::put_local_names(out, listed.nodes, listed.size);
    }

    [[nodiscard]] table styled(style s, writer w) const {
        table t = *this;
        t.style_ = s;
        t.writer_ = w;
        return t;
    }

    // One open block or merge of the tree drawn in the layer column.
    struct level {
        bool merge = false;
        bool last_branch = false;   // merges: the branch being drawn is the last
        bool branch_fresh = false;  // merges: no row of that branch drawn yet
        std::size_t branches_seen = 0;
        std::size_t branches = 0;
        std::size_t owner = 0;  // the node of the row that opened it (HTML: "r<node>")
    };

    /// Appends the tree before a row's label: per open block, and per side output (one branch),
    /// two spaces ("· " in Markdown, which collapses leading spaces); per open merge of branches
    /// "├ " at the first row of a branch ("└ " of the last), "│ " further down a branch ("  " in
    /// the last).
    [[gnu::cold]] void put_tree(format::page& out, format::growing<level>& levels) const {
        const char* blank = style_ == style::markdown ? "· " : "  ";
        for (level& l : levels) {
            if (!l.merge) out += blank;
            else if (l.branch_fresh) out += l.last_branch ? "└ " : "├ ";
            else out += l.last_branch ? blank : "│ ";
            l.branch_fresh = false;
        }
    }

    // The cells of a layer row (layer_rows()): number is a leaf's index, words its description,
    // out_shape its output. The tree, the name and the kind's part (suffix) of the layer
    // column are kept apart for elision; id and parents are HTML's: the row's id ("r<node>") and
    // its open levels' ids; opens is "1" when the row opens a level.
    struct lc {
        enum : std::size_t { number, tree, name, suffix, words, out_shape, weight_count, bias_count, param_count, mac_count, id, parents, opens, count };
    };

    /// One row per node shown, its words unescaped: the input's, then every node's that has a row
    /// of its own. A row's label is its local name and its kind, "conv1 (conv2d)", "features
    /// (sequential)", "0 (conv2d)" for an unnamed child (format::local_names), once when they are
    /// the same ("relu"): the name, and the kind's part in the suffix, so that a long name can be
    /// elided alone.
    [[nodiscard, gnu::cold]] format::cells layer_rows() const {
        format::cells local(1);
        locals_(local, net_);
        format::cells out(lc::count);
        format::page& text = out.text();
        for (std::size_t c = lc::number; c < lc::count; ++c) {  // the input's row
            if (c == lc::name) text += "input";
            if (c == lc::out_shape) format::put_dims(text, net_.total->input_shape);
            out.close();
        }
        format::growing<level> levels;
        format::page opened;  // per open block or merge: '1' if it drew a level
        for (std::size_t i = 0; i < net_.size; ++i) {
            const layer_record& r = net_.nodes[i];
            if (r.kind == kind::block_end || r.kind == kind::merge_end) {
                if (!opened.empty() && opened.back() == '1') levels.pop_back();
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
                if (!structure) format::put_int(text, static_cast<count_t>(r.index));
                out.close();
                put_tree(text, levels);
                out.close();
                const char* kind_word = label_(r, net_.words[i]);
                const bool kind_only = local.at(i, 0).empty() || local.at(i, 0) == kind_word;
                out.add(kind_only ? std::string_view(kind_word) : local.at(i, 0));
                if (!kind_only) {
                    text += " (";
                    text += kind_word;
                    text += ')';
                }
                if (folded) text += " …";
                out.close();
                shown_(text, r, net_.words[i]);
                out.close();
                format::put_dims(text, r.output_shape);
                out.close();
                for (const count_t n : {r.weights, r.biases, r.params, r.macs}) {
                    format::put_thousands(text, n);
                    out.close();
                }
                const auto put_id = [&text](std::size_t node) {
                    text += 'r';
                    format::put_int(text, static_cast<count_t>(node));
                };
                put_id(i);
                out.close();
                if (style_ == style::html)  // HTML only: the rows a click folds this one under
                    for (std::size_t k = 0; k < levels.size(); ++k) {
                        if (k > 0) text += ' ';
                        put_id(levels[k].owner);
                    }
                out.close();
                out.add(structure && !folded ? "1" : "");
            }
            if (folded) {
                i = r.match;
                continue;
            }
            if (structure) {
                opened += row_of_its_own ? '1' : '0';
                const bool branches = r.kind == kind::merge_begin && r.branches > 1;
                if (row_of_its_own) {
                    levels.push_back(level{branches, false, false, 0, static_cast<std::size_t>(r.branches), i});
                }
            }
        }
        return out;
    }

    /// Appends words as this style shows them (format::put_escaped: control characters visible; in
    /// Markdown also the characters its tables and inline syntax would read), elided to `columns`:
    /// elided before they are escaped (so that no escape is cut in two), as much as their escaped
    /// form needs.
    [[gnu::cold]] void put_fitted(format::page& out, std::string_view words, std::size_t columns) const {
        const bool markdown = style_ == style::markdown;
        format::page shown, cut;
        format::put_escaped(shown, words, markdown);
        // Escapes only widen: start from the columns themselves, narrower only while escapes need it.
        for (std::size_t w = columns; w >= 1 && format::width(shown) > columns; --w) {
            cut.clear();
            format::put_elided(cut, words, w);
            shown.clear();
            format::put_escaped(shown, cut, markdown);
            if (w == 1) break;
        }
        out += shown;
    }

    /// The layer rows laid out, the header first: the layer and description columns narrowed, the
    /// wider first, while the line is wider than columns_ and they are wider than 12; a cell too
    /// wide is elided in the middle (in the layer column only the name: the tree and the kind stay).
    [[nodiscard, gnu::cold]] format::cells rows() const {
        const format::cells body = layer_rows();
        constexpr std::size_t columns = 8;
        const char* const header[columns] = {"#", "layer", "description", "output", "weights", "biases", "params", "MACs"};
        std::size_t widths[columns];
        for (std::size_t c = 0; c < columns; ++c) widths[c] = format::width(header[c]);
        const auto fit = [](std::size_t& w, std::size_t x) { w = x > w ? x : w; };
        // The cells' escaped words, once (the layout below reads them twice): name, suffix, description.
        format::cells shown(3);
        for (std::size_t k = 0; k < body.rows(); ++k) {
            for (const std::size_t c : {lc::name, lc::suffix, lc::words}) {
                format::put_escaped(shown.text(), body.at(k, c), style_ == style::markdown);
                shown.close();
            }
            fit(widths[0], format::width(body.at(k, lc::number)));
            fit(widths[1], format::width(body.at(k, lc::tree)) + format::width(shown.at(k, 0)) + format::width(shown.at(k, 1)));
            fit(widths[2], format::width(shown.at(k, 2)));
            fit(widths[3], format::width(body.at(k, lc::out_shape)));
            for (std::size_t c = 4; c < columns; ++c)  // digits and commas: one column each
                fit(widths[c], body.at(k, lc::weight_count + (c - 4)).size());
        }
        // Line width: cells, two spaces between them (Markdown: "| " + " | " ... + " |").
        const auto line = [&] {
            std::size_t total = 0;
            for (std::size_t w : widths) total += w;
            return total + (style_ == style::markdown ? 3 * columns + 1 : 2 * (columns - 1));
        };
        constexpr std::size_t narrowest = 12;
        while (line() > columns_ && (widths[1] > narrowest || widths[2] > narrowest)) {
            std::size_t& wider = widths[1] >= widths[2] ? widths[1] : widths[2];
            --wider;
        }
        format::cells out(columns);
        for (const char* h : header) out.add(h);
        format::page& text = out.text();
        for (std::size_t k = 0; k < body.rows(); ++k) {
            out.add(body.at(k, lc::number));
            // The name gives way; the tree and the kind stay.
            text += body.at(k, lc::tree);
            const std::size_t kept = format::width(body.at(k, lc::tree)) + format::width(shown.at(k, 1));
            const std::size_t room = widths[1] > kept + 1 ? widths[1] - kept : 1;
            if (format::width(shown.at(k, 0)) <= room) text += shown.at(k, 0);
            else put_fitted(text, body.at(k, lc::name), room);
            text += shown.at(k, 1);
            out.close();
            if (format::width(shown.at(k, 2)) <= widths[2]) text += shown.at(k, 2);
            else put_fitted(text, body.at(k, lc::words), widths[2]);
            out.close();
            for (const std::size_t c : {lc::out_shape, lc::weight_count, lc::bias_count, lc::param_count, lc::mac_count}) out.add(body.at(k, c));
        }
        return out;
    }

    /// Appends "<human><joint><words>" to the open cell, either part left out when empty; units
    /// only from `base` (1,000, or 1 KiB) up.
    [[gnu::cold]] static void put_note(format::page& out, count_t n, count_t base, std::string_view words, const char* joint = ", ") {
        if (n >= base) {
            format::put_human(out, n, base, "");
            if (words.empty()) return;
            out += joint;
        }
        out += words;
    }
    /// A row of the totals: its name, a count and its note.
    [[gnu::cold]] static void put_count_row(format::cells& out, const char* what, count_t n, std::string_view words) {
        out.add(what);
        format::put_thousands(out.text(), n);
        out.close();
        put_note(out.text(), n, 1000, words);
        out.close();
    }
    /// A memory row of the totals: its name, bytes and its note.
    [[gnu::cold]] static void put_bytes_row(format::cells& out, const char* what, count_t n, std::string_view words,
                                            const char* joint = ", ") {
        out.add(what);
        format::put_thousands(out.text(), n);
        out.text() += " B";
        out.close();
        put_note(out.text(), n, 1024, words, joint);
        out.close();
    }
    /// Appends a receptive field's extent or jump, per axis of the input: a volume's "D×H×W", an
    /// image's "H×W", a sequence's length alone.
    [[gnu::cold]] void put_field(format::page& out, const fraction& depth, const fraction& height, const fraction& width) const {
        const int rank = net_.total->input_shape.rank;
        if (rank == 4) {
            format::put_ratio_grouped(out, depth);
            out += "×";
        }
        if (rank == 3 || rank == 4) {
            format::put_ratio_grouped(out, height);
            out += "×";
        }
        format::put_ratio_grouped(out, width);
    }

    /// The totals, the header first: counts with their size in SI units beside them (when at least
    /// 1,000), then the memory of memory<Net> for the options of memory() in bytes, with binary
    /// units beside them.
    [[nodiscard, gnu::cold]] format::cells totals() const {
        const layer_record& t = *net_.total;
        const field& rf = t.receptive_field;
        const memory_estimate& m = bytes_;
        const count_t b = bytes_per_element(memory_.precision);
        format::cells out(3);
        format::page& text = out.text();
        for (const char* h : {"total", "value", "note"}) out.add(h);
        format::page words;
        words += "trainable: weights ";
        format::put_thousands(words, t.weights);
        words += ", biases ";
        format::put_thousands(words, t.biases);
        put_count_row(out, "params", t.params, words);
        put_count_row(out, "buffers", t.buffers, "not trainable");
        put_count_row(out, "MACs", t.macs, "");
        put_count_row(out, "activations", t.activations, "elements per sample, kept for the backward pass");
        out.add("receptive field");
        put_field(text, rf.depth, rf.height, rf.width);
        out.close();
        text += "jump ";
        put_field(text, rf.jump_depth, rf.jump_height, rf.jump_width);
        out.close();
        // With side outputs (output<Head>), a row listing every output's shape, as output_shapes<Net>
        // does: the side outputs' in order, the main path's last.
        count_t sides = 0;
        words.clear();
        for (std::size_t i = 0; i < net_.size; ++i) {
            const layer_record& r = net_.nodes[i];
            if (r.kind != kind::merge_begin || r.how != merge::output) continue;
            format::put_dims(words, r.output_shape);
            words += ", ";
            ++sides;
        }
        if (sides > 0) {
            out.add("outputs");
            format::put_thousands(text, sides + 1);
            out.close();
            text += words;
            format::put_dims(text, t.output_shape);
            out.close();
        }
        // The memory rows: what they are computed for, once above them; each row's bytes beside.
        out.add("memory for");
        text += "batch ";
        format::put_thousands(text, memory_.batch);
        out.close();
        text += format::name_of(memory_.precision);
        text += ", ";
        text += format::name_of(memory_.optimizer);
        out.close();
        // The input is part of the activations, whose bytes memory<Net> checked to fit: so do these.
        put_bytes_row(out, "input size", t.input_shape.elements() * memory_.batch * b, "");
        put_bytes_row(out, "params size", m.parameters, "");
        put_bytes_row(out, "buffers size", m.buffers, "");
        put_bytes_row(out, "forward pass", m.inference_peak, "at its peak, params and buffers included", " ");
        if (arena_ > 0) {  // .arena(plan): the plan's bytes for the batch
            const detail::wide planned = detail::wide(arena_) * memory_.batch;
            words.clear();
            words += "tensors planned, lower bound ";
            format::put_thousands(words, arena_bound_);
            words += " B a sample";
            if (detail::fits(planned)) {
                put_bytes_row(out, "arena", count_t(planned), words, " ");
            } else {
                for (const std::string_view cell : {std::string_view("arena"), std::string_view("beyond 64 bits"), std::string_view(words)})
                    out.add(cell);
            }
        }
        put_bytes_row(out, "training", m.training_total(), "params, buffers, gradients, optimizer state, activations", ": ");
        return out;
    }

    /// Appends the rows laid out in this style (text or Markdown), the header's rule below the
    /// first. Columns [right_from, right_to) are numbers, aligned right.
    [[gnu::cold]] void put_rows(format::page& out, const format::cells& rows, std::size_t right_from, std::size_t right_to) const {
        const bool markdown = style_ == style::markdown;
        const std::size_t columns = rows.per_row();
        format::growing<std::size_t> widths;
        widths.append(columns, 0);
        for (std::size_t k = 0; k < rows.rows(); ++k)
            for (std::size_t c = 0; c < columns; ++c)
                widths[c] = format::width(rows.at(k, c)) > widths[c] ? format::width(rows.at(k, c)) : widths[c];
        const auto right = [&](std::size_t c) { return c >= right_from && c < right_to; };
        for (std::size_t k = 0; k < rows.rows(); ++k) {
            const std::size_t start = out.size();
            if (markdown) out += "| ";
            for (std::size_t c = 0; c < columns; ++c) {
                const std::string_view cell = rows.at(k, c);
                const std::size_t padding = widths[c] - format::width(cell);
                if (right(c)) out.append(padding, ' ');
                out += cell;
                if (!right(c)) out.append(padding, ' ');
                if (c + 1 < columns) out += markdown ? " | " : "  ";
            }
            if (markdown) out += " |";
            while (!markdown && out.size() > start && out.back() == ' ') out.pop_back();
            out += '\n';
            if (k > 0) continue;
            if (markdown) {
                out += '|';
                for (std::size_t c = 0; c < columns; ++c) {
                    out += ' ';
                    out.append(right(c) ? (widths[c] > 0 ? widths[c] - 1 : 0) : widths[c], '-');
                    out += right(c) ? ": |" : " |";
                }
            } else {
                std::size_t total = 0;
                for (std::size_t w : widths) total += w + 2;
                out.append(total > 2 ? total - 2 : 0, '-');
            }
            out += '\n';
        }
    }

    /// Text and Markdown: the layers' table, then the totals'.
    [[gnu::cold]] static void print_table(std::ostream& out, const table& t) {
        format::page page;
        t.put_rows(page, t.rows(), 4, 8);
        if (t.totals_) {
            page += '\n';
            t.put_rows(page, t.totals(), 1, 2);
        }
        out.write(page.data(), static_cast<std::streamsize>(page.size()));
    }
    template <class T>
    [[gnu::cold]] static void print_csv(std::ostream& out, const table& t) { format::write_csv<T>(out, t.net_, t.depth_); }
    template <class T>
    [[gnu::cold]] static void print_json(std::ostream& out, const table& t) { format::write_json<T>(out, t.net_, t.depth_); }
    template <class T>
    [[gnu::cold]] static void print_dot(std::ostream& out, const table& t) { format::write_dot<T>(out, t.net_, t.depth_); }
    template <class T>
    [[gnu::cold]] static void print_svg(std::ostream& out, const table& t) { format::write_svg<T>(out, t.net_, t.depth_); }
    template <class T>
    [[gnu::cold]] static void print_html(std::ostream& out, const table& t) { t.html_page<T>(out); }

    /// The HTML page: the layers, the totals and the graph, its style and script inline.
    template <class T>
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
        const format::cells body = layer_rows();
        for (std::size_t k = 0; k < body.rows(); ++k) {
            const auto cell = [&](std::size_t c) { return body.at(k, c); };
            out << "<tr";
            if (!cell(lc::opens).empty()) out << " id=\"" << cell(lc::id) << "\" class=\"block\"";
            if (!cell(lc::parents).empty()) out << " data-parents=\"" << cell(lc::parents) << "\"";
            out << "><td class=\"n\">" << cell(lc::number) << "</td><td class=\"layer\">" << xml_text<T>(cell(lc::tree)) << "<span>"
                << xml_text<T>(format::cat<format::string_for<T>>(cell(lc::name), cell(lc::suffix))) << "</span></td><td>" << xml_text<T>(cell(lc::words)) << "</td><td>"
                << xml_text<T>(cell(lc::out_shape)) << "</td>";
            for (const std::size_t c : {lc::weight_count, lc::bias_count, lc::param_count, lc::mac_count}) out << "<td class=\"n\">" << cell(c) << "</td>";
            out << "</tr>\n";
        }
        out << "</tbody>\n</table>\n<h1>Totals</h1>\n<table class=\"totals\">\n<tbody>\n";
        const format::cells sums = totals();
        for (std::size_t k = 1; k < sums.rows(); ++k)  // the header is the text table's
            out << "<tr><th>" << xml_text<T>(sums.at(k, 0)) << "</th><td class=\"n\">" << xml_text<T>(sums.at(k, 1)) << "</td><td>"
                << xml_text<T>(sums.at(k, 2)) << "</td></tr>\n";
        out << "</tbody>\n</table>\n<h1>Graph</h1>\n";
        format::write_svg<T>(out, net_, depth_);
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
    labeler label_ = &stored_label;
    shower shown_ = &stored_shown;
    namer locals_ = &stored_locals;
    std::size_t depth_ = format::all_levels;
    style style_ = style::text;
    bool totals_ = true;
    memory_options memory_{};
    memory_estimate bytes_{};  // memory<Net>(memory_): the memory rows' bytes
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

/// A buffer for the put_* functions in a constant evaluation (summary<Net>()'s words): counts the
/// characters appended, and writes them to `at` when it is not null.
struct constant_page {
    char* at = nullptr;
    std::size_t size = 0;
    constexpr constant_page& operator+=(char c) {
        if (at != nullptr) at[size] = c;
        ++size;
        return *this;
    }
    constexpr constant_page& operator+=(std::string_view s) {
        for (const char c : s) *this += c;
        return *this;
    }
    constexpr constant_page& operator+=(const char* s) { return *this += std::string_view(s); }
};

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

    /// Chunk C's words: per node its rule's description (node_words::description), the
    /// description a table shows (node_words::shown) and its local name (node_words::local), each
    /// ended by '\0'.
    template <std::size_t C>
    static constexpr void put_words(constant_page& out) {
#if defined(__clang__)
        const auto& all = netshape::nodes<Net>;
#else
        const auto all = netshape::nodes<Net>;
#endif
        for (std::size_t i = first(C); i < last(C); ++i) {
            const text t = description(all[i]);
            out += std::string_view(t.c_str(), t.size());
            out += '\0';
            char described[text::capacity + 32]{};  // the rule's words and at most " (shared)"
            constant_page plain{described};
            format::put_describe(plain, all[i], t.c_str());
            format::put_grouped(out, std::string_view(described, plain.size));
            out += '\0';
            format::put_local_name(out, all.data(), locals[i]);
            out += '\0';
        }
    }
    /// Each node's local name's source (format::local_names).
    static constexpr std::array<format::local_name, size> locals = [] {
        std::array<format::local_name, size> out{};
#if defined(__clang__)
        const auto& all = netshape::nodes<Net>;
#else
        const auto all = netshape::nodes<Net>;
#endif
        format::local_names(out.data(), all.data(), size);
        return out;
    }();
    template <std::size_t C>
    static constexpr std::size_t chars = [] {
        constant_page count;
        put_words<C>(count);
        return count.size;
    }();
    template <std::size_t C>
    static constexpr std::array<char, chars<C> + 1> descriptions = [] {
        std::array<char, chars<C> + 1> out{};
        constant_page page{out.data()};
        put_words<C>(page);
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
    /// The memory rows' bytes for the default options (batch 1, fp32, sgd), as a table works them out.
    static constexpr memory_estimate bytes = detail::estimate_memory({}, total).estimate;

    template <std::size_t C>
    static constexpr void describe_chunk(std::array<format::node_words, size>& out) {
        std::size_t at = 0;
        const auto next = [&at] {  // the words at `at`, and `at` past them
            const char* words = descriptions<C>.data() + at;
            while (descriptions<C>[at] != '\0') ++at;
            ++at;
            return words;
        };
        for (std::size_t i = first(C); i < last(C); ++i) {
            const char* rule = next();
            const char* shown = next();
            out[i] = {name_of(records[i].kind), rule, format::kind_word(records[i], name_of(records[i].kind)), shown, next()};
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
    return table(format::listing{p::records.data(), p::size, &p::total, p::words.data()}, p::bytes);
}

}  // namespace netshape
