// netshape/arena.hpp: the static memory plan of one forward pass, at compile time.
//
//   static_assert(netshape::arena<Net, netshape::plan{.element_bytes = 1}>.bytes <= 256 * 1024);
//   alignas(16) std::byte buffer[netshape::arena<Net>.bytes];
//
// Every stored tensor of one forward pass of one image (the input, and every node's output that is
// a new tensor under the activations convention, docs/figures.md) gets an offset in one buffer, such
// that two tensors alive at the same step never overlap. Steps are the indices of nodes<Net>: step i
// runs node i. A tensor lives from the step that writes it (the input: step 0) to the last step that
// reads it; the network's outputs (the main path's and every output<Head>'s) live to the last step.
// docs/arena.md defines every option and measures the plans on the zoo.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <netshape/detail/checked.hpp>
#include <netshape/netshape.hpp>

namespace netshape {

/// How the arena is planned: a structural type, given as a template argument
/// (`arena<Net, plan{.element_bytes = 1, .concat_in_place = true}>`).
struct plan {
    count_t element_bytes = 4;    // bytes of one element: 4 (float32), 2 (float16), 1 (int8)
    count_t alignment = 16;       // every tensor's offset and size are multiples of it (a power of two)
    bool concat_in_place = false;  // a concat's branches write straight into their slice of its output
    bool add_in_place = false;     // add and multiply write their output over an input that dies there
    bool im2col = false;           // each conv2d also holds its im2col scratch while it runs
};

/// The writer of the network's input (no node writes it), and "no tensor" for arena_tensor::within.
inline constexpr std::size_t arena_input = static_cast<std::size_t>(-1);
inline constexpr std::size_t no_tensor = static_cast<std::size_t>(-1);

/// One tensor of the plan: the node that writes it (an index into nodes<Net>, or arena_input), its
/// place in the buffer, and its lifetime in steps (node indices, both ends included).
struct arena_tensor {
    std::size_t writer = arena_input;
    count_t offset = 0;
    count_t bytes = 0;  // its elements times element_bytes, rounded up to the alignment
    std::size_t first = 0;
    std::size_t last = 0;
    /// The tensor whose bytes hold this one's, when the plan shares them on purpose: an add or
    /// multiply written over its input (add_in_place), or a concat's branch written into its slice
    /// of the concat's output (concat_in_place). Otherwise no_tensor: its bytes are its own.
    std::size_t within = no_tensor;
    bool scratch = false;  // a convolution's im2col buffer (im2col): alive at its writer's step only
    bool output = false;   // an output of the network: alive to the last step
};

/// A network's plan: `bytes` (the buffer it needs: the end of the highest tensor), `lower_bound`
/// (the most bytes alive at one step: no plan can be smaller), `naive` (every tensor its own bytes,
/// no reuse), and `tensors`, the input first and the others in the order of their writers.
template <std::size_t Count>
struct arena_plan {
    count_t bytes = 0;
    count_t lower_bound = 0;
    count_t naive = 0;
    std::array<arena_tensor, Count> tensors{};
};

namespace detail {

/// What the planner reads of a node: node_step (interpret.hpp), written by a pass of the
/// interpreter that keeps no records.
using arena_step = node_step;

/// The running value: the tensor that holds it and how many of its elements it is (a view such as
/// channel_slice is part of its tensor).
struct arena_value {
    std::size_t tensor = 0;
    wide elements = 0;
};

struct arena_frame {
    arena_value input{};
    std::size_t values = 0;  // where its finished branches' values begin in the value stack
    count_t seen = 0;        // branches begun
    count_t branches = 0;
    merge how = merge::none;
    bool is_merge = false;
};

/// A tensor while the plan is made: its record, its elements, and its place in the tensor that
/// holds it (`within`, at `relative` bytes).
struct arena_item {
    arena_tensor t{};
    wide elements = 0;
    count_t relative = 0;
};

/// Sorts `keys` (with `order` permuted alike) into ascending order: by insertion when short (a
/// group's neighbours, a handful), else a heap sort. The standard library's sort is in
/// <algorithm>, a header this one need not parse; the loops are written out (no lambda), since a
/// call is the constant evaluators' dearest statement.
constexpr void sort_by(wide* keys, std::size_t* order, std::size_t n) {
    if (n <= 16) {
        for (std::size_t i = 1; i < n; ++i) {
            const wide k = keys[i];
            const std::size_t o = order[i];
            std::size_t j = i;
            for (; j > 0 && k < keys[j - 1]; --j) {
                keys[j] = keys[j - 1];
                order[j] = order[j - 1];
            }
            keys[j] = k;
            order[j] = o;
        }
        return;
    }
    for (std::size_t end = n, start = n / 2;;) {
        // Build the heap (start > 0: sift start − 1 down), then move its top to the end, one by one.
        if (start > 0) {
            --start;
        } else {
            if (--end == 0) return;
            const wide k = keys[0];
            keys[0] = keys[end];
            keys[end] = k;
            const std::size_t o = order[0];
            order[0] = order[end];
            order[end] = o;
        }
        std::size_t root = start;
        while (2 * root + 1 < end) {
            std::size_t child = 2 * root + 1;
            if (child + 1 < end && keys[child] < keys[child + 1]) ++child;
            if (!(keys[root] < keys[child])) break;
            const wide k = keys[root];
            keys[root] = keys[child];
            keys[child] = k;
            const std::size_t o = order[root];
            order[root] = order[child];
            order[child] = o;
            root = child;
        }
    }
}

/// Puts order[0, n) in ascending order of keys[order[i]], equal keys in the order given: a
/// bottom-up merge sort through `spare` (n entries), one statement a move, where the heap sort
/// above takes about four (this is the placement's one sort of every unit).
constexpr void order_by(const wide* keys, std::size_t* order, std::size_t* spare, std::size_t n) {
    std::size_t* from = order;
    std::size_t* to = spare;
    bool in_spare = false;
    for (std::size_t width = 1; width < n; width *= 2) {
        for (std::size_t lo = 0; lo < n; lo += 2 * width) {
            const std::size_t mid = lo + width < n ? lo + width : n;
            const std::size_t hi = mid + width < n ? mid + width : n;
            std::size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) to[k++] = keys[from[j]] < keys[from[i]] ? from[j++] : from[i++];
            while (i < mid) to[k++] = from[i++];
            while (j < hi) to[k++] = from[j++];
        }
        std::size_t* const was = from;
        from = to;
        to = was;
        in_spare = !in_spare;
    }
    if (in_spare)
        for (std::size_t i = 0; i < n; ++i) order[i] = from[i];
}

/// The tensors of one forward pass and their lifetimes, from the node steps: the dataflow of the
/// activations convention (in-place kinds and views share their input's tensor), with the plan's
/// options. Returns the number of tensors written to `items` (see arena_of::capacity).
constexpr std::size_t arena_tensors(const arena_step* steps, std::size_t n, wide input, const plan& p,
                                    arena_item* items, std::size_t depth) {
    std::size_t count = 0;
    const auto make = [&](std::size_t writer, wide elements, std::size_t first) {
        arena_item& it = items[count];
        it.t.writer = writer;
        it.t.first = it.t.last = first;
        it.elements = elements;
        return count++;
    };
    arena_frame* stack = new arena_frame[depth + 1];
    arena_value* values = new arena_value[n + 1];
    std::size_t top = 0, held = 0;
    arena_value cur{make(arena_input, input, 0), input};
    // Is tensor t read after the current merge, other than through its result? It is when it is an
    // output, or the input of an enclosing merge that has branches still to begin, or of a side
    // output (the main path goes on from it).
    const auto needed_later = [&](std::size_t t) {
        if (items[t].t.output) return true;
        for (std::size_t j = 1; j <= top; ++j) {
            const arena_frame& f = stack[j];
            if (f.is_merge && f.input.tensor == t && (f.seen < f.branches || f.how == merge::output)) return true;
        }
        return false;
    };
    // The tensor whose bytes hold t's (itself when its bytes are its own), and t's place in it.
    const auto holder = [&](std::size_t t, count_t& at) {
        at = 0;
        while (items[t].t.within != no_tensor) {
            at += items[t].relative;
            t = items[t].t.within;
        }
        return t;
    };
    for (std::size_t i = 0; i < n; ++i) {
        const arena_step& s = steps[i];
        if (s.k < kind::block_begin) {
            items[cur.tensor].t.last = i;
            if (s.new_tensor) {
                if (p.im2col && s.scratch != 0) items[make(i, s.scratch, i)].t.scratch = true;
                cur = arena_value{make(i, s.out, i), s.out};
            } else {  // in place (its input's elements) or a view (part of its input's tensor)
                cur.elements = s.out;
            }
        } else if (s.k == kind::block_begin) {
            stack[++top] = arena_frame{};
        } else if (s.k == kind::merge_begin) {
            stack[++top] = arena_frame{cur, held, 0, s.branches, s.how, true};
        } else if (s.k == kind::branch) {
            arena_frame& f = stack[top];
            if (f.seen++ > 0) values[held++] = cur;
            cur = f.input;
        } else if (s.k == kind::block_end) {
            --top;
        } else {  // merge_end
            const arena_frame f = stack[top--];
            values[held++] = cur;
            const std::size_t begin = f.values;
            if (f.how == merge::output) {
                items[cur.tensor].t.output = true;
                cur = f.input;
            } else {
                for (std::size_t b = begin; b < held; ++b) items[values[b].tensor].t.last = i;
                std::size_t into = no_tensor;  // add and multiply in place: the input it writes over
                if (f.how != merge::concat && p.add_in_place) {
                    for (std::size_t b = begin; b < held && into == no_tensor; ++b) {
                        const std::size_t t = values[b].tensor;
                        if (values[b].elements == s.out && items[t].elements == s.out && !needed_later(t)) into = t;
                    }
                }
                const std::size_t out = make(i, s.out, i);
                if (into != no_tensor) items[out].t.within = into;
                if (f.how == merge::concat && p.concat_in_place) {
                    // Channels first (NCHW at batch 1): branch b's slice begins after the earlier
                    // branches' elements. A branch's tensor is written there when it is all of its
                    // tensor, dies here, sits whole at the start of what holds it (so that it can be
                    // moved with it), and its slice is aligned.
                    wide at = 0;
                    for (std::size_t b = begin; b < held; ++b) {
                        const std::size_t t = values[b].tensor;
                        count_t rel = 0;
                        const std::size_t h = holder(t, rel);
                        const wide offset = at * p.element_bytes;
                        if (values[b].elements == items[t].elements && h != out && rel == 0 &&
                            items[h].elements == items[t].elements && offset % p.alignment == 0 && !needed_later(t)) {
                            items[h].t.within = out;
                            items[h].relative = static_cast<count_t>(offset);
                        }
                        at += values[b].elements;
                    }
                }
                cur = arena_value{out, s.out};
            }
            held = begin;
        }
    }
    items[cur.tensor].t.output = true;
    for (std::size_t t = 0; t < count; ++t)
        if (items[t].t.output) items[t].t.last = n - 1;
    delete[] stack;
    delete[] values;
    return count;
}

/// A plan's figures, before its tensors are copied out.
struct arena_summary {
    count_t bytes = 0;
    count_t lower_bound = 0;
    count_t naive = 0;
    std::size_t count = 0;  // tensors
    bool overflow = false;
};

/// Which blocks live at the same time, from the sweep in order of their first steps (plan_arena):
/// block u's neighbours are neighbours[listed[at[u]]] to neighbours[listed[at[u] + 1] − 1] (those
/// that began before it) and by_first[at[u] + 1] to by_first[later[u] − 1] (those that began while
/// it lived).
struct sweep {
    const std::size_t* by_first = nullptr;
    const std::size_t* at = nullptr;
    const std::size_t* later = nullptr;
    const std::size_t* listed = nullptr;
    const std::size_t* neighbours = nullptr;
};

/// Offsets for `units` blocks of `size` bytes alive over [first, last]: greedy by size (Pisarchyk
/// and Lee, 2020): the largest first, each at the best-fitting gap among the blocks already placed
/// that are alive with it (or above them all; under a `ceiling`, other than 0, against it when it
/// fits there). Returns the buffer's size.
constexpr wide place_greedy(std::size_t units, const wide* size, const std::size_t* order, const sweep& w,
                            wide* offset, bool* placed, wide* keys, std::size_t* near, wide ceiling) {
    wide end = 0;
    for (std::size_t u = 0; u < units; ++u) placed[u] = false;
    for (std::size_t k = 0; k < units; ++k) {
        const std::size_t u = order[k];
        std::size_t m = 0;
        const std::size_t at = w.at[u];
        for (std::size_t e = w.listed[at]; e < w.listed[at + 1]; ++e) {
            const std::size_t v = w.neighbours[e];
            if (!placed[v]) continue;
            keys[m] = offset[v];
            near[m++] = v;
        }
        for (std::size_t j = at + 1; j < w.later[u]; ++j) {
            const std::size_t v = w.by_first[j];
            if (!placed[v]) continue;
            keys[m] = offset[v];
            near[m++] = v;
        }
        sort_by(keys, near, m);
        wide best = -1, best_gap = 0, top = 0;
        for (std::size_t j = 0; j < m; ++j) {
            const wide gap = keys[j] - top;
            if (gap >= size[u] && (best < 0 || gap < best_gap)) {
                best = top;
                best_gap = gap;
            }
            const wide e = keys[j] + size[near[j]];
            if (e > top) top = e;
        }
        // Under a ceiling (the lower bound), a block that fits above the others goes against it:
        // large blocks then alternate between the bottom and the top, as ping-pong buffers do.
        if (best < 0 && ceiling > 0 && top + size[u] <= ceiling && top > 0) best = ceiling - size[u];
        offset[u] = best >= 0 ? best : top;
        placed[u] = true;
        if (offset[u] + size[u] > end) end = offset[u] + size[u];
    }
    return end;
}

/// Placements tried until one reaches the lower bound: greedy by size under a ceiling at the lower
/// bound, then without it, greedy by breadth, and the squeaky wheel (plan_arena).
inline constexpr std::size_t arena_attempts = 12;

/// Plans the tensors: lifetimes, then offsets. Writes the tensors to `out` (at most `room`) and
/// returns the plan's figures and their count.
constexpr arena_summary plan_arena(const arena_step* steps, std::size_t n, wide input, const plan& p,
                                   arena_tensor* out, std::size_t depth, std::size_t attempt_first,
                                   std::size_t attempt_last, unsigned* boost, std::size_t room) {
    arena_summary result{};
    arena_item* items = new arena_item[room];
    const std::size_t count = arena_tensors(steps, n, input, p, items, depth);
    result.count = count;
    // Units: the tensors whose bytes are their own; the others lie inside one. A unit lives from
    // the first step any of its tensors is written to the last step any is read.
    std::size_t* unit_of = new std::size_t[count];
    std::size_t units = 0;
    for (std::size_t t = 0; t < count; ++t) {
        arena_item& it = items[t];
        const wide bytes = (it.elements * p.element_bytes + p.alignment - 1) / p.alignment * p.alignment;  // rounded up
        if (fits(bytes)) it.t.bytes = count_t(bytes);
        else result.overflow = true;
        unit_of[t] = it.t.within == no_tensor ? units++ : no_tensor;
    }
    wide* size = new wide[units];
    std::size_t* first = new std::size_t[units];
    std::size_t* last = new std::size_t[units];
    std::size_t* root = new std::size_t[count];  // the unit holding each tensor ...
    count_t* relative = new count_t[count];       // ... and where in it, in bytes
    for (std::size_t t = 0; t < count; ++t) root[t] = no_tensor;
    wide naive = 0;
    for (std::size_t t = 0; t < count; ++t) {
        const arena_tensor& own = items[t].t;
        if (root[t] == no_tensor && own.within == no_tensor) {  // a unit, not yet reached from inside
            const std::size_t u = unit_of[t];
            root[t] = u;
            relative[t] = 0;
            size[u] = own.bytes;
            first[u] = own.first;
            last[u] = own.last;
            naive += own.bytes;
            continue;
        }
        // Walk up to a tensor already resolved (or a unit), then resolve the path back down.
        std::size_t h = t;
        while (root[h] == no_tensor && items[h].t.within != no_tensor) h = items[h].t.within;
        if (root[h] == no_tensor) {
            root[h] = unit_of[h];
            relative[h] = 0;
            size[root[h]] = items[h].t.bytes;
            first[root[h]] = items[h].t.first;
            last[root[h]] = items[h].t.last;
            naive += items[h].t.bytes;
        }
        for (std::size_t g = t; root[g] == no_tensor; g = items[g].t.within) {
            count_t at = items[g].relative;
            std::size_t up = items[g].t.within;
            while (root[up] == no_tensor) {
                at += items[up].relative;
                up = items[up].t.within;
            }
            root[g] = root[up];
            relative[g] = relative[up] + at;
        }
        const std::size_t u = root[t];
        if (own.first < first[u]) first[u] = own.first;
        if (own.last > last[u]) last[u] = own.last;
    }
    // The lower bound: the most bytes of units alive at one step (`crowd`: the bytes alive at each).
    wide* delta = new wide[n + 1]();
    for (std::size_t u = 0; u < units; ++u) {
        delta[first[u]] += size[u];
        delta[last[u] + 1] -= size[u];
    }
    wide* crowd = new wide[n + 1];
    wide alive = 0, bound = 0;
    for (std::size_t s = 0; s < n; ++s) {
        crowd[s] = alive += delta[s];
        if (alive > bound) bound = alive;
    }
    // Which units live at the same time: a sweep in order of their first step, each unit meeting
    // the units still alive when it begins. The order is an insertion sort, stable: units are made
    // in the order of their writers, so they are in order already but where a concatenation holds
    // its branches (concat_in_place), whose unit begins at its first branch.
    std::size_t* by_first = new std::size_t[units + 1];
    for (std::size_t u = 0; u < units; ++u) {
        std::size_t k = u;
        for (; k > 0 && first[by_first[k - 1]] > first[u]; --k) by_first[k] = by_first[k - 1];
        by_first[k] = u;
    }
    // One pass: the units that began before the unit at sweep position k and still live (its
    // earlier neighbours, in the order they began) are neighbours[listed[k]] to
    // neighbours[listed[k + 1] − 1]; its later ones, the units that began while it lived, are
    // by_first[k + 1] to by_first[later[u] − 1] (a range: the sweep takes first steps in order).
    std::size_t* at = new std::size_t[units + 1];
    std::size_t* later = new std::size_t[units + 1];
    std::size_t* listed = new std::size_t[units + 1];
    std::size_t* active = new std::size_t[units + 1];
    std::size_t capacity = 4 * units + 1;
    std::size_t* neighbours = new std::size_t[capacity];
    std::size_t live = 0, edges = 0;
    for (std::size_t k = 0; k < units; ++k) {
        const std::size_t u = by_first[k];
        listed[k] = edges;
        if (edges + live > capacity) {  // room for every unit alive: twice as much
            capacity = 2 * (edges + live);
            std::size_t* grown = new std::size_t[capacity];
            for (std::size_t e = 0; e < edges; ++e) grown[e] = neighbours[e];
            delete[] neighbours;
            neighbours = grown;
        }
        std::size_t kept = 0;
        for (std::size_t a = 0; a < live; ++a) {
            const std::size_t v = active[a];
            if (last[v] < first[u]) continue;
            active[kept++] = v;
            neighbours[edges++] = v;
            later[v] = k + 1;
        }
        at[u] = k;
        later[u] = k + 1;
        active[kept] = u;
        live = kept + 1;
    }
    listed[units] = edges;
    // Greedy by size under a ceiling at the lower bound (place_greedy): the largest unit first; of
    // equal sizes, the longest-lived. Then, unless that reached the lower bound, greedy by size
    // without the ceiling; greedy by breadth (the units of the most crowded step first: a unit's
    // key is the most bytes alive at a step of its life, then its size); then the squeaky wheel:
    // every placement counts, for each unit, how often it ended above the lower bound (`boost`,
    // carried between evaluations), and the next takes the units by that count first, then by size.
    // The ceiling comes first since DenseNet's plans need it and take one placement so (measured:
    // 49 of the zoo's 50 default plans reach the bound at the first placement, 47 without it first).
    wide* keys = new wide[units + 1];
    std::size_t* order = new std::size_t[units + 1];
    std::size_t* spare = new std::size_t[units + 1];
    wide* offset = new wide[units];
    wide* best = new wide[units];
    bool* placed = new bool[units];
    std::size_t* near = new std::size_t[units + 1];
    wide end = -1;
    wide largest = 0;
    for (std::size_t u = 0; u < units; ++u) largest = size[u] > largest ? size[u] : largest;
    for (std::size_t attempt = attempt_first; attempt < attempt_last && end != bound; ++attempt) {
        // Attempts 0 and 1 take the same order: when 1 follows 0 in this evaluation, 0's is kept
        // (keys is place_greedy's scratch, order is not touched).
        if (attempt != 1 || attempt_first == 1) {
            for (std::size_t u = 0; u < units; ++u) {
                if (attempt == 0 || attempt == 1) {
                    keys[u] = -(size[u] * wide(n + 1) + wide(last[u] - first[u]));
                } else if (attempt == 2) {
                    wide busiest = 0;
                    for (std::size_t s = first[u]; s <= last[u]; ++s) busiest = crowd[s] > busiest ? crowd[s] : busiest;
                    keys[u] = -(busiest * (bound + 1) + size[u]);
                } else {
                    keys[u] = -(wide(boost[u]) * (largest + 1) + size[u]);
                }
                order[u] = u;
            }
            order_by(keys, order, spare, units);
        }
        const wide e = place_greedy(units, size, order, sweep{by_first, at, later, listed, neighbours}, offset, placed, keys, near,
                                    attempt != 1 ? bound : 0);
        // Squeaky wheel: a unit that ended above the lower bound goes earlier next time.
        for (std::size_t u = 0; u < units; ++u) boost[u] += offset[u] + size[u] > bound ? 1u : 0u;
        if (end < 0 || e < end) {
            end = e;
            for (std::size_t u = 0; u < units; ++u) best[u] = offset[u];
        }
    }
    delete[] crowd;
    for (std::size_t t = 0; t < count; ++t) {
        out[t] = items[t].t;
        out[t].offset = count_t(best[root[t]]) + relative[t];
    }
    result.bytes = fits(end) ? count_t(end) : 0;
    result.lower_bound = fits(bound) ? count_t(bound) : 0;
    result.naive = fits(naive) ? count_t(naive) : 0;
    result.overflow = result.overflow || !fits(end) || !fits(naive);
    delete[] near;
    delete[] placed;
    delete[] best;
    delete[] offset;
    delete[] spare;
    delete[] order;
    delete[] keys;
    delete[] neighbours;
    delete[] active;
    delete[] listed;
    delete[] later;
    delete[] at;
    delete[] by_first;
    delete[] delta;
    delete[] relative;
    delete[] root;
    delete[] last;
    delete[] first;
    delete[] size;
    delete[] unit_of;
    delete[] items;
    return result;
}

/// What the planner needs of Net: its parts' node array and counts, as analysis<Net> (figures.hpp)
/// has them, without the figures' totals pass, which analysis<Net> runs as soon as it is named
/// (its error report reads it): the planner's own pass (sized_at, below) tells it whether a rule
/// is broken, and only then is analysis<Net> named, to report it (arena_of::plannable). Not a
/// network: analysis<Net> reports that.
template <class Net>
struct planned : analysis<Net> {
    static constexpr bool evaluable = false;
};
template <class Input, class... L>
struct planned<network<Input, L...>> {
    static constexpr shape input = std::conditional_t<is_input<Input>::value, Input, netshape::input<1, 1, 1>>::value;
    static constexpr const shape_of_part& counts = joined<L...>::counts;
    static constexpr std::size_t size = counts.size;
    static constexpr bool evaluable = !counts.foreign() && is_input<Input>::value;
    static constexpr std::size_t depth = counts.depth;
    static constexpr std::size_t shared = counts.shared();
    static constexpr const auto& nodes = flattened<L...>::nodes;
    static constexpr std::size_t chunk_count = size == 0 ? 1 : (size + chunk_size - 1) / chunk_size;
};

/// The node steps of a network (A: planned<Net>) in chunks of chunk_size nodes (interpret.hpp),
/// chunk K resuming chunk K − 1: a pass that keeps no records (run_on with Sizes), the totals' own
/// loop writing one node_step a node.
template <class A, std::size_t K>
struct sized_at {
    static constexpr auto value = run_sized(sized_at<A, K - 1>::value.state, A::nodes, K * chunk_size);
};
template <class A>
struct sized_at<A, 0> {
    static constexpr auto value = run_sized(fresh_machine<A::depth, A::shared>(A::input), A::nodes, 0);
};

/// What the planner reads of every node of A: on g++ the one chunk's array; on clang the chunks'
/// arrays end to end (each read once: see nodes.hpp).
template <class A, std::size_t K>
constexpr void arena_steps_of(arena_step* steps) {
    const auto local = sized_at<A, K>::value.sizes;
    const std::size_t first = K * chunk_size;
    const std::size_t count = A::size - first < local.size() ? A::size - first : local.size();
    for (std::size_t j = 0; j < count; ++j) steps[first + j] = local[j];
}

template <class A, std::size_t... K>
constexpr auto arena_steps(std::index_sequence<K...>) {
    if constexpr (sizeof...(K) == 1) {
        return sized_at<A, 0>::value.sizes;
    } else {
        std::array<arena_step, A::size> steps{};
        (arena_steps_of<A, K>(steps.data()), ...);
        return steps;
    }
}

/// Reports a plan that cannot be made (in a function body reached through decltype, so that it is
/// the one error: see nodes.hpp).
template <plan Plan, std::size_t Nodes>
constexpr bool report_plan() {
    static_assert(Plan.element_bytes > 0, "netshape: an arena's element size must be at least one byte");
    static_assert(Plan.alignment > 0 && (Plan.alignment & (Plan.alignment - 1)) == 0,
                  "netshape: an arena's alignment must be a power of two");
    static_assert(Nodes > 0, "netshape: an arena needs a network with at least one layer");
    return Plan.element_bytes > 0 && Plan.alignment > 0 && (Plan.alignment & (Plan.alignment - 1)) == 0 && Nodes > 0;
}

/// Placements per constant evaluation of a network of `nodes` nodes. clang stops an evaluation after
/// 2^20 steps (-fconstexpr-steps; see interpret.hpp's chunk_size), and an evaluation of its own
/// works out the tensors and the sweep again, so there an evaluation makes as many placements as
/// fit in half that at 64 steps a node for the tensors and the sweep and 64 more for each placement
/// (DenseNet-121, 791 nodes, counted by bisecting -fconstexpr-steps: no evaluation of its plan
/// takes more than 30,667 steps when the planner stops before its first placement, 57,265 with
/// one placement), one at least; g++ makes them all in one. The plans do not depend
/// on it: the attempts are the same, in the same order.
constexpr std::size_t attempts_per_evaluation(std::size_t nodes) {
#if defined(__clang__)
    const std::size_t fit = (std::size_t(1) << 19) / (64 * (nodes + 1));  // the tensors and sweep, and placements
    return fit < 3 ? 1 : fit - 1 > arena_attempts ? arena_attempts : fit - 1;
#else
    static_cast<void>(nodes);
    return arena_attempts;
#endif
}

/// Whether the planner's pass over P's nodes broke no rule (Run: the pass may be made at all).
template <class P, bool Run>
inline constexpr bool steps_sound = false;
template <class P>
inline constexpr bool steps_sound<P, true> = sized_at<P, P::chunk_count - 1>::value.state.reg.error.broken == rule::none;

/// Whether Net is sound, given what the planner's pass found: when it broke a rule (or could not
/// run), analysis<Net> is named, and reports the rule as every figure does.
template <class Net, bool StepsSound>
inline constexpr bool plan_sound = analysis<Net>::sound;
template <class Net>
inline constexpr bool plan_sound<Net, true> = true;

template <class Net, plan Plan>
struct arena_of {
    using A = planned<Net>;
    static constexpr std::size_t per = attempts_per_evaluation(A::size);
    static constexpr bool valid = report_plan<Plan, A::size>();
    static constexpr bool plannable = valid && plan_sound<Net, steps_sound<A, valid && A::evaluable>>;
    // Tensors at most: the input, each leaf's output (and a conv2d's scratch, with im2col), each
    // merge's output (a merge is two of the markers, its begin and end, at least). Every slot is
    // value-initialized and copied with the plan, so not 2n + 1.
    static constexpr std::size_t capacity =
        plannable ? 1 + A::counts.leaves * (Plan.im2col ? 2 : 1) + (A::size - A::counts.leaves) / 2 : 1;
    struct made {
        arena_summary summary{};
        std::array<arena_tensor, capacity> tensors{};
        std::array<unsigned, capacity> boost{};  // each unit's count of placements above the lower bound
    };
    /// Placements [K·per, (K + 1)·per) of the plan, each evaluation on its own (carrying the
    /// squeaky wheel's counts from the one before).
    static constexpr auto steps = [] {  // once, whatever the placements
        if constexpr (plannable) return arena_steps<A>(std::make_index_sequence<A::chunk_count>{});
        else return std::array<arena_step, 0>{};
    }();
    template <std::size_t K>
    static constexpr made make_attempt() {
        made m{};
        if constexpr (plannable) {
            if constexpr (K > 0) m.boost = attempt<K - 1>.boost;
            const auto local = steps;  // g++ copies a static constexpr array on every element read
            m.summary = plan_arena(local.data(), A::size, elements(A::input), Plan, m.tensors.data(), A::depth,
                                   K * per, (K + 1) * per, m.boost.data(), capacity);
        }
        return m;
    }
    template <std::size_t K>
    static constexpr made attempt = make_attempt<K>();
    /// The smallest plan of evaluations K and after, stopping at one that reaches the lower bound.
    template <std::size_t K>
    static constexpr const made& best() {
        constexpr const made& here = attempt<K>;
        if constexpr ((K + 1) * per >= arena_attempts ||
                      here.summary.bytes == here.summary.lower_bound) {
            return here;
        } else {
            constexpr const made& later = best<K + 1>();
            if constexpr (later.summary.bytes < here.summary.bytes) return later;
            else return here;
        }
    }
    static constexpr const made& work = best<0>();
    static_assert(!work.summary.overflow, "netshape: the arena's size does not fit in 64 bits");
    static constexpr bool usable = plannable && !work.summary.overflow;
};

/// The plan of a network that breaks a rule, or of a plan that cannot be made: that has been
/// reported, and its figures compare true with anything (figures.hpp), so that the user's own
/// assertions on them add no second error.
struct unknown_plan {
    unknown bytes{0};
    unknown lower_bound{0};
    unknown naive{0};
    unknown tensors{0};
};

template <class Net, plan Plan, bool = arena_of<Net, Plan>::usable>
struct arena_result {
    using A = arena_of<Net, Plan>;
    // Read once each: g++ copies the whole static constexpr object (every tensor slot) on every
    // read of one of its members, so a loop bound read from A::work would copy it once a tensor.
    static constexpr arena_summary summary = A::work.summary;
    static constexpr arena_plan<summary.count> value = [] {
        arena_plan<summary.count> p{summary.bytes, summary.lower_bound, summary.naive, {}};
        const auto local = A::work.tensors;
        for (std::size_t t = 0; t < summary.count; ++t) p.tensors[t] = local[t];
        return p;
    }();
};
template <class Net, plan Plan>
struct arena_result<Net, Plan, false> {
    static constexpr unknown_plan value{};
};

}  // namespace detail

