// netshape/format/arena.hpp: a plan of netshape/arena.hpp, printed: a text table, CSV, JSON and an
// SVG picture (steps across, offsets up, one rectangle per tensor).
//
//   std::cout << netshape::arena_text<Net>();                           // plan{} (float32)
//   std::ofstream("plan.svg") << netshape::arena_svg<Net, netshape::plan{.element_bytes = 1}>();
//
// Each tensor is named by its writer: the node's qualified name ("features.3.conv.0.0"), or its
// description when unnamed ("conv 3×3, 64"); the network's input is "input". docs/arena.md.
#pragma once

#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

#include <netshape/arena.hpp>
#include <netshape/format/describe.hpp>
#include <netshape/format/csv.hpp>
#include <netshape/format/json.hpp>

namespace netshape {

namespace format {

/// The name of the node that writes a tensor: its path when it is named, else its description (an
/// unnamed node's path is only its position); a merge's is its begin marker's (the end marker
/// carries no name).
inline std::string writer_name(const layer_record* nodes, const std::vector<std::string>& paths, std::size_t writer) {
    if (writer == arena_input) return "input";
    const std::size_t i = nodes[writer].kind == kind::merge_end ? nodes[writer].match : writer;
    return has_name(nodes[i]) && !paths[i].empty() ? paths[i] : describe(nodes[i]);
}

/// Text for SVG: the characters XML reserves, escaped.
inline std::string xml_text(const std::string& s) {
    std::string out;
    for (const char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

/// What a tensor is besides its bytes: "output", "scratch", "within N" (its bytes lie in tensor N's).
inline std::string arena_notes(const arena_tensor& t) {
    std::string notes;
    const auto add = [&](const std::string& s) { notes += notes.empty() ? s : " " + s; };
    if (t.output) add("output");
    if (t.scratch) add("scratch");
    if (t.within != no_tensor) add("within " + std::to_string(t.within));
    return notes;
}

}  // namespace format

/// The plan as a text table: one row per tensor (index, writer, offset, bytes, first and last step,
/// notes), then the buffer's size, the lower bound and the naive sum.
template <class Net, plan Plan = plan{}>
std::string arena_text() {
    const auto& a = arena<Net, Plan>;
    const auto& records = nodes<Net>;
    const std::vector<std::string> paths = format::qualified_names(records.data(), records.size());
    std::vector<std::vector<std::string>> rows{{"tensor", "writer", "offset", "bytes", "first", "last", "notes"}};
    for (std::size_t t = 0; t < a.tensors.size(); ++t) {
        const arena_tensor& x = a.tensors[t];
        rows.push_back({std::to_string(t), format::visible(format::writer_name(records.data(), paths, x.writer)),
                        format::thousands(x.offset), format::thousands(x.bytes), std::to_string(x.first),
                        std::to_string(x.last), format::arena_notes(x)});
    }
    std::vector<std::size_t> widths(rows[0].size(), 0);
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c)
            if (format::width(row[c]) > widths[c]) widths[c] = format::width(row[c]);
    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            const std::string pad(widths[c] - format::width(row[c]), ' ');
            const bool right = c != 1 && c != 6;  // numbers right-aligned
            line += (c > 0 ? "  " : "") + (right ? pad + row[c] : row[c] + (c + 1 < row.size() ? pad : ""));
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    out += format::cat("arena: ", format::thousands(a.bytes), " bytes; lower bound ", format::thousands(a.lower_bound),
                       "; naive ", format::thousands(a.naive), " (", Plan.element_bytes, " bytes an element, aligned to ",
                       Plan.alignment, ")\n");
    // memory<Net>()'s inference figure counts peak_activations, an upper bound for a framework that
    // frees each tensor when it can (held merge inputs counted once per branch); the plan is exact.
    const count_t peak = peak_activations<Net> * Plan.element_bytes;
    out += format::cat("plain peak (peak_activations × ", Plan.element_bytes, " bytes, memory<Net>()'s inference figure): ",
                       format::thousands(peak), " bytes; the arena is ", format::thousands(a.bytes),
                       a.bytes <= peak ? " (" : " (+", format::thousands(a.bytes <= peak ? peak - a.bytes : a.bytes - peak),
                       a.bytes <= peak ? " less)\n" : ")\n");
    return out;
}

/// The plan as CSV: tensor,writer,writer_node,offset,bytes,first,last,within,scratch,output (writer_node
/// and within empty for none), one row per tensor.
template <class Net, plan Plan = plan{}>
std::string arena_csv() {
    const auto& a = arena<Net, Plan>;
    const auto& records = nodes<Net>;
    const std::vector<std::string> paths = format::qualified_names(records.data(), records.size());
    std::ostringstream out;
    out << "tensor,writer,writer_node,offset,bytes,first,last,within,scratch,output\n";
    for (std::size_t t = 0; t < a.tensors.size(); ++t) {
        const arena_tensor& x = a.tensors[t];
        out << t << ',' << format::csv_field(format::writer_name(records.data(), paths, x.writer)) << ','
            << (x.writer == arena_input ? std::string() : std::to_string(x.writer)) << ',' << x.offset << ','
            << x.bytes << ',' << x.first << ',' << x.last << ','
            << (x.within == no_tensor ? std::string() : std::to_string(x.within)) << ',' << (x.scratch ? 1 : 0)
            << ',' << (x.output ? 1 : 0) << '\n';
    }
    return out.str();
}

/// The plan as JSON: {"schema": "netshape-arena/1", "bytes", "lower_bound", "naive", "element_bytes",
/// "alignment", "tensors": [{"writer", "writer_node" (null for the input), "offset", "bytes", "first",
/// "last", "within" (null for none), "scratch", "output"}]}.
template <class Net, plan Plan = plan{}>
std::string arena_json() {
    const auto& a = arena<Net, Plan>;
    const auto& records = nodes<Net>;
    const std::vector<std::string> paths = format::qualified_names(records.data(), records.size());
    std::ostringstream out;
    out << "{\"schema\": \"netshape-arena/1\", \"bytes\": " << a.bytes << ", \"lower_bound\": " << a.lower_bound
        << ", \"naive\": " << a.naive << ", \"element_bytes\": " << Plan.element_bytes << ", \"alignment\": "
        << Plan.alignment << ",\n \"tensors\": [";
    for (std::size_t t = 0; t < a.tensors.size(); ++t) {
        const arena_tensor& x = a.tensors[t];
        out << (t > 0 ? ",\n  " : "\n  ") << "{\"writer\": "
            << format::json_string(format::writer_name(records.data(), paths, x.writer)) << ", \"writer_node\": "
            << (x.writer == arena_input ? std::string("null") : std::to_string(x.writer)) << ", \"offset\": " << x.offset
            << ", \"bytes\": " << x.bytes << ", \"first\": " << x.first << ", \"last\": " << x.last << ", \"within\": "
            << (x.within == no_tensor ? std::string("null") : std::to_string(x.within))
            << ", \"scratch\": " << (x.scratch ? "true" : "false") << ", \"output\": " << (x.output ? "true" : "false")
            << "}";
    }
    out << "\n ]}\n";
    return out.str();
}

/// The plan as an SVG picture: steps across, offsets up, one rectangle per tensor (from its first
/// step to its last, from its offset to its end; a tooltip names it), the lower bound dashed.
/// Tensors within another are drawn over it, outlined; scratch in orange, outputs in green.
template <class Net, plan Plan = plan{}>
std::string arena_svg(int width = 960, int height = 360) {
    const auto& a = arena<Net, Plan>;
    const auto& records = nodes<Net>;
    const std::vector<std::string> paths = format::qualified_names(records.data(), records.size());
    const double left = 70, bottom = 30, top = 20, right = 10;
    const double steps = static_cast<double>(records.size());
    const double sx = (width - left - right) / (steps > 0 ? steps : 1);
    const double sy = (height - bottom - top) / (a.bytes > 0 ? static_cast<double>(a.bytes) : 1.0);
    std::ostringstream out;
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
        << "\" font-family=\"sans-serif\" font-size=\"11\">\n";
    out << "<rect x=\"0\" y=\"0\" width=\"" << width << "\" height=\"" << height << "\" fill=\"white\"/>\n";
    for (std::size_t t = 0; t < a.tensors.size(); ++t) {
        const arena_tensor& x = a.tensors[t];
        const char* fill = x.scratch ? "#f4a259" : x.output ? "#8cc084" : x.within != no_tensor ? "none" : "#6c9bd2";
        const double y = height - bottom - static_cast<double>(x.offset + x.bytes) * sy;
        out << "<rect x=\"" << left + static_cast<double>(x.first) * sx << "\" y=\"" << y << "\" width=\""
            << static_cast<double>(x.last - x.first + 1) * sx << "\" height=\"" << static_cast<double>(x.bytes) * sy
            << "\" fill=\"" << fill << "\" stroke=\"#1d3557\" stroke-width=\"0.5\"><title>"
            << format::xml_text(format::visible(format::writer_name(records.data(), paths, x.writer))) << ": "
            << format::thousands(x.bytes) << " bytes at " << format::thousands(x.offset) << ", steps " << x.first
            << "–" << x.last << "</title></rect>\n";
    }
    const double bound_y = height - bottom - static_cast<double>(a.lower_bound) * sy;
    out << "<line x1=\"" << left << "\" x2=\"" << width - right << "\" y1=\"" << bound_y << "\" y2=\"" << bound_y
        << "\" stroke=\"#e63946\" stroke-dasharray=\"4 3\"/>\n";
    out << "<text x=\"" << left << "\" y=\"" << top - 6 << "\">" << format::thousands(a.bytes) << " bytes (lower bound "
        << format::thousands(a.lower_bound) << ", dashed; naive " << format::thousands(a.naive) << ")</text>\n";
    out << "<text x=\"" << left << "\" y=\"" << height - 8 << "\">steps (nodes) 0–" << records.size() - 1
        << " →</text>\n";
    out << "<text x=\"4\" y=\"" << height - bottom << "\">0</text>\n";
    out << "<text x=\"4\" y=\"" << top + 10 << "\">offset ↑</text>\n";
    out << "</svg>\n";
    return out.str();
}

}  // namespace netshape
