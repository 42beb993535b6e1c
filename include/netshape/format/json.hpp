// netshape/format/json.hpp: every node and every total as JSON.
//
// Schema "netshape-summary/2" (keys are the figures' names; a shape is its dims by rank: [c],
// [l, c], [h, w, c] or [d, h, w, c]; a receptive field's values are integers, or "n/d" strings
// when the network upsamples):
// {
//   "schema": "netshape-summary/2",
//   "input_shape":  [h, w, c], "output_shape": [h, w, c],
//   "totals": {"params", "weights", "biases", "buffers", "macs", "activations", "peak_activations":
//              integers, "receptive_field": {"height", "width", "jump_height", "jump_width", and on a
//              volume network (a D×H×W×C input) "depth", "jump_depth"}},
//   "max_depth": null, or n for summary<Net>().depth(n): nodes nested deeper than n are left out
//                (a block at depth n keeps its begin and end markers, with its totals),
//   "nodes": [ every node in order, markers included (an "index" is the node's in the whole network):
//     {"index": i, "kind": "conv2d" | ... | "sequential" | "merge" | "branch" | "end",
//      "merge": "concat" | "add" | "multiply" | "output" (merge markers) | "shared" (a shared<"tag", B>'s
//      block markers), "name": string, or null when unnamed,
//      "path": the qualified name ("layer1.0.conv1"; "" for an unnamed leaf),
//      "leaf": its index in layers<Net> (leaves) or null, "depth": nesting level,
//      "match": index of the matching begin/end marker (markers) or null,
//      "repeat_of": only on the nodes of a shared block's repeat, the index of the same node in the first use,
//      "description": "conv 11×11/4, 96", "input_shape": [h, w, c], "output_shape": [h, w, c],
//      "weights", "biases", "params", "buffers", "macs", "activations", "peak_activations": integers,
//      "receptive_field": {...},
//      "spec": {"units", "kernel": [h, w], "stride": [h, w], "pad": [h, w], "dilation": [h, w],
//               "groups", "bias", "ceil_mode", "per_pixel", "function", "first",
//               and only where the kind has them: "output_padding": [h, w] (conv_transpose1d, 2d, 3d),
//               "along_depth": {"kernel", "stride", "pad", "dilation", "output_padding"} (the 3-D kinds:
//               the window along the depth; an adaptive 3-D pool's "kernel" is its output depth),
//               "pad_end": [bottom, right] (zero_pad, neg_inf_pad, whose "pad" is [top, left]),
//               "grid": [t, h, w] (the token-grid kinds: multiscale_attention, grid_max_pool,
//               separable_position_embedding), "window": {"kernel", "stride", "pad": [t, h, w]}
//               (grid_max_pool), "kernel_q", "stride_q", "kernel_kv", "stride_kv": [t, h, w] and
//               "residual_pool", "relative_position" (multiscale_attention, whose "kernel" and
//               "stride" are its query pool's and "pad" the query pool's padding, kernel / 2),
//               "interpolation": "nearest" | "bilinear" and "align_corners" (upsample, resize),
//               "exclude_pad" (avg_pool, avg_pool1d, avg_pool3d),
//               "affine" and "track_running_stats" (instance_norm): each kind's rule declares
//               these, its spec_keys (spec_keys.hpp)}} ]
// }
// Begin markers carry their block's totals; end markers repeat the block's output.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include <netshape/format/core.hpp>

namespace netshape::format {

// The helpers are function templates: a program compiles them (and the std::string members and
// cat instantiations they use) only when it writes JSON (docs/design.md: the printer's compile cost).
template <class T = void> [[gnu::cold]] string_for<T> json_string(const char* s) {
    if (s == nullptr) return "null";
    string_for<T> out = "\"";
    for (const char* p = s; *p != '\0'; ++p) {
        const char c = *p;
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += cat<string_for<T>>("\\u00", hex_byte<string_for<T>>(c));
        } else {
            out += c;
        }
    }
    return out + '"';
}
template <class T = void> [[gnu::cold]] string_for<T> json_string(const string_for<T>& s) { return json_string<T>(s.c_str()); }

