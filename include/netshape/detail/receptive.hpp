// netshape/detail/receptive.hpp: the exact receptive field of a network that upsamples.
//
// The forward recurrence (r += (span − 1)·j, j *= step: the layers' rules and interpret.hpp) gives
// every position of a map the widest reach of any, which is exact while every position of a map
// sees the same extent: in a network that only goes down. Once a map goes up (a transposed
// convolution, upsample, resize, pixel_shuffle) its positions see different extents by their phase,
// and after several steps down and up the widest output combines phases the recurrence does not
// follow. Here the figure is worked out from its definition instead (docs/figures.md, "Receptive
// field"): per axis, for each output position o of one period of the network's index map, the
// interval [lo, hi] of input positions o depends on is walked back through every layer's own index
// map, exactly, in integers; the field is the widest hi − lo + 1, and the jump (output stride) how
// far the interval moves per output position over a period.
//
// Image borders are ignored, as by the recurrence: every map is extended over all integers
// (padding only places windows), so the figure is the extent of an interior output's support, and
// may exceed the input (AlexNet's 355 of 227).
#pragma once

#include <array>
#include <cstddef>

#include <netshape/detail/checked.hpp>
#include <netshape/detail/nodes.hpp>
#include <netshape/layer_record.hpp>

namespace netshape::detail {

/// ⌊a / b⌋ and ⌈a / b⌉ for b > 0, whatever a's sign.
constexpr wide floor_div(wide a, wide b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
constexpr wide ceil_div(wide a, wide b) { return -floor_div(-a, b); }

/// A ratio of whole numbers in lowest terms (den > 0); num 0: a map that sends every position to one.
struct ratio {
    wide num = 1;
    wide den = 1;
};

/// The interval [lo, hi] of positions of one axis of one tensor (empty: nothing).
struct span {
    wide lo = 0;
    wide hi = 0;
    bool empty = false;
};

/// How a walk ends: a whole-number field, or a reason it could not be worked out exactly.
enum class walk_status : unsigned char { exact, unsupported, overflow };


/// One axis of one leaf: `step` input positions per output position (n/m in lowest terms; its map
/// repeats every m outputs, shifted by n inputs), and the interval of inputs that [lo, hi] reads.
struct leaf_map {
    ratio step{};
    span in{};
    bool known = true;  // false: a kind whose index map this walk does not model
};

/// A's extent on one axis (0: height, 1: width).
constexpr count_t along(const hw& v, int axis) { return axis == 0 ? v.height : v.width; }
constexpr count_t along(const shape& s, int axis) { return axis == 0 ? s.height : s.width; }

constexpr ratio reduced(wide n, wide d) {
    const wide g = gcd(n < 0 ? -n : n, d);
    return g > 1 ? ratio{n / g, d / g} : ratio{n, d};
}

/// A window of `k` taps `d` apart, every `s` inputs, starting `p` before: convolutions, pooling,
/// pixel_unshuffle, and layers that see their whole input (k = s = the input's extent).
constexpr leaf_map window_map(const span& o, wide k, wide s, wide p, wide d) {
    return leaf_map{ratio{s, 1}, span{s * o.lo - p, s * o.hi - p + d * (k - 1), false}};
}

/// PyTorch's ConvTranspose2d along one axis: input i writes outputs s·i − p + t·d (t < k), so output
/// o reads the inputs i with s·i = o + p − t·d; some outputs read none when the taps leave gaps.
/// The first input some tap of which lands in [lo, hi], and the last, taken per tap.
constexpr leaf_map transposed_map(const span& o, wide k, wide s, wide p, wide d) {
    span in{0, 0, true};
    for (wide t = 0; t < k; ++t) {
        const wide first = ceil_div(o.lo + p - t * d, s), last = floor_div(o.hi + p - t * d, s);
        if (first > last) continue;
        if (in.empty || first < in.lo) in.lo = first;
        if (in.empty || last > in.hi) in.hi = last;
        in.empty = false;
    }
    return leaf_map{ratio{1, s}, in};
}

/// PyTorch's interpolation maps from `in` to `out` positions (upsample, resize): nearest reads
/// ⌊o·in/out⌋; bilinear reads ⌊src⌋ and ⌈src⌉ (the second has weight 0 where src is whole), src =
/// (o + ½)·in/out − ½, or with align_corners o·(in − 1)/(out − 1) (0 for a single output).
constexpr leaf_map interpolation_map(const span& o, wide in, wide out, unsigned char mode) {
    constexpr unsigned char bilinear = 1, aligned = 2;  // spec::mode's bits (resample.hpp)
    if ((mode & aligned) != 0) {
        if (out == 1) return leaf_map{ratio{0, 1}, span{0, 0, false}};
        const ratio st = reduced(in - 1, out - 1);
        return leaf_map{st, span{floor_div(o.lo * (in - 1), out - 1), ceil_div(o.hi * (in - 1), out - 1), false}};
    }
    const ratio st = reduced(in, out);
    if ((mode & bilinear) == 0) return leaf_map{st, span{floor_div(o.lo * in, out), floor_div(o.hi * in, out), false}};
    return leaf_map{st, span{floor_div((2 * o.lo + 1) * in - out, 2 * out), ceil_div((2 * o.hi + 1) * in - out, 2 * out), false}};
}

/// The kinds of sequences of tokens, whose index maps the walk does not model.
constexpr bool is_token_kind(kind k) {
    return k == kind::to_tokens || k == kind::class_token || k == kind::position_embedding ||
           k == kind::multi_head_attention || k == kind::select_token || k == kind::window_attention ||
           k == kind::cosine_window_attention || k == kind::grid_attention || k == kind::patch_merging;
}

/// One axis of leaf r: the inputs that outputs [o.lo, o.hi] read, and its step. Kinds that keep the
/// axis and read one position (element-wise functions, norms, channel operations) map o to o.
constexpr leaf_map map_of(const layer_record& r, int axis, const span& o) {
    switch (r.kind) {  // each case reads only what it needs: most nodes are element-wise
        case kind::conv2d:
        case kind::max_pool:
        case kind::avg_pool:
            return window_map(o, along(r.kernel, axis), along(r.stride, axis), along(r.pad, axis), along(r.dilation, axis));
        case kind::dense:
            if (r.per_pixel) break;
            return window_map(o, along(r.input_shape, axis), along(r.input_shape, axis), 0, 1);
        case kind::flatten: return window_map(o, along(r.input_shape, axis), along(r.input_shape, axis), 0, 1);
        case kind::pixel_unshuffle: return window_map(o, r.units, r.units, 0, 1);
        case kind::adaptive_avg_pool:
        case kind::adaptive_max_pool: {  // PyTorch's windows [⌊o·in/out⌋, ⌈(o + 1)·in/out⌉)
            const wide in = along(r.input_shape, axis), out = along(r.output_shape, axis);
            return leaf_map{reduced(in, out), span{floor_div(o.lo * in, out), ceil_div((o.hi + 1) * in, out) - 1, false}};
        }
        case kind::conv_transpose2d:
            return transposed_map(o, along(r.kernel, axis), along(r.stride, axis), along(r.pad, axis), along(r.dilation, axis));
        case kind::upsample:
        case kind::resize: return interpolation_map(o, along(r.input_shape, axis), along(r.output_shape, axis), r.mode);
        case kind::pixel_shuffle:
            return leaf_map{ratio{1, r.units}, span{floor_div(o.lo, r.units), floor_div(o.hi, r.units), false}};
        default: break;
    }
    // Tokens, and any kind that changes the axis without a map here: not modelled.
    return leaf_map{ratio{}, o, along(r.input_shape, axis) == along(r.output_shape, axis) && !is_token_kind(r.kind)};
}

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
constexpr walk_result walk_back(const layer_record* nodes, std::size_t last, bool side, int axis, span from,
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
            const leaf_map m = map_of(r, axis, cur);
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

/// Nodes times phases one axis may walk (each phase a pass over the nodes): beyond, the recurrence's
/// figure. Both axes' walks stay within clang's default of 2^20 constant-evaluation steps.
inline constexpr wide walk_budget = wide(1) << 13;

/// One axis of the exact field: the widest support over one period of outputs, and the stride.
struct axis_field {
    fraction size{};
    fraction jump{};
    walk_status status = walk_status::exact;
};

/// The last leaf at the top level (outside every block) that goes up, or 0: where a long period is
/// split (see exact_axis).
constexpr std::size_t last_top_up(const layer_record* nodes, std::size_t last) {
    for (std::size_t i = last + 1; i-- > 1;)
        if (nodes[i].depth == 0 && goes_up(nodes[i].kind)) return i;
    return 0;
}

/// One axis: the widest support over one period of outputs, and the stride. Each phase is one walk;
/// when the period is too long for that (a resize from 33 to 520 positions repeats every 520
/// outputs), the walk is split at the last top-level up step L: the part before L repeats with its
/// own (short) period P', so what it reads from an interval at L's input depends only on the
/// interval's start modulo P' and its width, and is walked once for each such pair; each phase
/// walks only the part from L on.
constexpr axis_field exact_axis(const layer_record* nodes, std::size_t last, bool side, int axis) {
    const std::size_t split = last_top_up(nodes, last);
    // Without a split: the whole walk from output 0 gives the period and the stride. With one: the
    // part before L (its period P', stride j') and the part from L (P'', j''): the network repeats
    // every P outputs when P·j'' (the shift at L's input) is a multiple of P', and P of P''.
    const walk_result first = walk_back(nodes, last, side, axis, span{0, 0, false}, split);
    if (first.status != walk_status::exact) return axis_field{{}, {}, first.status};
    walk_result before{};
    if (split != 0) {
        before = walk_back(nodes, split - 1, false, axis, span{0, 0, false});
        if (before.status != walk_status::exact) return axis_field{{}, {}, before.status};
    }
    const wide period = lcm(first.period, period_for(first.stride, before.period));
    const ratio stride = reduced(first.stride.num * before.stride.num, first.stride.den * before.stride.den);
    fraction jump{};
    // Each phase walks the part from L; each start modulo P' (at least min(P, P') of them) the part before.
    const wide starts_at_least = split == 0 ? 0 : (period < before.period ? period : before.period);
    if (period >= walk_limit || period * wide(last + 1 - split) > walk_budget || starts_at_least * wide(split) > walk_budget ||
        !reduce(stride.num, stride.den, jump))
        return axis_field{{}, {}, walk_status::overflow};
    wide widest = 0;
    constexpr std::size_t key_limit = 64;  // (start mod P', width) pairs, each a walk of the part before L
    wide starts[key_limit]{}, widths[key_limit]{};
    std::size_t keys = 0;
    for (wide o = 0; o < period; ++o) {
        const walk_result at = o == 0 ? first : walk_back(nodes, last, side, axis, span{o, o, false}, split, false);
        if (at.status != walk_status::exact) return axis_field{{}, {}, at.status};
        span in = at.input;
        if (in.empty) continue;
        if (split != 0) {
            const wide start = in.lo - floor_div(in.lo, before.period) * before.period, width = in.hi - in.lo;
            bool seen = false;
            for (std::size_t k = 0; k < keys && !seen; ++k) seen = starts[k] == start && widths[k] == width;
            if (seen) continue;
            if (keys == key_limit || wide(keys + 1) * wide(split) > walk_budget) return axis_field{{}, {}, walk_status::overflow};
            starts[keys] = start;
            widths[keys++] = width;
            const walk_result w = walk_back(nodes, split - 1, false, axis, span{start, start + width, false}, 0, false);
            if (w.status != walk_status::exact) return axis_field{{}, {}, w.status};
            in = w.input;
        }
        if (!in.empty && in.hi - in.lo + 1 > widest) widest = in.hi - in.lo + 1;
    }
    if (!fits(widest)) return axis_field{{}, {}, walk_status::overflow};
    return axis_field{fraction(count_t(widest)), jump, walk_status::exact};
}

/// The receptive field of the output that ends at node `last`: the main path's (the network's last
/// node), or with `side` a side output's (its merge_end): the exact walk on both axes where it applies, else `recurrence` (a kind the
/// walk does not model, such as attention; or a period too long to walk at compile time).
constexpr field exact_field(const layer_record* nodes, std::size_t n, std::size_t last, bool side,
                            const field& recurrence) {
    if (n == 0) return recurrence;
    const axis_field h = exact_axis(nodes, last, side, 0);
    const axis_field w = exact_axis(nodes, last, side, 1);
    if (h.status != walk_status::exact || w.status != walk_status::exact) return recurrence;
    return field{h.size, w.size, h.jump, w.jump};
}

/// Every output's exact field in place (`fields` in the order of output_fields<Net>: side outputs
/// as their output<> markers come, the main path's last), each from the recurrence's where the walk
/// does not apply.
template <std::size_t N, std::size_t Count>
constexpr void exact_fields(const std::array<layer_record, N>& all, std::array<field, Count>& fields) {
    // g++ copies a whole constexpr array on every read of one of its elements (see interpret.hpp's
    // run_whole): the walks read a local copy, made once.
    const std::array<layer_record, N> nodes = all;
    std::size_t next = 0;
    for (std::size_t i = 0; i < N; ++i) {
        const layer_record& r = nodes[i];
        if (r.kind != kind::merge_begin || r.how != merge::output || next + 1 >= Count) continue;
        fields[next] = exact_field(nodes.data(), N, r.match, true, fields[next]);
        ++next;
    }
    fields[Count - 1] = exact_field(nodes.data(), N, N == 0 ? 0 : N - 1, false, fields[Count - 1]);
}

}  // namespace netshape::detail
