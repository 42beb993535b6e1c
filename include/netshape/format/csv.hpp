// netshape/format/csv.hpp: one row per node, every figure (for spreadsheets and scripts).
//
// Columns: index, leaf (the node's index in layers<Net>, empty for block markers), depth, kind,
// name, path (the qualified name, "layer1.0.conv1"), description, input_h, input_w, input_c, output_h, output_w, output_c, weights, biases,
// params, buffers, macs, activations, peak, receptive_h, receptive_w, stride_h, stride_w.
// Block markers (sequential, concat, add, multiply) carry their block's totals; end and branch
// markers are left out. A last row named "total" holds the network's totals.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include <netshape/format/describe.hpp>

namespace netshape::format {

/// RFC 4180: quote a field that holds a comma, a quote or a newline; double inner quotes.
inline std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

inline void write_csv_row(std::ostream& out, const std::string& index, const std::string& leaf, std::size_t depth,
                          const std::string& kind_name, const std::string& name, const std::string& path,
                          const std::string& description, const layer_record& r) {
    out << index << ',' << leaf << ',' << depth << ',' << csv_field(kind_name) << ',' << csv_field(name) << ','
        << csv_field(path) << ',' << csv_field(description) << ',' << r.input.height << ',' << r.input.width << ',' << r.input.channels << ','
        << r.output.height << ',' << r.output.width << ',' << r.output.channels << ',' << r.weights << ',' << r.biases
        << ',' << r.params << ',' << r.buffers << ',' << r.macs << ',' << r.activations << ',' << r.peak << ','
        << r.receptive.height << ',' << r.receptive.width << ',' << r.receptive.stride_height << ','
        << r.receptive.stride_width << '\n';
}

inline void write_csv(std::ostream& out, const layer_record* nodes, std::size_t size, const layer_record& total) {
    const std::vector<std::string> paths = qualified_names(nodes, size);
    out << "index,leaf,depth,kind,name,path,description,input_h,input_w,input_c,output_h,output_w,output_c,weights,biases,"
           "params,buffers,macs,activations,peak,receptive_h,receptive_w,stride_h,stride_w\n";
    for (std::size_t i = 0; i < size; ++i) {
        const layer_record& r = nodes[i];
        if (r.kind == kind::block_end || r.kind == kind::merge_end || r.kind == kind::branch) continue;
        const bool leaf = !is_structure(r.kind);
        const std::string kind_name = r.kind == kind::merge_begin ? name_of(r.how) : name_of(r.kind);
        write_csv_row(out, std::to_string(i), leaf ? std::to_string(r.index) : "", r.depth, kind_name,
                      r.name != nullptr ? r.name : "", paths[i], describe(r), r);
    }
    write_csv_row(out, "", "", 0, "total", "total", "", "", total);
}

}  // namespace netshape::format
