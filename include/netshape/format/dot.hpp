// netshape/format/dot.hpp: the network as a Graphviz graph.
//
// One graph node per layer (identity and other pass-through branches become plain edges), one per
// merge (concat, add, multiply), named blocks drawn as clusters, each use of a shared<Tag, B> block
// a dashed cluster "shared · use k of n", its repeats tied to its first use by dotted edges ("same
// weights"); every edge is labelled with the shape it carries. A side output (output<Head>) is its head's nodes ending in an oval "output k"
// (k its index in output_shapes<Net>); the main path goes on from the head's input. Render with `dot -Tsvg net.dot -o net.svg`.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <utility>

#include <netshape/format/core.hpp>

namespace netshape::format {

/// Text inside a quoted DOT label: quotes and backslashes escaped (a backslash would start one of
/// Graphviz's escapes, \N or \l), a newline as Graphviz's line break, other control characters
/// shown as C escapes, as in text tables.
template <class T = void> [[gnu::cold]] string_for<T> dot_label(const string_for<T>& s) {
    string_for<T> out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') out += "\\n";
        else if (is_control(c)) out += cat<string_for<T>>("\\", control_escape<string_for<T>>(c));
        else out += c;
    }
    return out;
}

/// `depth`: a block nested exactly that deep is drawn as one graph node (its name, or its kind,
/// and its description), its insides left out, as summary<Net>().depth(n) folds it in a table.
template <class T = void> [[gnu::cold]] void write_dot(std::ostream& out, const listing& listed, std::size_t depth = all_levels) {
    const layer_record* const nodes = listed.nodes;
    const std::size_t size = listed.size;
    const layer_record& total = *listed.total;
    struct open_merge {
        string_for<T> entry;
        shape entry_shape;
        growing<std::pair<string_for<T>, shape>> ends;
        std::size_t seen = 0;
        std::size_t side = 0;  // output<Head>: its index in output_shapes<Net>
    };
    std::size_t sides = 0;
    growing<open_merge> merges;
    // shared<Tag, B>: each use is a dashed cluster "shared · use k of n" (n the uses of its tag, k in
    // the node array's order); a repeat (weights of the first use) is tied to the first use by a
    // dotted, undirected edge between their first drawn nodes.
    growing<std::size_t> use_of, uses_of;
    use_of.append(size, 0);
    uses_of.append(size, 0);
    const auto first_of = [&](std::size_t i) { return nodes[i].repeat_of == no_node ? i : nodes[i].repeat_of; };
    const auto is_shared = [&](std::size_t i) { return nodes[i].kind == kind::block_begin && nodes[i].how == merge::shared; };
    for (std::size_t i = 0; i < size; ++i)
        if (is_shared(i)) use_of[i] = ++uses_of[first_of(i)];
    // The first node of a shared block a box is drawn for (a leaf other than identity), or size.
    const auto first_box = [&](std::size_t i) {
        for (std::size_t j = i + 1; j < nodes[i].match; ++j)
            if (!is_structure(nodes[j].kind) && nodes[j].kind != kind::identity) return j;
        return size;
    };
    string_for<T> tail = "input";
    shape tail_shape = total.input_shape;
    // Edges are written after every node: Graphviz puts a node into the first cluster that
    // mentions it, so an edge written inside a cluster would pull its source in.
    string_for<T> edges;
    const auto edge = [&](const string_for<T>& from, const string_for<T>& to, const shape& s) {
        edges += cat<string_for<T>>("  ", from, " -> ", to, " [label=\"", dims<string_for<T>>(s), "\"];\n");
    };
    // One font throughout: the graph's (cluster titles), the nodes' and the edges' labels.
    out << "digraph netshape {\n  rankdir=TB;\n  graph [fontname=\"Helvetica\"];\n"
        << "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
        << "  edge [fontname=\"Helvetica\", fontsize=10];\n"
        << "  input [label=\"input\\n" << dims<string_for<T>>(total.input_shape) << "\", shape=oval];\n";
    // A layer or a folded block: one graph node, its name (if any and not its description) above.
    const auto box = [&](std::size_t i, const layer_record& r, const string_for<T>& what) {
        const string_for<T> id = cat<string_for<T>>("n", i);
        const bool titled = has_name(r) && what != r.name;
        const string_for<T> label = titled ? cat<string_for<T>>(dot_label<T>(r.name), "\\n", dot_label<T>(what)) : dot_label<T>(what);
        out << "  " << id << " [label=\"" << label << "\"];\n";
        edge(tail, id, tail_shape);
        tail = id;
        tail_shape = r.output_shape;
    };
    // A side output's end: an oval for the output, fed by the head's last node (`tail`); the main
    // path goes on from where the head began.
    const auto side_output = [&](const string_for<T>& id, std::size_t side, const string_for<T>& entry, const shape& entry_shape) {
        out << "  " << id << " [label=\"output " << side << "\\n" << dims<string_for<T>>(tail_shape) << "\", shape=oval];\n";
        edge(tail, id, tail_shape);
        tail = entry;
        tail_shape = entry_shape;
    };
    for (std::size_t i = 0; i < size; ++i) {
        const layer_record& r = nodes[i];
        const string_for<T> id = cat<string_for<T>>("n", i);
        if ((r.kind == kind::block_begin || r.kind == kind::merge_begin) && r.depth >= depth) {
            // Folded: one node for the whole block (none for an empty sequential<>, as in a table).
            const string_for<T> entry = tail;
            const shape entry_shape = tail_shape;
            if (r.match != i + 1) box(i, r, cat<string_for<T>>(grouped<string_for<T>>(describe<string_for<T>>(r, listed.words[i].description)), " …"));
            if (r.how == merge::output) side_output(cat<string_for<T>>("n", r.match), sides++, entry, entry_shape);
            i = r.match;
            continue;
        }
        switch (r.kind) {
            case kind::block_begin:
                if (is_shared(i)) {
                    const std::size_t first = first_of(i);
                    out << "  subgraph cluster_" << i << " {\n  label=\""
                        << (has_name(r) ? cat<string_for<T>>(dot_label<T>(r.name), "\\n") : string_for<T>()) << "shared · use " << use_of[i]
                        << " of " << uses_of[first] << (first != i ? cat<string_for<T>>(" (weights of use 1)") : string_for<T>())
                        << "\";\n  style=dashed;\n";
                    const std::size_t a = first_box(first), b = first_box(i);
                    if (first != i && a < size && b < size)
                        edges += cat<string_for<T>>("  n", a, " -> n", b, " [style=dotted, dir=none, constraint=false, label=\"same weights\"];\n");
                } else if (has_name(r)) {
                    out << "  subgraph cluster_" << i << " {\n  label=\"" << dot_label<T>(r.name) << "\";\n";
                }
                break;
            case kind::block_end:
                if (has_name(nodes[r.match]) || is_shared(r.match)) out << "  }\n";
                break;
            case kind::merge_begin:
                if (has_name(r)) out << "  subgraph cluster_" << i << " {\n  label=\"" << dot_label<T>(r.name) << "\";\n";
                merges.push_back(open_merge{tail, tail_shape, {}, 0, r.how == merge::output ? sides++ : 0});
                break;
            case kind::branch: {
                open_merge& m = merges.back();
                if (m.seen++ > 0) m.ends.push_back({tail, tail_shape});
                tail = m.entry;
                tail_shape = m.entry_shape;
                break;
            }
            case kind::merge_end: {
                open_merge m = std::move(merges.back());
                merges.pop_back();
                m.ends.push_back({tail, tail_shape});
                const layer_record& begin = nodes[r.match];
                if (begin.how == merge::output) {
                    side_output(id, m.side, m.entry, m.entry_shape);
                    if (has_name(begin)) out << "  }\n";
                    break;
                }
                out << "  " << id << " [label=\"" << name_of(begin.how) << "\", shape=circle];\n";
                for (const auto& [from, s] : m.ends) edge(from, id, s);
                if (has_name(begin)) out << "  }\n";
                tail = id;
                tail_shape = r.output_shape;
                break;
            }
            case kind::identity:
                break;  // a pass-through: the branch's edge goes straight to the merge
            default:
                box(i, r, grouped<string_for<T>>(describe<string_for<T>>(r, listed.words[i].description)));
        }
    }
    out << "  output [label=\"output\\n" << dims<string_for<T>>(total.output_shape) << "\", shape=oval];\n";
    edge(tail, "output", tail_shape);
    out << edges << "}\n";
}

}  // namespace netshape::format
