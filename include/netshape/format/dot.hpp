// netshape/format/dot.hpp: the network as a Graphviz graph.
//
// One graph node per layer (identity and other pass-through branches become plain edges), one per
// merge (concat, add, multiply), named blocks drawn as clusters; every edge is labelled with the
// shape it carries. Render with `dot -Tsvg net.dot -o net.svg`.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include <netshape/format/describe.hpp>

namespace netshape::format {

inline std::string dot_label(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

inline void write_dot(std::ostream& out, const layer_record* nodes, std::size_t size, const layer_record& total) {
    struct open_merge {
        std::string entry;
        shape entry_shape;
        std::vector<std::pair<std::string, shape>> ends;
        std::size_t seen = 0;
    };
    std::vector<open_merge> merges;
    std::string tail = "input";
    shape tail_shape = total.input_shape;
    // Edges are written after every node: Graphviz puts a node into the first cluster that
    // mentions it, so an edge written inside a cluster would pull its source in.
    std::string edges;
    const auto edge = [&](const std::string& from, const std::string& to, const shape& s) {
        edges += cat("  ", from, " -> ", to, " [label=\"", dims(s), "\"];\n");
    };
    out << "digraph netshape {\n  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
        << "  edge [fontname=\"Helvetica\", fontsize=10];\n"
        << "  input [label=\"input\\n" << dims(total.input_shape) << "\", shape=oval];\n";
    for (std::size_t i = 0; i < size; ++i) {
        const layer_record& r = nodes[i];
        const std::string id = cat("n", i);
        switch (r.kind) {
            case kind::block_begin:
                if (r.name != nullptr)
                    out << "  subgraph cluster_" << i << " {\n  label=\"" << dot_label(r.name) << "\";\n";
                break;
            case kind::block_end:
                if (nodes[r.match].name != nullptr) out << "  }\n";
                break;
            case kind::merge_begin:
                if (r.name != nullptr)
                    out << "  subgraph cluster_" << i << " {\n  label=\"" << dot_label(r.name) << "\";\n";
                merges.push_back(open_merge{tail, tail_shape, {}, 0});
                break;
            case kind::branch: {
                open_merge& m = merges.back();
                if (m.seen++ > 0) m.ends.emplace_back(tail, tail_shape);
                tail = m.entry;
                tail_shape = m.entry_shape;
                break;
            }
            case kind::merge_end: {
                open_merge m = merges.back();
                merges.pop_back();
                m.ends.emplace_back(tail, tail_shape);
                const layer_record& begin = nodes[r.match];
                out << "  " << id << " [label=\"" << name_of(begin.how) << "\", shape=circle];\n";
                for (const auto& [from, s] : m.ends) edge(from, id, s);
                if (begin.name != nullptr) out << "  }\n";
                tail = id;
                tail_shape = r.output_shape;
                break;
            }
            case kind::identity:
                break;  // a pass-through: the branch's edge goes straight to the merge
            default: {
                const std::string what = describe(r);
                std::string label = r.name != nullptr && what != r.name ? cat(dot_label(r.name), "\\n") : std::string();
                label += dot_label(what);
                out << "  " << id << " [label=\"" << label << "\"];\n";
                edge(tail, id, tail_shape);
                tail = id;
                tail_shape = r.output_shape;
            }
        }
    }
    out << "  output [label=\"output\\n" << dims(total.output_shape) << "\", shape=oval];\n";
    edge(tail, "output", tail_shape);
    out << edges << "}\n";
}

}  // namespace netshape::format