template <class T = void> [[gnu::cold]] string_for<T> json_shape(const shape& s) {
    if (s.rank == 1) return cat<string_for<T>>("[", s.channels, "]");
    if (s.rank == 2) return cat<string_for<T>>("[", s.width, ", ", s.channels, "]");
    if (s.rank == 4) return cat<string_for<T>>("[", s.depth, ", ", s.height, ", ", s.width, ", ", s.channels, "]");
    return cat<string_for<T>>("[", s.height, ", ", s.width, ", ", s.channels, "]");
}
template <class T = void> [[gnu::cold]] string_for<T> json_ratio(const fraction& f) {
    return f.denominator == 1 ? std::to_string(f.numerator) : cat<string_for<T>>("\"", f.numerator, "/", f.denominator, "\"");
}
template <class T = void> [[gnu::cold]] string_for<T> json_pair(const hw& v) {
    return cat<string_for<T>>("[", v.height, ", ", v.width, "]");
}
/// `volume`: the network's input is a volume, and the field has a depth.
template <class T = void> [[gnu::cold]] string_for<T> json_triple(const dhw& v) {
    return cat<string_for<T>>("[", v.depth, ", ", v.height, ", ", v.width, "]");
}
template <class T = void> [[gnu::cold]] string_for<T> json_field(const field& f, bool volume = false) {
    return cat<string_for<T>>("{\"height\": ", json_ratio<T>(f.height), ", \"width\": ", json_ratio<T>(f.width),
               ", \"jump_height\": ", json_ratio<T>(f.jump_height), ", \"jump_width\": ", json_ratio<T>(f.jump_width),
               volume ? cat<string_for<T>>(", \"depth\": ", json_ratio<T>(f.depth), ", \"jump_depth\": ", json_ratio<T>(f.jump_depth)) : string_for<T>(),
               "}");
}

template <class T = void> [[gnu::cold]] const char* json_kind(const layer_record& r, const char* kind_name) {
    switch (r.kind) {
        case kind::merge_begin: return "merge";
        case kind::block_end:
        case kind::merge_end: return "end";
        default: return kind_name;
    }
}

/// A spec key's value (spec_keys.hpp) as JSON.
template <class T = void> [[gnu::cold]] string_for<T> json_value(const spec& s, const spec_key& k) {
    const dhw v = k.form == key_form::pair || k.form == key_form::triple ? detail::extent_of(s, k) : dhw{};
    switch (k.form) {
        case key_form::number: return std::to_string(detail::number_of(s, k.field));
        case key_form::pair: return json_pair<T>(hw{v.height, v.width});
        case key_form::triple: return json_triple<T>(v);
        case key_form::flag: return (s.mode & k.bit) != 0 ? "true" : "false";
        case key_form::choice: return json_string<T>((s.mode & k.bit) != 0 ? k.on : k.off);
        default: {  // depth_axis
            const depth_axis& d = s.along_depth;
            return cat<string_for<T>>("{\"kernel\": ", d.kernel, ", \"stride\": ", d.stride, ", \"pad\": ", d.pad, ", \"dilation\": ", d.dilation,
                       ", \"output_padding\": ", d.output_padding, "}");
        }
    }
}

/// A node's "spec": the keys every node has, then its kind's own (kind_rule::spec_keys): a key of a
/// common name replaces that key's value, the others follow in the kind's order, and consecutive
/// keys "outer.inner" make one object "outer". The keys after the common ones were added to
/// netshape-summary/2 after its first release, so that a reader of the first keys reads every file alike.
template <class T = void> [[gnu::cold]] string_for<T> json_spec(const layer_record& r) {
    const auto flag = [](bool on) { return string_for<T>(on ? "true" : "false"); };
    constexpr std::size_t common = 11;
    static constexpr const char* names[common] = {"units", "kernel", "stride", "pad", "dilation", "groups",
                                                  "bias", "ceil_mode", "per_pixel", "function", "first"};
    string_for<T> values[common] = {std::to_string(r.units), json_pair<T>(r.kernel), json_pair<T>(r.stride), json_pair<T>(r.pad),
                                  json_pair<T>(r.dilation), std::to_string(r.groups), flag(r.bias), flag(r.ceil), flag(r.per_pixel),
                                  r.fn == function::none ? string_for<T>("null") : json_string<T>(name_of(r.fn)), std::to_string(r.first)};
    const kind_extras& extras = extras_of(r.kind);
    string_for<T> own, outer;  // the kind's keys; the object they are in ("" for none)
    for (std::size_t i = 0; i < extras.key_count; ++i) {
        const spec_key& k = extras.keys[i];
        const string_for<T> key = k.key;
        std::size_t c = 0;
        while (c < common && key != names[c]) ++c;
        if (c < common) {
            values[c] = json_value<T>(r, k);
            continue;
        }
        const std::size_t dot = key.find('.');
        const string_for<T> in = dot == string_for<T>::npos ? string_for<T>() : key.substr(0, dot);
        if (in != outer) own += cat<string_for<T>>(outer.empty() ? "" : "}", in.empty() ? "" : cat<string_for<T>>(", \"", in, "\": {"));
        const bool opens = !in.empty() && in != outer;  // the first key inside its object
        own += cat<string_for<T>>(opens ? "" : ", ", "\"", in.empty() ? key : key.substr(dot + 1), "\": ", json_value<T>(r, k));
        outer = in;
    }
    if (!outer.empty()) own += "}";
    string_for<T> out = "{";
    for (std::size_t c = 0; c < common; ++c) out += cat<string_for<T>>(c == 0 ? "" : ", ", "\"", names[c], "\": ", values[c]);
    return out + own + "}";
}

