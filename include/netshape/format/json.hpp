// netshape/format/json.hpp: every node and every total as JSON.
//
// Schema "netshape-summary/1":
// {
//   "schema": "netshape-summary/1",
//   "input":  [h, w, c], "output": [h, w, c],
//   "totals": {"params", "weights", "biases", "buffers", "macs", "activations", "peak_activations":
//              integers, "receptive_field": {"height", "width", "stride_height", "stride_width"}},
//   "nodes": [ every node in order, markers included:
//     {"index": i, "kind": "conv2d" | ... | "sequential" | "merge" | "branch" | "end",
//      "merge": "concat" | "add" | "multiply" (merge markers), "name": string or null,
//      "path": the qualified name ("layer1.0.conv1"; "" for an unnamed leaf),
//      "leaf": its index in layers<Net> (leaves) or null, "depth": nesting level,
//      "match": index of the matching begin/end marker (markers) or null,
//      "description": "conv 11×11/4, 96", "input": [h, w, c], "output": [h, w, c],
//      "weights", "biases", "params", "buffers", "macs", "activations", "peak": integers,
//      "receptive_field": {...},
//      "spec": {"units", "kernel": [h, w], "stride": [h, w], "pad": [h, w], "dilation": [h, w],
//               "groups", "bias", "ceil_mode", "per_pixel", "function", "first"}} ]
// }
// Begin markers carry their block's totals; end markers repeat the block's output.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include <netshape/format/describe.hpp>

namespace netshape::format {

inline std::string json_string(const char* s) {
    if (s == nullptr) return "null";
    std::string out = "\"";
    for (const char* p = s; *p != '\0'; ++p) {
        const char c = *p;
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            const char* hex = "0123456789abcdef";
            out += "\\u00";
            out += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
            out += hex[static_cast<unsigned char>(c) & 0xF];
        } else {
            out += c;
        }
    }
    return out + '"';
}
inline std::string json_string(const std::string& s) { return json_string(s.c_str()); }

inline std::string json_shape(const shape& s) {
    return cat("[", s.height, ", ", s.width, ", ", s.channels, "]");
}
inline std::string json_pair(const hw& v) {
    return cat("[", v.height, ", ", v.width, "]");
}
inline std::string json_field(const field& f) {
    return cat("{\"height\": ", f.height, ", \"width\": ", f.width, ", \"stride_height\": ", f.stride_height,
               ", \"stride_width\": ", f.stride_width, "}");
}

inline const char* json_kind(const layer_record& r) {
    switch (r.kind) {
        case kind::merge_begin: return "merge";
        case kind::block_end:
        case kind::merge_end: return "end";
        default: return name_of(r.kind);
    }
}

inline void write_json(std::ostream& out, const layer_record* nodes, std::size_t size, const layer_record& total) {
    const auto counts = [](const layer_record& r) {
        return cat("\"weights\": ", r.weights, ", \"biases\": ", r.biases, ", \"params\": ", r.params,
                   ", \"buffers\": ", r.buffers, ", \"macs\": ", r.macs, ", \"activations\": ", r.activations);
    };
    out << "{\n  \"schema\": \"netshape-summary/1\",\n  \"input\": " << json_shape(total.input)
        << ",\n  \"output\": " << json_shape(total.output) << ",\n  \"totals\": {" << counts(total)
        << ", \"peak_activations\": " << total.peak << ", \"receptive_field\": " << json_field(total.receptive)
        << "},\n  \"nodes\": [";
    const std::vector<std::string> paths = qualified_names(nodes, size);
    for (std::size_t i = 0; i < size; ++i) {
        const layer_record& r = nodes[i];
        const bool leaf = !is_structure(r.kind);
        const bool marker = r.kind == kind::block_begin || r.kind == kind::merge_begin || r.kind == kind::block_end ||
                            r.kind == kind::merge_end;
        out << (i == 0 ? "\n" : ",\n") << "    {\"index\": " << i << ", \"kind\": \"" << json_kind(r) << "\"";
        if (r.how != merge::none) out << ", \"merge\": \"" << name_of(r.how) << "\"";
        out << ", \"name\": " << json_string(r.name) << ", \"path\": " << json_string(paths[i]) << ", \"leaf\": " << (leaf ? std::to_string(r.index) : "null")
            << ", \"depth\": " << r.depth << ", \"match\": " << (marker ? std::to_string(r.match) : "null")
            << ", \"description\": " << json_string(describe(r)) << ", \"input\": " << json_shape(r.input)
            << ", \"output\": " << json_shape(r.output) << ", " << counts(r) << ", \"peak\": " << r.peak
            << ", \"receptive_field\": " << json_field(r.receptive) << ", \"spec\": {\"units\": " << r.units
            << ", \"kernel\": " << json_pair(r.kernel) << ", \"stride\": " << json_pair(r.stride)
            << ", \"pad\": " << json_pair(r.pad) << ", \"dilation\": " << json_pair(r.dilation)
            << ", \"groups\": " << r.groups << ", \"bias\": " << (r.bias ? "true" : "false")
            << ", \"ceil_mode\": " << (r.ceil ? "true" : "false") << ", \"per_pixel\": "
            << (r.per_pixel ? "true" : "false") << ", \"function\": "
            << (r.fn == function::none ? std::string("null") : json_string(name_of(r.fn)))
            << ", \"first\": " << r.first << "}}";
    }
    out << "\n  ]\n}\n";
}

}  // namespace netshape::format
