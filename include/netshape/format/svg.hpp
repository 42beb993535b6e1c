// netshape/format/svg.hpp: the network's graph drawn as SVG, with no layout program.
//
// A network is series-parallel, so its drawing is a recursive box layout: a sequence stacks its
// items downwards; a merge (concat, add, multiply) puts its branches side by side and joins them in
// a circle; a side output (output<Head>) draws its head to the right, ending in an oval "output k",
// and the main path goes on from the head's input; a named block is a frame titled with its name;
// an identity branch is a plain edge. Every edge is labelled with the shape it carries, as in DOT
// (format/dot.hpp), and summary<Net>().depth(n) folds a block at depth n into one box, as there.
// Sizes are estimated from character counts (SVG cannot measure text before it is drawn), for a
// sans-serif font of 12 px. One font (Helvetica, then sans-serif) throughout.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include <netshape/format/core.hpp>

namespace netshape::format {

/// Text inside SVG or HTML: control characters made visible as in text tables (format::visible),
/// then &, <, > and " as entities.
template <class T = void> [[gnu::cold]] string_for<T> xml_text(std::string_view s) {
    string_for<T> out;
    for (const char c : visible<string_for<T>>(s)) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

namespace svg_detail {

// Layout constants, in px.
inline constexpr long char_width = 7, line_height = 15, pad = 10, gap = 30, side_gap = 24, circle = 28, frame = 10;

/// One item of the drawing: a box (a layer, or a folded block), a sequence, a merge of branches
/// or a side output.
struct item {
    enum class what { box, sequence, merge, side_output } type = what::sequence;
    growing<std::string> lines;      // box: its name (if any) and description; sequence: a frame's title
    growing<item> items;             // sequence: in order; merge: its branches; side output: its head
    shape output{};                  // what leaves the item (a merge: its result; a side output: its head's)
    std::size_t side = 0;            // side output: its index in output_shapes<Net>
    std::string merged;              // merge: "concat", "add", ...
    long w = 0, h = 0;
};

template <class T = void> [[gnu::cold]] long text_width(const string_for<T>& s) { return static_cast<long>(width(visible<string_for<T>>(s))) * char_width; }

/// The items of nodes [from, to): a leaf or folded block is a box, a block a sequence (framed when
/// named), a merge its branches (split at its branch markers) and an identity nothing.
template <class T = void> [[gnu::cold]] growing<item> parse(const listing& listed, std::size_t from, std::size_t to, std::size_t depth,
                               std::size_t& sides) {
    const layer_record* const nodes = listed.nodes;
    growing<item> out;
    for (std::size_t i = from; i < to; ++i) {
        const layer_record& r = nodes[i];
        const bool block = r.kind == kind::block_begin || r.kind == kind::merge_begin;
        if (r.kind == kind::identity || r.kind == kind::branch || r.kind == kind::block_end || r.kind == kind::merge_end)
            continue;
        if (block && r.match == i + 1) {  // an empty sequential<>
            i = r.match;
            continue;
        }
        const bool folded = block && r.depth >= depth;
        if (!block || folded) {
            item b{item::what::box, {}, {}, r.output_shape, 0, {}, 0, 0};
            const string_for<T> what = grouped<string_for<T>>(describe<string_for<T>>(r, listed.words[i].description)) + (folded ? " …" : "");
            if (has_name(r) && what != r.name) b.lines.push_back(r.name);
            b.lines.push_back(what);
            if (folded && r.how == merge::output) {
                item s{item::what::side_output, {}, {}, r.output_shape, sides++, {}, 0, 0};
                s.items.push_back(b);
                out.push_back(s);
            } else {
                out.push_back(b);
            }
            if (folded) i = r.match;
            continue;
        }
        if (r.kind == kind::block_begin) {
            item s{item::what::sequence, {}, parse<T>(listed, i + 1, r.match, depth, sides), r.output_shape, 0, {}, 0, 0};
            if (has_name(r)) s.lines.push_back(r.name);
            if (!s.items.empty() || !s.lines.empty()) out.push_back(s);
            i = r.match;
            continue;
        }
        // A merge: one sequence per branch, the branches delimited by their markers.
        item m{r.how == merge::output ? item::what::side_output : item::what::merge, {}, {}, r.output_shape, 0,
               name_of(r.how), 0, 0};
        if (r.how == merge::output) m.side = sides++;
        std::size_t j = i + 1;
        while (j < r.match) {
            std::size_t end = j + 1;  // the next branch marker of this merge, or its end
            while (end < r.match && nodes[end].kind != kind::branch) {
                const bool nested = nodes[end].kind == kind::block_begin || nodes[end].kind == kind::merge_begin;
                end = nested ? nodes[end].match + 1 : end + 1;
            }
            item branch{item::what::sequence, {}, parse<T>(listed, j + 1, end, depth, sides), {}, 0, {}, 0, 0};
            m.items.push_back(branch);
            j = end;
        }
        item framed{item::what::sequence, {}, {}, r.output_shape, 0, {}, 0, 0};
        framed.items.push_back(m);
        if (has_name(r)) framed.lines.push_back(r.name);
        out.push_back(has_name(r) ? framed : m);
        i = r.match;
    }
    return out;
}

/// A side output's head column: its head, or its oval "output k" where that is wider.
template <class T = void> [[gnu::cold]] long side_column(const item& head) { return head.w > 4 * circle ? head.w : 4 * circle; }

/// Each item's width and height, bottom up.
template <class T = void> [[gnu::cold]] void measure(item& it) {
    for (item& c : it.items) measure<T>(c);
    switch (it.type) {
        case item::what::box:
            for (const string_for<T>& l : it.lines) it.w = text_width<T>(l) + 2 * pad > it.w ? text_width<T>(l) + 2 * pad : it.w;
            it.h = static_cast<long>(it.lines.size()) * line_height + pad;
            break;
        case item::what::sequence: {
            long w = 0, h = 0;
            for (const item& c : it.items) {
                w = c.w > w ? c.w : w;
                h += c.h + (h > 0 ? gap : 0);
            }
            const bool framed = !it.lines.empty();
            if (framed) {
                w = text_width<T>(it.lines.front()) > w ? text_width<T>(it.lines.front()) : w;
                w += 2 * frame;
                h += 2 * frame + line_height + (it.items.empty() ? 0 : gap / 2);
            }
            it.w = w > side_gap ? w : side_gap;  // an empty branch (identity) is a column of its own
            it.h = h;
            break;
        }
        case item::what::merge: {
            long w = 0, h = 0;
            for (const item& c : it.items) {
                w += c.w + (w > 0 ? side_gap : 0);
                h = c.h > h ? c.h : h;
            }
            it.w = w > circle ? w : circle;
            it.h = gap + h + gap + circle;
            break;
        }
        case item::what::side_output: {
            const item& head = it.items.front();
            it.w = 2 * (side_column<T>(head) + side_gap);  // the head right of the main path's column
            it.h = gap + head.h + gap + circle;
            break;
        }
    }
}

struct point {
    long x = 0, y = 0;
    shape s{};
};

/// The SVG of items placed at (x, y), each fed from `in`; returns where the path leaves them. A
/// template, so that only a program that draws compiles its members (docs/design.md).
template <class T = void>
struct drawing {
    string_for<T> frames, edges, shapes;  // drawn in this order: frames behind edges, boxes in front

    /// An edge from a point to (x, y), labelled with the shape it carries. Bent (down, across,
    /// down) where the ends are not aligned: across near its source when it fans out of a merge's
    /// input, near its target (`late`) when it fans into a merge, so that it crosses no branch.
    void edge(const point& from, long x, long y, bool bend = false, bool late = false) {
        const auto n = [](long v) { return std::to_string(v); };
        if (bend && from.x != x) {
            const long across = late ? y - gap / 2 : from.y + gap / 2;
            edges += cat<string_for<T>>("<polyline points=\"", n(from.x), ",", n(from.y), " ", n(from.x), ",", n(across), " ", n(x), ",", n(across), " ",
                         n(x), ",", n(y), "\" class=\"edge\"/>\n");
        } else {
            edges += cat<string_for<T>>("<line x1=\"", n(from.x), "\" y1=\"", n(from.y), "\" x2=\"", n(x), "\" y2=\"", n(y), "\" class=\"edge\"/>\n");
        }
        // The label: beside a straight edge's middle; a bent edge's just above its target, or, fanning
        // in, just below its source.
        const long lx = (bend ? (late ? from.x : x) : (from.x + x) / 2) + 4;
        const long ly = !bend ? (from.y + y) / 2 + 4 : late ? from.y + 12 : y - 6;
        edges += cat<string_for<T>>("<text x=\"", n(lx), "\" y=\"", n(ly), "\" class=\"shape\">", xml_text<T>(dims<string_for<T>>(from.s)), "</text>\n");
    }

    void text_lines(const growing<string_for<T>>& lines, long cx, long top) {
        for (std::size_t k = 0; k < lines.size(); ++k)
            shapes += cat<string_for<T>>("<text x=\"", std::to_string(cx), "\" y=\"", std::to_string(top + pad / 2 + line_height * static_cast<long>(k + 1) - 3),
                          "\" text-anchor=\"middle\"", k + 1 < lines.size() ? " class=\"name\"" : "", ">", xml_text<T>(lines[k]), "</text>\n");
    }

    point place(const item& it, long x, long y, const point& in) {
        const long cx = x + it.w / 2;
        switch (it.type) {
            case item::what::box:
                edge(in, cx, y, in.x != cx);
                shapes += cat<string_for<T>>("<rect x=\"", std::to_string(x), "\" y=\"", std::to_string(y), "\" width=\"", std::to_string(it.w),
                              "\" height=\"", std::to_string(it.h), "\" rx=\"6\" class=\"layer\"/>\n");
                text_lines(it.lines, cx, y);
                return {cx, y + it.h, it.output};
            case item::what::sequence: {
                point at = in;
                long top = y;
                if (!it.lines.empty()) {
                    frames += cat<string_for<T>>("<rect x=\"", std::to_string(x), "\" y=\"", std::to_string(y), "\" width=\"", std::to_string(it.w),
                                  "\" height=\"", std::to_string(it.h), "\" class=\"block\"/>\n");
                    shapes += cat<string_for<T>>("<text x=\"", std::to_string(cx), "\" y=\"", std::to_string(y + frame + line_height - 3),
                                  "\" text-anchor=\"middle\" class=\"name\">", xml_text<T>(it.lines.front()), "</text>\n");
                    top += frame + line_height + gap / 2;
                }
                for (const item& c : it.items) {
                    at = place(c, cx - c.w / 2, top, at);  // centred on the column exactly
                    top += c.h + gap;
                }
                return at;
            }
            case item::what::merge: {
                growing<point> ends;
                long left = x + (it.w - [&] {
                    long w = 0;
                    for (const item& c : it.items) w += c.w + (w > 0 ? side_gap : 0);
                    return w;
                }()) / 2;
                long inner = 0;
                for (const item& c : it.items) inner = c.h > inner ? c.h : inner;
                for (const item& c : it.items) {
                    if (c.items.empty() && c.lines.empty()) {  // identity: a plain edge down its column
                        const long col = left + c.w / 2;
                        edge(in, col, y + gap + inner, true);
                        ends.push_back({col, y + gap + inner, in.s});
                    } else {
                        ends.push_back(place(c, left, y + gap, in));
                    }
                    left += c.w + side_gap;
                }
                const long cy = y + gap + inner + gap;
                for (const point& e : ends) edge(e, cx, cy, e.x != cx, true);
                shapes += cat<string_for<T>>("<circle cx=\"", std::to_string(cx), "\" cy=\"", std::to_string(cy + circle / 2), "\" r=\"", std::to_string(circle / 2),
                              "\" class=\"merge\"/>\n<text x=\"", std::to_string(cx), "\" y=\"", std::to_string(cy + circle / 2 + 4),
                              "\" text-anchor=\"middle\" class=\"shape\">", it.merged == "concat" ? "cat" : it.merged == "add" ? "+" : "×",
                              "</text>\n");
                return {cx, cy + circle, it.output};
            }
            case item::what::side_output: {
                const item& head = it.items.front();
                const long column = side_column<T>(head), hx = cx + side_gap + (column - head.w) / 2;
                const bool empty = head.type == item::what::sequence && head.items.empty() && head.lines.empty();
                if (empty) edge(in, hx + head.w / 2, y + gap, true);  // output<identity>: the input itself
                const point end = empty ? point{hx + head.w / 2, y + gap, in.s} : place(head, hx, y + gap, in);
                const long oy = y + gap + head.h + gap;
                edge(end, end.x, oy);
                shapes += cat<string_for<T>>("<ellipse cx=\"", std::to_string(end.x), "\" cy=\"", std::to_string(oy + circle / 2), "\" rx=\"",
                              std::to_string(circle * 2), "\" ry=\"", std::to_string(circle / 2), "\" class=\"io\"/>\n<text x=\"",
                              std::to_string(end.x), "\" y=\"", std::to_string(oy + circle / 2 + 4), "\" text-anchor=\"middle\">output ",
                              std::to_string(it.side), "</text>\n");
                return in;  // the main path goes on from the head's input
            }
        }
        return in;
    }
};

}  // namespace svg_detail

/// The graph as one <svg> element (embeddable in HTML, or a file of its own).
template <class T = void> [[gnu::cold]] void write_svg(std::ostream& out, const listing& listed, std::size_t depth = all_levels) {
    const layer_record& total = *listed.total;
    using namespace svg_detail;
    std::size_t sides = 0;
    item root{item::what::sequence, {}, parse<T>(listed, 0, listed.size, depth, sides), total.output_shape, 0, {}, 0, 0};
    measure<T>(root);
    const long oval = circle, margin = 20;
    const long io_w = [&] {
        const long in = text_width<T>("input " + dims<string_for<T>>(total.input_shape)), last = text_width<T>("output " + dims<string_for<T>>(total.output_shape));
        return (in > last ? in : last) + 4 * pad;
    }();
    const long w = (root.w > io_w ? root.w : io_w) + 2 * margin + 2 * side_gap;
    const long cx = w / 2;
    drawing<T> d;
    const long top = margin + oval + gap;
    const point entry{cx, margin + oval, total.input_shape};
    point end = root.items.empty() ? entry : d.place(root, cx - root.w / 2, top, entry);
    const long bottom = (root.items.empty() ? margin + oval : top + root.h) + gap;
    d.edge(end, cx, bottom, end.x != cx);
    const long h = bottom + oval + margin;
    const auto io = [&](const string_for<T>& what, const shape& s, long y) {
        d.shapes += cat<string_for<T>>("<ellipse cx=\"", std::to_string(cx), "\" cy=\"", std::to_string(y + oval / 2), "\" rx=\"", std::to_string(io_w / 2),
                        "\" ry=\"", std::to_string(oval / 2), "\" class=\"io\"/>\n<text x=\"", std::to_string(cx), "\" y=\"",
                        std::to_string(y + oval / 2 + 4), "\" text-anchor=\"middle\">", what, " ", xml_text<T>(dims<string_for<T>>(s)), "</text>\n");
    };
    io("input", total.input_shape, margin);
    io("output", total.output_shape, bottom);
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << h << "\" viewBox=\"0 0 " << w << " " << h
        << "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        << "<style>.layer{fill:#fff;stroke:#333}.block{fill:#f4f6fa;stroke:#99a}.merge,.io{fill:#fff;stroke:#333}"
           ".edge{fill:none;stroke:#555}.shape{font-size:10px;fill:#555}.name{font-weight:bold}</style>\n"
        << d.frames << d.edges << d.shapes << "</svg>\n";
}

}  // namespace netshape::format
