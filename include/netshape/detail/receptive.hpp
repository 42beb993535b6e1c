// netshape/detail/receptive.hpp: the exact receptive field of a network that upsamples.
//
// The forward recurrence (r += (span − 1)·j, j *= step: the layers' rules and interpret.hpp) gives
// every position of a map the widest reach of any, which is exact while every position of a map
// sees the same extent: in a network that only goes down. Once a map goes up (a transposed
// convolution, upsample, resize, pixel_shuffle) its positions see different extents by their phase,
// and after several steps down and up the widest output combines phases the recurrence does not
// follow. Here the figure is worked out from its definition instead (docs/figures.md, "Receptive
// field"): per axis (height, width, and a volume's depth), for each output position o of one period
// of the network's index map, the
// interval [lo, hi] of input positions o depends on is walked back through every layer's own index
// map, exactly, in integers; the field is the widest hi − lo + 1, and the jump (output stride) how
// far the interval moves per output position over a period. Phases too many for one constant
// evaluation are walked in chunks, each its own evaluation (long_axis).
//
// Image borders are ignored, as by the recurrence: every map is extended over all integers
// (padding only places windows), so the figure is the extent of an interior output's support, and
// may exceed the input (AlexNet's 355 of 227).
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <netshape/detail/checked.hpp>
#include <netshape/detail/nodes.hpp>
#include <netshape/index_map.hpp>
#include <netshape/kind_rule.hpp>
#include <netshape/kinds.hpp>
#include <netshape/layer_record.hpp>