/// The static memory plan of Net's forward pass under Plan: `.bytes`, `.lower_bound`, `.naive` and
/// `.tensors` (each: `.writer`, `.offset`, `.bytes`, `.first`, `.last`, `.within`, `.scratch`,
/// `.output`). A constexpr object; docs/arena.md has the definitions.
template <class Net, plan Plan = plan{}>
inline constexpr const auto& arena = detail::arena_result<Net, Plan>::value;

/// memory<Net>(options) (memory.hpp) with `inference_arena` filled: parameters and buffers at the
/// options' precision, plus `batch` times Plan's arena (a batch of B lays each tensor out B times
/// larger, so every offset scales by B). The activations take Plan's element size, not the
/// options' precision: `memory<Net, plan{.element_bytes = 2}>({.precision = precision::fp16})`.
/// Against `inference_peak`, the plain peak, it counts each tensor once where the peak counts a
/// merge's held input once more for each branch's first layer, and it adds the alignment and
/// whatever gaps the plan leaves (none when `bytes` equals `lower_bound`, as on the whole zoo).
template <class Net, plan Plan>
constexpr memory_estimate memory(memory_options o = {}) {
    memory_estimate m = memory<Net>(o);
    const detail::wide total = detail::wide(m.parameters) + m.buffers + detail::wide(o.batch) * count_t(arena<Net, Plan>.bytes);
    if (!detail::fits(total)) detail::memory_rule_broken<"netshape: memory estimate overflows 64 bits">(memory_rule::overflow);
    m.inference_arena = count_t(total);
    return m;
}

}  // namespace netshape
