// netshape/format/csv.hpp: one row per node, every figure (for spreadsheets and scripts).
//
// Columns: index, leaf (the node's index in layers<Net>, empty for block markers), depth, kind,
// name, path (the qualified name, "layer1.0.conv1"), description, input_h, input_w, input_c, output_h, output_w, output_c, weights, biases,
// params, buffers, macs, activations, peak_activations, receptive_h, receptive_w, jump_h, jump_w (the
// receptive field's; exact fractions, written "1/2" when not whole), input_d, output_d, input_rank,
// output_rank (volumes and the rank of each tensor, last so that older readers keep their columns),
// receptive_d, jump_d (the receptive field along a volume's depth; 1 on other ranks; the kernel's
// depth is in the description).
// Block markers (sequential, concat, add, multiply) carry their block's totals; end and branch
// markers are left out. A last row named "total" holds the network's totals. An unnamed node's name
// is empty. With summary<Net>().depth(n), rows nested deeper than n are left out.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include <netshape/format/core.hpp>

namespace netshape::format {

/// RFC 4180: quote a field that holds a comma, a quote, a line feed or a carriage return; double
/// inner quotes. Everything else, other control characters included, is kept as it is.
template <class T = void>
[[gnu::cold]] string_for<T> csv_field(const string_for<T>& s) {
    if (s.find_first_of(",\"\n\r") == string_for<T>::npos) return s;
    string_for<T> out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

template <class T = void>
[[gnu::cold]] void write_csv_row(std::ostream& out, const string_for<T>& index, const string_for<T>& leaf, std::size_t depth,
                          const string_for<T>& kind_name, const string_for<T>& name, const string_for<T>& path,
                          const string_for<T>& description, const layer_record& r) {
    out << index << ',' << leaf << ',' << depth << ',' << csv_field<T>(kind_name) << ',' << csv_field<T>(name) << ','
        << csv_field<T>(path) << ',' << csv_field<T>(description) << ',' << r.input_shape.height << ',' << r.input_shape.width
        << ',' << r.input_shape.channels << ',' << r.output_shape.height << ',' << r.output_shape.width << ','
        << r.output_shape.channels << ',' << r.weights << ',' << r.biases << ',' << r.params << ',' << r.buffers << ','
        << r.macs << ',' << r.activations << ',' << r.peak_activations << ',' << ratio<string_for<T>>(r.receptive_field.height) << ','
        << ratio<string_for<T>>(r.receptive_field.width) << ',' << ratio<string_for<T>>(r.receptive_field.jump_height) << ','
        << ratio<string_for<T>>(r.receptive_field.jump_width) << ',' << r.input_shape.depth << ',' << r.output_shape.depth << ','
        << r.input_shape.rank << ',' << r.output_shape.rank << ',' << ratio<string_for<T>>(r.receptive_field.depth) << ','
        << ratio<string_for<T>>(r.receptive_field.jump_depth) << '\n';
}

/// `depth`: rows nested deeper are left out (summary<Net>().depth(n)); a block at that depth keeps
/// its row, with its totals.
template <class T = void>
[[gnu::cold]] void write_csv(std::ostream& out, const listing& listed, std::size_t depth = all_levels) {
    const layer_record* const nodes = listed.nodes;
    const std::size_t size = listed.size;
    cells paths(1);
    put_qualified_names(paths, nodes, size);
    out << "index,leaf,depth,kind,name,path,description,input_h,input_w,input_c,output_h,output_w,output_c,weights,biases,"
           "params,buffers,macs,activations,peak_activations,receptive_h,receptive_w,jump_h,jump_w,input_d,output_d,"
           "input_rank,output_rank,receptive_d,jump_d\n";
    for (std::size_t i = 0; i < size; ++i) {
        const layer_record& r = nodes[i];
        if (r.kind == kind::block_end || r.kind == kind::merge_end || r.kind == kind::branch) continue;
        if (r.depth > depth) continue;
        const bool leaf = !is_structure(r.kind);
        const string_for<T> kind_name = r.kind == kind::merge_begin || r.how == merge::shared ? name_of(r.how) : listed.words[i].kind;
        write_csv_row<T>(out, std::to_string(i), leaf ? std::to_string(r.index) : "", r.depth, kind_name,
                      has_name(r) ? r.name : "", string_for<T>(paths.at(i, 0)), describe<string_for<T>>(r, listed.words[i].description), r);
    }
    write_csv_row<T>(out, "", "", 0, "total", "total", "", "", *listed.total);
}

}  // namespace netshape::format