/// `depth`: nodes nested deeper are left out (summary<Net>().depth(n)); see "max_depth" above.
template <class T = void>
[[gnu::cold]] void write_json(std::ostream& out, const listing& listed, std::size_t depth = all_levels) {
    const layer_record* const nodes = listed.nodes;
    const std::size_t size = listed.size;
    const layer_record& total = *listed.total;
    const bool volume = total.input_shape.rank == 4;
    const auto counts = [](const layer_record& r) {
        return cat<string_for<T>>("\"weights\": ", r.weights, ", \"biases\": ", r.biases, ", \"params\": ", r.params,
                   ", \"buffers\": ", r.buffers, ", \"macs\": ", r.macs, ", \"activations\": ", r.activations);
    };
    out << "{\n  \"schema\": \"netshape-summary/2\",\n  \"input_shape\": " << json_shape<T>(total.input_shape)
        << ",\n  \"output_shape\": " << json_shape<T>(total.output_shape) << ",\n  \"totals\": {" << counts(total)
        << ", \"peak_activations\": " << total.peak_activations << ", \"receptive_field\": " << json_field<T>(total.receptive_field, volume)
        << "},\n  \"max_depth\": " << (depth == all_levels ? string_for<T>("null") : std::to_string(depth))
        << ",\n  \"nodes\": [";
    cells paths(1);
    put_qualified_names(paths, nodes, size);
    bool first = true;
    for (std::size_t i = 0; i < size; ++i) {
        const layer_record& r = nodes[i];
        if (r.depth > depth) continue;
        const bool leaf = !is_structure(r.kind);
        const bool marker = r.kind == kind::block_begin || r.kind == kind::merge_begin || r.kind == kind::block_end ||
                            r.kind == kind::merge_end;
        out << (first ? "\n" : ",\n") << "    {\"index\": " << i << ", \"kind\": \"" << json_kind<T>(r, listed.words[i].kind) << "\"";
        first = false;
        if (r.how != merge::none) out << ", \"merge\": \"" << name_of(r.how) << "\"";
        out << ", \"name\": " << (has_name(r) ? json_string<T>(r.name) : "null") << ", \"path\": " << json_string<T>(string_for<T>(paths.at(i, 0))) << ", \"leaf\": " << (leaf ? std::to_string(r.index) : "null")
            << ", \"depth\": " << r.depth << ", \"match\": " << (marker ? std::to_string(r.match) : "null")
            << (r.repeat_of != no_node ? cat<string_for<T>>(", \"repeat_of\": ", r.repeat_of) : string_for<T>())
            << ", \"description\": " << json_string<T>(describe<string_for<T>>(r, listed.words[i].description)) << ", \"input_shape\": " << json_shape<T>(r.input_shape)
            << ", \"output_shape\": " << json_shape<T>(r.output_shape) << ", " << counts(r)
            << ", \"peak_activations\": " << r.peak_activations << ", \"receptive_field\": " << json_field<T>(r.receptive_field, volume) << ", \"spec\": " << json_spec<T>(r) << "}";
    }
    out << "\n  ]\n}\n";
}

}  // namespace netshape::format