namespace netshape::detail {

/// How a walk ends: a whole-number field, or a reason it could not be worked out exactly (too_long:
/// exact, but more phases than one constant evaluation walks: see long_axis).
enum class walk_status : unsigned char { exact, unsupported, overflow, too_long };

/// What a walk back from one output position gives: the interval of input positions, the output
/// stride (the input positions per output position along the way, the widest at merges), and the
/// period: the fewest outputs after which every layer's map repeats.
struct walk_result {
    span input{};
    ratio stride{};
    wide period = 1;
    walk_status status = walk_status::exact;
};

/// Bounds on the walk's numbers: positions, strides and periods stay far below 2^63, so that every
/// product above fits 128 bits.
inline constexpr wide walk_limit = wide(1) << 40;

constexpr bool within(const span& s) { return s.empty || (s.lo > -walk_limit && s.lo < walk_limit && s.hi > -walk_limit && s.hi < walk_limit); }

/// The smallest P with P·a/b a multiple of q (a/b in lowest terms): P ∈ (q·b / gcd(q·b, a))·ℤ.
constexpr wide period_for(const ratio& shift, wide q) {
    if (shift.num == 0) return 1;
    const wide qb = q * shift.den;
    const wide a = shift.num < 0 ? -shift.num : shift.num;
    return qb / gcd(qb, a);
}

constexpr wide lcm(wide a, wide b) { return a / gcd(a, b) * b; }

/// Walks one axis back from output positions `from` of node `last` (a network's last node; with
/// `side`, the merge_end of a side output, whose head is then walked) to the input, or to the input
/// of node `stop` (a top-level node). Other side outputs met on the way are skipped: the main path
/// goes on from their input. Without `track`, only the interval is followed (the walks of further
/// phases, which the first one's period and stride already serve).
constexpr walk_result walk_back(const layer_record* nodes, const kind_maps& km, std::size_t last, bool side, int axis, span from,
                                std::size_t stop = 0, bool track = true) {
    struct open_merge {
        span out{};        // the merge's output interval
        ratio out_step{};  // and its shift per output position
        count_t extent = 0;  // the merge's output extent
        span hull{0, 0, true};
        ratio widest{0, 1};
    };
    constexpr std::size_t depth_limit = 64;
    open_merge stack[depth_limit]{};
    std::size_t top = 0;
    walk_result w{};
    span cur = from;
    ratio shift{1, 1};  // input positions of the current tensor per output position of the network
    // Entering a branch (walking back from `end`, the merge's end or the next branch's marker): its
    // own last tensor; a branch broadcast along the axis (one position where the merge has more)
    // reads its position 0 for every output.
    const auto enter = [&](const open_merge& f, std::size_t end) {
        const layer_record& before = nodes[end - 1];
        const bool empty_branch = before.kind == kind::branch;
        const shape last_out = empty_branch ? before.input_shape
                               : (before.kind == kind::merge_end && before.how == merge::output) ? before.input_shape
                                                                                                 : before.output_shape;
        if (!empty_branch && along(last_out, axis) == 1 && f.extent > 1) {
            cur = f.out.empty ? f.out : span{0, 0, false};
            shift = ratio{0, 1};
        } else {
            cur = f.out;
            shift = f.out_step;
        }
    };
    for (std::size_t i = last + 1; i-- > stop;) {
        const layer_record& r = nodes[i];
        if (((km.kept >> static_cast<unsigned>(r.kind)) & 1u) != 0) continue;  // most nodes: nothing to map (kind_rule::positions)
        if (r.kind == kind::branch && top == 0) {
            // A branch of a merge that encloses the side output walked: its input is the merge's.
            for (std::size_t open = 0; i-- > 0;) {
                if (nodes[i].kind == kind::merge_end) ++open;
                else if (nodes[i].kind == kind::merge_begin && open-- == 0) break;
            }
            continue;
        }
        if (r.kind == kind::merge_end) {
            if (r.how == merge::output && !(side && i == last)) {  // a side output: not on this path
                i = r.match;
                continue;
            }
            if (top == depth_limit) return walk_result{{}, {}, 1, walk_status::unsupported};
            open_merge& f = stack[top++];
            f = open_merge{cur, shift, along(r.output_shape, axis), span{0, 0, true}, ratio{0, 1}};
            enter(f, i);
        } else if (r.kind == kind::branch) {
            open_merge& f = stack[top - 1];
            if (!cur.empty) {
                if (f.hull.empty || cur.lo < f.hull.lo) f.hull.lo = cur.lo;
                if (f.hull.empty || cur.hi > f.hull.hi) f.hull.hi = cur.hi;
                f.hull.empty = false;
            }
            if (shift.num * f.widest.den > f.widest.num * shift.den) f.widest = shift;
            if (nodes[i - 1].kind != kind::merge_begin) enter(f, i);
        } else if (r.kind == kind::merge_begin) {
            const open_merge& f = stack[--top];
            cur = f.hull;
            shift = f.widest.num == 0 ? f.out_step : f.widest;
        } else if (!is_structure(r.kind)) {
            const leaf_map m = km.map[static_cast<std::size_t>(r.kind)](r, axis, cur);  // its rule's (kind_rule::map)
            if (!m.known) return walk_result{{}, {}, 1, walk_status::unsupported};
            if (!cur.empty) cur = m.in;
            if (track && (m.step.num != 1 || m.step.den != 1)) {  // its map repeats every m.step.den outputs: the network's period makes each a multiple
                w.period = lcm(w.period, period_for(shift, m.step.den));
                shift = reduced(shift.num * m.step.num, shift.den * m.step.den);
                if (w.period >= walk_limit || shift.num >= walk_limit || shift.den >= walk_limit)
                    return walk_result{{}, {}, 1, walk_status::overflow};
            }
            if (!within(cur)) return walk_result{{}, {}, 1, walk_status::overflow};
        }
    }
    w.period = lcm(w.period, period_for(shift, 1));  // whole positions at the input
    w.input = cur;
    w.stride = shift;
    return w;
}

/// Nodes times phases one axis may walk in one constant evaluation (each phase a pass over the
/// nodes): both axes of an image stay within clang's default of 2^20 constant-evaluation steps (a
/// volume's three axes share the same total). Beyond, the phases are walked in chunks, each chunk its
/// own constant evaluation (long_axis), up to chunk_limit chunks; beyond that, the recurrence's figure.
inline constexpr wide walk_budget = wide(1) << 13;
inline constexpr std::size_t chunk_limit = 64;

/// One axis of the exact field: the widest support over one period of outputs, and the stride;
/// `too_long`: exact, but more phases than one evaluation walks (see long_axis).
struct axis_field {
    fraction size{};
    fraction jump{};
    walk_status status = walk_status::exact;
};

/// The last leaf at the top level (outside every block) that goes up, or 0: where a long period is
/// split (see outline_axis).
constexpr std::size_t last_top_up(const layer_record* nodes, std::size_t last) {
    for (std::size_t i = last + 1; i-- > 1;)
        if (nodes[i].depth == 0 && goes_up(nodes[i])) return i;
    return 0;
}

/// One axis's walk before its phases: the whole walk from output 0 gives the period and the stride,
/// unless it is split at the last top-level up step L (a resize from 33 to 520 positions repeats
/// every 520 outputs). The part before L repeats with its own (short) period P' (stride j'), so what
/// it reads from an interval at L's input depends only on the interval's start modulo P' and its
/// width: each such pair (a key) is walked once, each phase walks only the part from L (P'', j'').
/// The network repeats every P outputs when P·j'' (the shift at L's input) is a multiple of P', and P
/// of P''.
struct axis_outline {
    std::size_t split = 0;
    wide period = 1;
    wide before_period = 1;
    fraction jump{};
    walk_status status = walk_status::exact;
    /// Nodes one job walks: a phase through the whole network, or a key through the part before L.
    [[nodiscard]] constexpr wide job_cost(std::size_t last) const { return wide(split != 0 ? split : last + 1); }
};

constexpr axis_outline outline_axis(const layer_record* nodes, const kind_maps& km, std::size_t last, bool side, int axis) {
    axis_outline o{last_top_up(nodes, last)};
    const walk_result first = walk_back(nodes, km, last, side, axis, span{0, 0, false}, o.split);
    if (first.status != walk_status::exact) return axis_outline{0, 1, 1, {}, first.status};
    walk_result before{};
    if (o.split != 0) {
        before = walk_back(nodes, km, o.split - 1, false, axis, span{0, 0, false});
        if (before.status != walk_status::exact) return axis_outline{0, 1, 1, {}, before.status};
    }
    o.before_period = before.period;
    o.period = lcm(first.period, period_for(first.stride, before.period));
    const ratio stride = reduced(first.stride.num * before.stride.num, first.stride.den * before.stride.den);
    // The phases of the part from L are walked in one evaluation (the keys' search).
    if (o.period >= walk_limit || (o.split != 0 && o.period * wide(last + 1 - o.split) > walk_budget) ||
        !reduce(stride.num, stride.den, o.jump))
        o.status = walk_status::overflow;
    return o;
}

/// The jobs of one axis: with a split, the distinct keys (start modulo P', width) at L's input; the
/// phases 0 .. P − 1 otherwise (not stored). More than Capacity keys: `too_long`.
template <std::size_t Capacity>
struct axis_jobs {
    axis_outline outline{};
    wide starts[Capacity]{};
    wide widths[Capacity]{};
    std::size_t count = 0;
    walk_status status = walk_status::exact;
};

template <std::size_t Capacity>
constexpr axis_jobs<Capacity> jobs_of(const layer_record* nodes, const kind_maps& km, std::size_t last, bool side, int axis, const axis_outline& o) {
    axis_jobs<Capacity> j{o};
    if (o.split == 0) {
        j.count = std::size_t(o.period);
        return j;
    }
    // The part from L is most often L alone (a network ending in its resize): its map, without a walk.
    const bool alone = o.split == last && !side && !is_structure(nodes[last].kind);
    for (wide p = 0; p < o.period; ++p) {
        const walk_result at = alone ? walk_result{km.map[static_cast<std::size_t>(nodes[last].kind)](nodes[last], axis, span{p, p, false}).in, {}, 1, walk_status::exact}
                                     : walk_back(nodes, km, last, side, axis, span{p, p, false}, o.split, false);
        if (at.status != walk_status::exact) {
            j.status = at.status;
            return j;
        }
        if (at.input.empty) continue;
        const wide start = at.input.lo - floor_div(at.input.lo, o.before_period) * o.before_period;
        const wide width = at.input.hi - at.input.lo;
        bool seen = false;  // neighbouring phases read the same interval: the latest keys first
        for (std::size_t k = j.count; k-- > 0 && !seen;) seen = j.starts[k] == start && j.widths[k] == width;
        if (seen) continue;
        if (j.count == Capacity) {
            j.status = walk_status::too_long;
            return j;
        }
        j.starts[j.count] = start;
        j.widths[j.count++] = width;
    }
    // A walk maps a larger interval to a larger one: a key whose interval lies in another's (shifted
    // by a multiple of P') reads no wider, and is dropped (a bilinear resize's single positions, which
    // the pairs of the phases beside them contain: only the keys found just before and after are
    // compared; a key kept needlessly costs a walk, nothing else).
    constexpr std::size_t near = 3;
    std::size_t kept = 0;
    for (std::size_t k = 0; k < j.count; ++k) {
        bool inside = false;
        for (std::size_t m = k > near ? k - near : 0; m < j.count && m <= k + near && !inside; ++m) {
            if (m == k) continue;
            const wide from = j.starts[m] + floor_div(j.starts[k] - j.starts[m], o.before_period) * o.before_period;
            inside = j.starts[k] + j.widths[k] <= from + j.widths[m];
        }
        if (inside) continue;
        j.starts[kept] = j.starts[k];
        j.widths[kept++] = j.widths[k];
    }
    j.count = kept;
    return j;
}

/// The widest support of jobs [from, to) (−1: a walk that failed).
template <std::size_t Capacity>
constexpr wide widest_of(const layer_record* nodes, const kind_maps& km, std::size_t last, bool side, int axis, const axis_jobs<Capacity>& j,
                         std::size_t from, std::size_t to) {
    wide widest = 0;
    for (std::size_t k = from; k < to; ++k) {
        const walk_result w = j.outline.split == 0
                                  ? walk_back(nodes, km, last, side, axis, span{wide(k), wide(k), false}, 0, false)
                                  : walk_back(nodes, km, j.outline.split - 1, false, axis,
                                              span{j.starts[k], j.starts[k] + j.widths[k], false}, 0, false);
        if (w.status != walk_status::exact) return -1;
        if (!w.input.empty && w.input.hi - w.input.lo + 1 > widest) widest = w.input.hi - w.input.lo + 1;
    }
    return widest;
}

constexpr axis_field field_of(wide widest, const axis_outline& o) {
    if (widest < 0 || !fits(widest)) return axis_field{{}, {}, walk_status::overflow};
    return axis_field{fraction(count_t(widest)), o.jump, walk_status::exact};
}

/// One axis in one evaluation, within `budget` node walks: the widest support over one period of
/// outputs, and the stride; `too_long` when the jobs need more (long_axis walks them in chunks).
constexpr axis_field exact_axis(const layer_record* nodes, const kind_maps& km, std::size_t last, bool side, int axis, wide budget) {
    const axis_outline o = outline_axis(nodes, km, last, side, axis);
    if (o.status != walk_status::exact) return axis_field{{}, {}, o.status};
    // With a split, at least min(P, P') keys.
    const wide least = o.split == 0 ? o.period : (o.period < o.before_period ? o.period : o.before_period);
    if (least * o.job_cost(last) > budget) return axis_field{{}, {}, walk_status::too_long};
    const axis_jobs<64> j = jobs_of<64>(nodes, km, last, side, axis, o);
    if (j.status != walk_status::exact) return axis_field{{}, {}, j.status};
    if (wide(j.count) * o.job_cost(last) > budget) return axis_field{{}, {}, walk_status::too_long};
    return field_of(widest_of(nodes, km, last, side, axis, j, 0, j.count), o);
}

/// Whether every node reads the same along height and width (a square network): then the width's
/// walk is the height's.
template <std::size_t N>
constexpr bool square(const std::array<layer_record, N>& nodes) {
    for (const layer_record& r : nodes)
        if (r.kernel.height != r.kernel.width || r.stride.height != r.stride.width || r.pad.height != r.pad.width ||
            r.dilation.height != r.dilation.width || r.input_shape.height != r.input_shape.width ||
            r.output_shape.height != r.output_shape.width)
            return false;
    return true;
}

/// Every output's walk in one evaluation: its last node (side: a side output's merge_end) and each
/// axis (depth only on a volume) as far as one evaluation goes.
template <std::size_t Count>
struct first_walks {
    std::array<std::size_t, Count> last{};
    std::array<bool, Count> side{};
    std::array<std::array<axis_field, 3>, Count> axes{};
    bool volume = false;
    bool square = false;
};

template <std::size_t Count, std::size_t N>
constexpr first_walks<Count> walk_outputs(const std::array<layer_record, N>& all) {
    // g++ copies a whole constexpr array on every read of one of its elements (see interpret.hpp's
    // run_whole): the walks read a local copy, made once.
    const std::array<layer_record, N> nodes = all;
    const kind_maps km = kind_maps_of<std::conditional_t<N == N, void, void>>;  // built where a walk runs only
    first_walks<Count> w{};
    if constexpr (N == 0) return w;
    w.volume = nodes[0].input_shape.rank == 4;
    w.square = square(nodes);
    const int axes = w.volume ? 3 : 2;
    std::size_t next = 0;
    for (std::size_t i = 0; i < N && next + 1 < Count; ++i)
        if (nodes[i].kind == kind::merge_begin && nodes[i].how == merge::output) {
            w.last[next] = nodes[i].match;
            w.side[next++] = true;
        }
    w.last[Count - 1] = N - 1;
    for (std::size_t k = 0; k < Count; ++k)
        for (int a = 0; a < axes; ++a)
            w.axes[k][std::size_t(a)] = exact_axis(nodes.data(), km, w.last[k], w.side[k], a, 2 * walk_budget / axes);
    return w;
}

/// An axis too long for one evaluation, walked in chunks: `Source::nodes` the network's records. The
/// plan (one evaluation) finds the jobs; chunk C (one evaluation each) walks jobs [C·n, (C + 1)·n),
/// n the jobs one evaluation's budget walks; the field is the widest of the chunks'.
template <class Source, std::size_t Last, bool Side, int Axis>
struct long_axis {
    static constexpr std::size_t capacity = 1024;
    static constexpr auto plan = [] {
        const auto nodes = Source::nodes;
        const kind_maps km = kind_maps_of<std::conditional_t<sizeof(Source) != 0, void, void>>;
        const axis_outline o = outline_axis(nodes.data(), km, Last, Side, Axis);
        if (o.status != walk_status::exact) {
            axis_jobs<capacity> j{o};
            j.status = o.status;
            return j;
        }
        return jobs_of<capacity>(nodes.data(), km, Last, Side, Axis, o);
    }();
    static constexpr std::size_t per_chunk = [] {
        const wide n = walk_budget / plan.outline.job_cost(Last);  // half the first pass's: a margin for clang's steps
        return n < 1 ? std::size_t(1) : std::size_t(n);
    }();
    static constexpr std::size_t chunks = (plan.count + per_chunk - 1) / per_chunk;
    template <std::size_t Chunk>
    static constexpr wide widest = [] {
        const auto nodes = Source::nodes;
        const kind_maps km = kind_maps_of<std::conditional_t<sizeof(Source) != 0, void, void>>;
        const axis_jobs<capacity> j = plan;
        const std::size_t to = (Chunk + 1) * per_chunk < j.count ? (Chunk + 1) * per_chunk : j.count;
        return widest_of(nodes.data(), km, Last, Side, Axis, j, Chunk * per_chunk, to);
    }();
    static constexpr axis_field value = [] {
        if constexpr (plan.status != walk_status::exact || chunks > chunk_limit) {
            return axis_field{{}, {}, plan.status != walk_status::exact ? plan.status : walk_status::overflow};
        } else {
            return []<std::size_t... C>(std::index_sequence<C...>) {
                wide w = 0;
                for (const wide c : {wide(0), widest<C>...}) {
                    if (c < 0) return axis_field{{}, {}, walk_status::overflow};
                    if (c > w) w = c;
                }
                return field_of(w, plan.outline);
            }(std::make_index_sequence<chunks>{});
        }
    }();
};

/// One output's exact field from its walks (the chunked ones where one evaluation was too short);
/// `recurrence` unchanged where the walk does not apply.
template <class Source, const auto& Walks, std::size_t K>
constexpr void finish_output(field& f) {
    constexpr std::size_t last = Walks.last[K];
    constexpr bool side = Walks.side[K];
    std::array<axis_field, 3> a = Walks.axes[K];
    if constexpr (Walks.axes[K][0].status == walk_status::too_long) a[0] = long_axis<Source, last, side, 0>::value;
    if constexpr (Walks.axes[K][1].status == walk_status::too_long) {
        if constexpr (Walks.square) a[1] = a[0];
        else a[1] = long_axis<Source, last, side, 1>::value;
    }
    if constexpr (Walks.axes[K][2].status == walk_status::too_long) a[2] = long_axis<Source, last, side, 2>::value;
    for (const axis_field& x : a)
        if (x.status != walk_status::exact) return;
    f.height = a[0].size;
    f.width = a[1].size;
    f.jump_height = a[0].jump;
    f.jump_width = a[1].jump;
    if (Walks.volume) {
        f.depth = a[2].size;
        f.jump_depth = a[2].jump;
    }
}

template <class Source, std::size_t Count>
struct exact_walks {
    static constexpr first_walks<Count> first = walk_outputs<Count>(Source::nodes);
};

/// Every output's exact field in place (`fields` in the order of output_fields<Net>: side outputs
/// as their output<> markers come, the main path's last), each from the recurrence's where the walk
/// does not apply (a kind it does not model, such as attention; or a period too long to walk at
/// compile time). `Source::nodes`: the network's records (a static constexpr array).
template <class Source, std::size_t Count>
constexpr void exact_fields(std::array<field, Count>& fields) {
    [&]<std::size_t... K>(std::index_sequence<K...>) {
        (finish_output<Source, exact_walks<Source, Count>::first, K>(fields[K]), ...);
    }(std::make_index_sequence<Count>{});
}

}  // namespace netshape::detail
