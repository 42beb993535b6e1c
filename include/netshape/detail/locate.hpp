// netshape/detail/locate.hpp: the path and description of the node where a rule broke, for the
// diagnostic (errors.hpp's location). Worked out only for a network that breaks a rule.
#pragma once

#include <cstddef>
#include <utility>

#include <netshape/detail/interpret.hpp>
#include <netshape/detail/nodes.hpp>
#include <netshape/errors.hpp>
#include <netshape/kinds.hpp>

namespace netshape::detail {

/// Copies `from` into `out` as ASCII ("×" becomes "x", any other non-ASCII character "?"): g++
/// prints a template argument's bytes above 127 as octal escapes. At most `most` characters: a
/// longer path keeps its end (the most particular part) after "..".
constexpr void ascii(char (&out)[location::capacity + 1], const text& from, std::size_t most, bool keep_end) {
    char all[text::capacity + 1]{};
    std::size_t n = 0;
    for (const char* s = from.c_str(); *s != '\0'; ++s) {
        const auto c = static_cast<unsigned char>(*s);
        if (c < 0x80) all[n++] = *s;
        else if ((c & 0xC0) == 0xC0) all[n++] = c == 0xC3 && static_cast<unsigned char>(s[1]) == 0x97 ? 'x' : '?';
    }
    std::size_t size = 0, first = 0;
    if (n > most && keep_end) {
        out[size++] = '.';
        out[size++] = '.';
        first = n - (most - 2);
    }
    for (std::size_t i = first; i < n && size < most; ++i) out[size++] = all[i];
}

/// The path of node `at` (its blocks' and its own names, or positions where unnamed) and its
/// description, for input `input`, among the n nodes. The input itself (a broken input<>) is at no
/// node (npos); the network's totals (a sum that overflows) after the last (n).
constexpr location locate(const node* nodes, std::size_t n, std::size_t at, const shape& input) {
    location where{};
    text path, layer;
    if (at == npos || at >= n) {
        if (at == npos) layer << "input " << input.height << "x" << input.width << "x" << input.channels;
        else layer << "the network's totals";
        ascii(where.layer, layer, location::shown, false);
        return where;
    }
    constexpr std::size_t deepest = 64;  // levels shown; a path is cut at capacity long before
    std::size_t opened[deepest]{};  // the begin marker of each open block
    std::size_t positions[deepest]{};
    std::size_t next[deepest + 1]{};  // the next child's position at each level
    std::size_t depth = 0;
    const auto level = [](std::size_t d) { return d < deepest ? d : deepest - 1; };
    const auto segment = [&](const char* name, std::size_t position) {
        if (path.size() > 0) path << ".";
        if (name[0] != '\0') path << name;
        else path << position;
    };
    for (std::size_t i = 0; i <= at; ++i) {
        const kind k = nodes[i].what->kind;
        if (k == kind::block_begin || k == kind::merge_begin) {
            opened[level(depth)] = i;
            positions[level(depth)] = next[level(depth)]++;
            next[level(++depth)] = 0;
        } else if ((k == kind::block_end || k == kind::merge_end) && i < at) {
            --depth;
        } else if (!is_structure(k) && i < at) {
            ++next[level(depth)];
        }
    }
    // The node's blocks (for a marker, the block itself), then a leaf's own name or position.
    for (std::size_t d = 0; d < depth && d < deepest; ++d) segment(nodes[opened[d]].name, positions[d]);
    const spec& s = *nodes[at].what;
    if (!is_structure(s.kind)) segment(nodes[at].name, next[level(depth)]);
    if (is_structure(s.kind)) {  // a merge's or block's marker: the block it ends or belongs to
        const spec& block = *nodes[opened[level(depth > 0 ? depth - 1 : 0)]].what;
        if (block.kind == kind::merge_begin && block.how == merge::output) layer << "side output";
        else if (block.kind == kind::merge_begin) layer << name_of(block.how) << " of " << block.branches;
        else if (block.how == merge::shared) layer << "shared " << block.name;  // shared<Tag, B>: its tag
        else layer << "sequential";
    } else {
        layer_record r{};
        static_cast<spec&>(r) = s;
        r.input_shape = input;
        layer = description(r);
    }
    ascii(where.path, path, location::shown, true);
    ascii(where.layer, layer, location::shown, false);
    return where;
}

/// The window of node `at` (kernel, stride, padding, dilation as its spec holds them; 1s for the
/// input and the totals).
constexpr window window_of(const node* nodes, std::size_t n, std::size_t at) {
    if (at == npos || at >= n) return window{1, 1, 0, 1};
    const spec& s = *nodes[at].what;
    return window{s.kernel, s.stride, s.pad, s.dilation};
}

constexpr std::size_t length(const char* s) {
    std::size_t k = 0;
    while (s[k] != '\0') ++k;
    return k;
}

/// The last `shown` characters of a location's path, as a type.
template <location L, std::size_t First, std::size_t... I>
path<L.path[First + I]...> spell(std::index_sequence<I...>);
template <location L, std::size_t shown>
using spelled = decltype(spell<L, (length(L.path) > shown ? length(L.path) - shown : 0)>(
    std::make_index_sequence<(length(L.path) > shown ? shown : length(L.path))>{}));

/// The diagnostic's `where<...>` for a location and window (errors.hpp).
#if defined(__clang__)
template <location L, window W>
using where_of = where<spelled<L, path_shown>, W>;
#else
template <location L, window W>
using where_of = where<L>;
#endif

}  // namespace netshape::detail
