// netshape/detail/interpret.hpp: one constexpr loop that computes every node's figures.
#pragma once

#include <array>
#include <cstddef>
#include <utility>

#include <netshape/detail/checked.hpp>
#include <netshape/errors.hpp>
#include <netshape/layer_record.hpp>

namespace netshape::detail {

struct failure {
    rule broken = rule::none;
    std::size_t node = 0;   // index into the node array
    std::size_t layer = 0;  // index into layers<Net> (for merges: leaves before the merge's end)
    kind where = kind::identity;
    merge how = merge::none;
    shape input{};
    shape other{};
};

/// Whole-network figures and the first broken rule: all that params<Net> and the other totals
/// need, computed without keeping a record per node.
struct outcome {
    layer_record total{};
    failure error{};
};

template <std::size_t N, std::size_t Leaves>
struct evaluation {
    std::array<layer_record, N> nodes{};
    std::array<layer_record, Leaves> layers{};
    layer_record total{};  // whole-network figures: input, output, counts, receptive field
    failure error{};
};

/// Nodes per constant evaluation. clang stops an evaluation after 2^20 statements (its
/// -fconstexpr-steps default) and a node costs up to a few hundred, so there a long network is
/// interpreted in chunks, each its own evaluation, the machine's state carried between them.
/// g++ has no such limit but copies a whole constexpr array on every read of one of its
/// elements, so there the nodes are copied to a local once and interpreted in one evaluation.
#if defined(__clang__)
inline constexpr std::size_t chunk_size = 1024;
#else
inline constexpr std::size_t chunk_size = std::size_t(1) << 40;
#endif

template <std::size_t N>
inline constexpr std::size_t chunk_length = N < chunk_size ? (N == 0 ? 1 : N) : chunk_size;

/// The rule a conv or pool window's own arguments break (kernel, stride, padding, dilation), in
/// that order; worked out only once the interpreter's one combined test has failed.
constexpr rule window_rule(const spec& s) {
    if (s.kernel.height <= 0 || s.kernel.width <= 0) return rule::kernel_not_positive;
    if (s.stride.height <= 0 || s.stride.width <= 0) return rule::stride_not_positive;
    if (s.pad.height < 0 || s.pad.width < 0) return rule::pad_negative;
    return rule::dilation_not_positive;
}

/// The rule a convolution's filters and groups break against its input channels, in order.
constexpr rule conv_rule(const spec& s, count_t channels) {
    if (s.units <= 0) return rule::filters_not_positive;
    if (s.groups <= 0) return rule::groups_not_positive;
    if (channels % s.groups != 0) return rule::groups_not_dividing_channels;
    return rule::groups_not_dividing_filters;
}

/// Largest window of adaptive pooling from `in` to `out` along one axis.
constexpr count_t adaptive_window(count_t in, count_t out) {
    if (in % out == 0) return in / out;
    count_t widest = 0;
    for (count_t i = 0; i < out; ++i) {
        const count_t w = ((i + 1) * in + out - 1) / out - (i * in) / out;
        widest = w > widest ? w : widest;
    }
    return widest;
}

/// r += (span − 1)·j; j *= stride, on both axes. False when a figure leaves the 64-bit range.
constexpr bool widen(field& f, hw span, hw stride) {
    const wide h = f.height + wide(span.height - 1) * f.stride_height;
    const wide w = f.width + wide(span.width - 1) * f.stride_width;
    const wide jh = wide(f.stride_height) * stride.height, jw = wide(f.stride_width) * stride.width;
    if (!fits(h) || !fits(w) || !fits(jh) || !fits(jw)) return false;
    f = field{count_t(h), count_t(w), count_t(jh), count_t(jw)};
    return true;
}

/// A leaf's output and figures from its spec `s` and r.input, r.receptive (the field before it).
/// Inputs are below dimension_limit (checked by the caller), so the 128-bit products are exact.
/// Sets every figure of r it owns (output, weights, biases, buffers, macs, receptive field).
///
/// Written for clang's constant evaluator, which spends about a microsecond on each operation,
/// three on each function call and six on a switch: the common kinds come first in a chain of
/// ifs, and their arithmetic is written out rather than called (all counts here are
/// non-negative, so one comparison with count_max checks a 64-bit figure).
constexpr rule apply(const spec& s, layer_record& r) {
    const shape in = r.input;
    const kind k = s.kind;
    r.output = in;
    r.weights = r.biases = r.buffers = r.macs = 0;
    if (s.units >= dimension_limit || s.groups >= dimension_limit || s.first >= dimension_limit)
        return rule::count_overflow;
    if (k == kind::conv2d || k == kind::max_pool || k == kind::avg_pool) {
        const hw kernel = s.kernel, stride = s.stride, pad = s.pad, dilation = s.dilation;
        if (!bounded(kernel) || !bounded(stride) || !bounded(pad) || !bounded(dilation)) return rule::count_overflow;
        if (kernel.height <= 0 || kernel.width <= 0 || stride.height <= 0 || stride.width <= 0 || pad.height < 0 ||
            pad.width < 0 || dilation.height <= 0 || dilation.width <= 0)
            return window_rule(s);
        // PyTorch's output rule per axis, with span = dilation·(kernel − 1) + 1 the dilated kernel
        // and room = input + 2·pad − span: out = floor(room / stride) + 1. With ceil_mode it rounds
        // up, and keeps a window that overhangs the right edge as long as it starts inside the input
        // or its left padding (MaxPool2d(3, stride=2, ceil_mode=True) maps 2×2 to 1×1). All values
        // are below dimension_limit, so nothing here overflows 64 bits.
        const count_t span_h = dilation.height * (kernel.height - 1) + 1, span_w = dilation.width * (kernel.width - 1) + 1;
        const count_t room_h = in.height + 2 * pad.height - span_h, room_w = in.width + 2 * pad.width - span_w;
        const bool ceil = s.ceil;
        if ((room_h < 0 && !(ceil && room_h + stride.height - 1 >= 0)) ||
            (room_w < 0 && !(ceil && room_w + stride.width - 1 >= 0)))
            return rule::kernel_exceeds_input;
        count_t out_h = (ceil ? room_h + stride.height - 1 : room_h) / stride.height + 1;
        count_t out_w = (ceil ? room_w + stride.width - 1 : room_w) / stride.width + 1;
        if (ceil) {  // the last window must start inside the input or its left padding
            if ((out_h - 1) * stride.height >= in.height + pad.height) --out_h;
            if ((out_w - 1) * stride.width >= in.width + pad.width) --out_w;
        }
        const bool pool = k != kind::conv2d;
        // PyTorch checks pad <= kernel / 2 on the kernel itself, dilated or not (its message says
        // "effective kernel" but MaxPool2d(3, padding=2, dilation=2) is rejected).
        if (pool && (2 * pad.height > kernel.height || 2 * pad.width > kernel.width))
            return rule::pool_pad_over_half_kernel;
        r.output = shape{out_h, out_w, pool ? in.channels : s.units};
        field& f = r.receptive;  // r += (span − 1)·j, j *= stride
        const wide rf_h = f.height + wide(span_h - 1) * f.stride_height;
        const wide rf_w = f.width + wide(span_w - 1) * f.stride_width;
        const wide jump_h = wide(f.stride_height) * stride.height, jump_w = wide(f.stride_width) * stride.width;
        if (rf_h > count_max || rf_w > count_max || jump_h > count_max || jump_w > count_max) return rule::count_overflow;
        f = field{count_t(rf_h), count_t(rf_w), count_t(jump_h), count_t(jump_w)};
        if (pool) return rule::none;
        if (s.units <= 0 || s.groups <= 0 || in.channels % s.groups != 0 || s.units % s.groups != 0)
            return conv_rule(s, in.channels);
        const wide weights = wide(kernel.height) * kernel.width * (in.channels / s.groups) * s.units;
        if (weights > count_max) return rule::count_overflow;
        const wide macs = wide(out_h) * out_w * weights;
        if (macs > count_max) return rule::count_overflow;
        r.weights = count_t(weights);
        r.biases = s.bias ? s.units : 0;
        r.macs = count_t(macs);
        return rule::none;
    }
    if (k == kind::batch_norm) {
        r.weights = r.biases = in.channels;
        r.buffers = 2 * in.channels;
        return rule::none;
    }
    if (k == kind::dense) {
        if (s.units <= 0) return rule::units_not_positive;
        const wide weights = (s.per_pixel ? wide(in.channels) : elements(in)) * s.units;
        const wide macs = s.per_pixel ? wide(in.height) * in.width * (fits(weights) ? weights : 0) : weights;
        if (!fits(weights) || !fits(macs)) return rule::count_overflow;
        r.output = s.per_pixel ? shape{in.height, in.width, s.units} : shape{1, 1, s.units};
        r.weights = count_t(weights);
        r.biases = s.bias ? s.units : 0;
        r.macs = count_t(macs);
        if (!s.per_pixel && !widen(r.receptive, hw{in.height, in.width}, hw{in.height, in.width}))
            return rule::count_overflow;
        return rule::none;
    }
    if (k == kind::flatten) {
        const wide n = elements(in);
        if (!fits(n)) return rule::count_overflow;
        r.output = shape{1, 1, count_t(n)};
        if (!widen(r.receptive, hw{in.height, in.width}, hw{in.height, in.width})) return rule::count_overflow;
        return rule::none;
    }
    if (k == kind::adaptive_avg_pool || k == kind::adaptive_max_pool) {
        if (!bounded(s.kernel)) return rule::count_overflow;
        if (s.kernel.height <= 0 || s.kernel.width <= 0) return rule::output_size_not_positive;
        r.output = shape{s.kernel.height, s.kernel.width, in.channels};
        const hw span{adaptive_window(in.height, s.kernel.height), adaptive_window(in.width, s.kernel.width)};
        const hw step{in.height / s.kernel.height, in.width / s.kernel.width};
        if (!widen(r.receptive, span, hw{step.height > 0 ? step.height : 1, step.width > 0 ? step.width : 1}))
            return rule::count_overflow;
        return rule::none;
    }
    if (k == kind::layer_norm) {
        r.weights = r.biases = in.channels;
        return rule::none;
    }
    if (k == kind::layer_scale) {
        r.weights = in.channels;
        return rule::none;
    }
    if (k == kind::channel_shuffle) {
        if (s.units <= 0 || in.channels % s.units != 0) return rule::shuffle_groups_not_dividing;
        return rule::none;
    }
    if (k == kind::channel_slice) {
        if (s.first < 0 || s.units <= 0 || s.first > in.channels - s.units) return rule::slice_out_of_range;
        r.output.channels = s.units;
        return rule::none;
    }
    if (k == kind::input) return rule::input_not_first;
    return rule::none;  // lrn, dropout, activation, identity: shape and field unchanged, nothing learnable
}

/// The running sums, in 128 bits: a sum of 64-bit figures cannot overflow them, so they are
/// checked once, when the network's totals are narrowed (and a block's totals are differences).
struct totals {
    wide weights = 0;
    wide biases = 0;
    wide buffers = 0;
    wide macs = 0;
    wide activations = 0;
    wide peak = 0;
};

struct frame {
    std::size_t begin = 0;
    shape input{};
    field receptive{};
    shape merged{};
    field merged_receptive{};
    count_t seen = 0;          // branches begun
    count_t merged_count = 0;  // branches merged
    totals before{};           // running totals when the block began
    merge how = merge::none;
    wide held = 0;             // the machine's `held` when the block began
};

/// Merge one finished branch (`out`, `rf`) into the frame.
constexpr rule merge_into(frame& f, merge how, const shape& out, const field& rf) {
    if (f.merged_count++ == 0) {
        f.merged = out;
        f.merged_receptive = rf;
        return rule::none;
    }
    const shape prior = f.merged;
    shape& m = f.merged;
    if (how == merge::concat) {
        if (m.height != out.height || m.width != out.width) return rule::concat_mismatch;
        m.channels += out.channels;
    } else if (how == merge::add) {
        if (!(m == out)) return rule::add_mismatch;
    } else {
        const auto fit = [](count_t& a, count_t b) {
            if (a != b && a != 1 && b != 1) return false;
            a = a > b ? a : b;
            return true;
        };
        if (!fit(m.height, out.height) || !fit(m.width, out.width) || !fit(m.channels, out.channels))
            return rule::multiply_mismatch;
    }
    field& g = f.merged_receptive;
    g.height = g.height > rf.height ? g.height : rf.height;
    g.width = g.width > rf.width ? g.width : rf.width;
    // A branch broadcast along an axis (squeeze-and-excitation's 1×1 scale) has a single position
    // there, so its jump says nothing about the merged map: that steps as the other branch does.
    const auto jump = [](count_t kept, count_t kept_extent, count_t incoming, count_t incoming_extent) {
        if (incoming_extent == 1 && kept_extent > 1) return kept;
        if (kept_extent == 1 && incoming_extent > 1) return incoming;
        return kept > incoming ? kept : incoming;
    };
    g.stride_height = jump(g.stride_height, prior.height, rf.stride_height, out.height);
    g.stride_width = jump(g.stride_width, prior.width, rf.stride_width, out.width);
    return rule::none;
}

/// A block's figures: what the running sums gained inside it (false if one leaves 64 bits).
constexpr bool difference(layer_record& block, const totals& now, const totals& before) {
    const wide weights = now.weights - before.weights, biases = now.biases - before.biases;
    const wide buffers = now.buffers - before.buffers, macs = now.macs - before.macs;
    const wide activations = now.activations - before.activations;
    if (!fits(weights + biases) || !fits(buffers) || !fits(macs) || !fits(activations)) return false;
    block.weights = count_t(weights);
    block.biases = count_t(biases);
    block.params = count_t(weights + biases);
    block.buffers = count_t(buffers);
    block.macs = count_t(macs);
    block.activations = count_t(activations);
    return true;
}

/// The interpreter's registers, carried from node to node and from chunk to chunk. The stack of
/// open blocks lives beside them (machine<Depth>), so that the interpreter itself is one plain
/// function, compiled once, not once per network.
struct registers {
    shape cur{};
    field rf{};
    std::size_t top = 0;
    std::size_t leaf = 0;
    layer_record total{};  // input, output, receptive field; its counts are filled from `sum` at the end
    totals sum{};
    failure error{};
    wide held = 0;  // elements kept alive by open merges (their input, finished branches)
};

template <std::size_t Depth>
struct machine {
    registers reg{};
    std::array<frame, Depth + 1> stack{};
};

template <std::size_t Depth, std::size_t Length>
struct chunk {
    machine<Depth> state{};
    std::array<layer_record, Length> records{};
};

constexpr registers start(const shape& input) {
    registers m{};
    m.total.input = m.total.output = m.cur = input;
    if (input.height <= 0 || input.width <= 0 || input.channels <= 0) {
        m.error = failure{rule::input_not_positive, 0, 0, kind::input, merge::none, input, input};
        return m;
    }
    if (!bounded(input)) {
        m.error = failure{rule::count_overflow, 0, 0, kind::input, merge::none, input, input};
        return m;
    }
    m.sum.activations = m.sum.peak = elements(input);
    return m;
}

/// Interprets nodes [first, last) of the n in `nodes`. With Keep, each node's record is filled
/// (block and merge totals are left in the end marker's record, whose `match` is the begin
/// marker's index; finish() copies them back); without, only the registers, and `records` is one
/// scratch record. Two instantiations in all, not one per network.
template <bool Keep>
constexpr void run_on(registers& m, frame* stack, layer_record* records, const node* nodes, std::size_t first,
                      std::size_t last, std::size_t n) {
    const auto fail = [&](rule what, std::size_t i, kind where, merge how, shape in, shape other) {
        m.error = failure{what, i, m.leaf, where, how, in, other};
    };
    for (std::size_t i = first; i < last; ++i) {
        if constexpr (!Keep) {
            // A sequential changes no figure. Element-wise nodes and batch norm keep the shape and
            // the receptive field, and are most nodes of most networks: without records to fill,
            // they take a short path (the same figures as apply and the leaf path below), written
            // in as few statements as clang's evaluator can be given.
            const kind k = nodes[i].what->kind;
            if (k == kind::block_begin || k == kind::block_end) continue;
            const bool norm = k == kind::batch_norm;  // out of place: its output is new activations
            if (norm || k == kind::activation || k == kind::dropout || k == kind::identity) {
                const wide e = wide(m.cur.height) * m.cur.width * m.cur.channels, live = m.held + (norm ? 2 * e : e);
                if (live > count_max) {
                    fail(rule::count_overflow, i, k, merge::none, m.cur, m.cur);
                    return;
                }
                if (live > m.sum.peak) m.sum.peak = live;
                if (norm) {
                    m.sum.weights += m.cur.channels;
                    m.sum.biases += m.cur.channels;
                    m.sum.buffers += 2 * m.cur.channels;
                    m.sum.activations += e;
                }
                ++m.leaf;
                continue;
            }
        }
        const spec s = *nodes[i].what;  // a local: each read of a static object costs clang a lookup
        layer_record& r = records[Keep ? i - first : 0];
        if constexpr (Keep) {
            static_cast<spec&>(r) = s;
            if (nodes[i].name) r.name = nodes[i].name;
            r.depth = m.top;
            r.index = m.leaf;
        }
        r.input = m.cur;
        r.receptive = m.rf;
        const kind k = s.kind;
        if (k < kind::block_begin) {  // a leaf (the common case first: see apply)
            rule bad = apply(s, r);
            const shape& o = r.output;
            const wide out = wide(o.height) * o.width * o.channels;
            // Does the output count towards the network's activations? (See figures.hpp.)
            const bool adds = !(k == kind::activation || k == kind::dropout || k == kind::identity ||
                                k == kind::flatten || k == kind::channel_slice);
            const wide live = m.held + wide(m.cur.height) * m.cur.width * m.cur.channels + (adds ? out : 0);
            if (bad == rule::none && (o.height >= dimension_limit || o.width >= dimension_limit ||
                                      o.channels >= dimension_limit || live > count_max ||
                                      wide(r.weights) + r.biases > count_max))
                bad = rule::count_overflow;
            if (bad != rule::none) {
                fail(bad, i, k, merge::none, r.input, r.output);
                return;
            }
            if constexpr (Keep) {
                r.params = r.weights + r.biases;
                r.activations = adds ? count_t(out) : 0;
                r.peak = count_t(live);
            }
            if (live > m.sum.peak) m.sum.peak = live;
            m.sum.weights += r.weights;
            m.sum.biases += r.biases;
            m.sum.buffers += r.buffers;
            m.sum.macs += r.macs;
            if (adds) m.sum.activations += out;
            m.cur = o;
            m.rf = r.receptive;
            ++m.leaf;
        } else if (k == kind::block_begin || k == kind::merge_begin) {
            stack[++m.top] = frame{i, m.cur, m.rf, shape{}, field{}, 0, 0, Keep ? m.sum : totals{}, s.how, m.held};
            if (k == kind::merge_begin) m.held += elements(m.cur);  // the input, for every branch
        } else if (k == kind::branch) {
            frame& f = stack[m.top];
            if (f.seen > 0) {
                if (const rule bad = merge_into(f, f.how, m.cur, m.rf); bad != rule::none) {
                    fail(bad, i, k, f.how, f.merged, m.cur);
                    return;
                }
                m.held += elements(m.cur);  // a finished branch waits for the merge
            }
            f.seen += 1;
            r.input = m.cur = f.input;
            r.receptive = m.rf = f.receptive;
        } else {  // block_end, merge_end
            frame& f = stack[m.top];
            if (k == kind::merge_end) {
                rule bad = f.seen == 0 ? rule::empty_merge : merge_into(f, f.how, m.cur, m.rf);
                if (bad == rule::none && !bounded(f.merged)) bad = rule::count_overflow;
                if (bad != rule::none) {
                    fail(bad, i, k, f.how, f.merged, m.cur);
                    return;
                }
                const wide live = m.held + elements(m.cur) + (f.how == merge::concat ? elements(f.merged) : 0);
                m.cur = f.merged;
                m.rf = f.merged_receptive;
                if (live > m.sum.peak) m.sum.peak = live;
                r.peak = fits(live) ? count_t(live) : 0;
                m.held = f.held;
                if (f.how == merge::concat) m.sum.activations += elements(m.cur);
            }
            if (Keep && !difference(r, m.sum, f.before)) {
                fail(rule::count_overflow, i, k, f.how, f.input, m.cur);
                return;
            }
            r.input = f.input;
            r.output = m.cur;
            r.receptive = m.rf;
            r.match = f.begin;
            r.depth = --m.top;
        }
    }
    if (last == n) {
        const totals& t = m.sum;
        m.total.output = m.cur;
        m.total.receptive = m.rf;
        if (!fits(t.weights + t.biases) || !fits(t.buffers) || !fits(t.macs) || !fits(t.activations) || !fits(t.peak)) {
            m.error = failure{rule::count_overflow, n, m.leaf, kind::identity, merge::none, m.total.input, m.cur};
            return;
        }
        m.total.weights = count_t(t.weights);
        m.total.biases = count_t(t.biases);
        m.total.params = count_t(t.weights + t.biases);
        m.total.buffers = count_t(t.buffers);
        m.total.macs = count_t(t.macs);
        m.total.activations = count_t(t.activations);
        m.total.peak = count_t(t.peak);
    }
}

/// Nodes [first, first + chunk_size) of a network longer than one chunk (clang), resuming `state`.
template <bool Keep, std::size_t Depth, std::size_t N>
constexpr chunk<Depth, Keep ? chunk_length<N> : 1> run(const machine<Depth>& state, const std::array<node, N>& all,
                                                      std::size_t first) {
    chunk<Depth, Keep ? chunk_length<N> : 1> out{state, {}};
    if (out.state.reg.error.broken != rule::none) return out;
    const std::size_t last = first + chunk_size < N ? first + chunk_size : N;
    run_on<Keep>(out.state.reg, out.state.stack.data(), out.records.data(), all.data(), first, last, N);
    return out;
}

/// The chain of chunk evaluations of one network (see chunk_size): chunk K resumes chunk K − 1.
/// Instantiation depth grows by one per chunk_size nodes, not per layer.
template <class A, std::size_t K, bool Keep>
struct chunk_at {
    static constexpr auto value = run<Keep>(chunk_at<A, K - 1, Keep>::value.state, A::nodes, K * chunk_size);
};
template <class A, bool Keep>
struct chunk_at<A, 0, Keep> {
    static constexpr auto value = run<Keep>(machine<A::depth>{start(A::input), {}}, A::nodes, 0);
};

/// Copies chunk K's records into place (a function, so that the chunk is read once; see nodes.hpp).
template <class A, std::size_t K>
constexpr layer_record* copy_chunk(layer_record* out, std::size_t n) {
    const auto local = chunk_at<A, K, true>::value.records;
    const std::size_t first = K * chunk_size;
    const std::size_t count = n - first < local.size() ? n - first : local.size();
    for (std::size_t i = 0; i < count; ++i) *out++ = local[i];
    return out;
}

/// Block totals copied to their begin markers, leaves listed.
template <std::size_t N, std::size_t Leaves>
constexpr void finish(evaluation<N, Leaves>& e) {
    if (e.error.broken != rule::none) return;
    std::size_t leaf = 0;
    for (std::size_t i = 0; i < N; ++i) {
        layer_record& r = e.nodes[i];
        if (r.kind == kind::block_end || r.kind == kind::merge_end) {
            layer_record& begin = e.nodes[r.match];
            const spec keep = begin;
            const std::size_t depth = begin.depth, index = begin.index;
            begin = r;
            static_cast<spec&>(begin) = keep;
            begin.depth = depth;
            begin.index = index;
            begin.match = i;
        } else if (!is_structure(r.kind)) {
            e.layers[leaf++] = r;
        }
    }
}

/// The whole node array in one evaluation: every network on g++ (which has no step limit), and
/// networks of one chunk on clang. g++ copies a whole static constexpr array on every read of one
/// of its elements, so the nodes are read from a local copy, made once.
template <bool Keep, std::size_t Depth, std::size_t N>
constexpr machine<Depth> run_whole(const std::array<node, N>& all, const shape& input, layer_record* records) {
    machine<Depth> m{start(input), {}};
    if (m.reg.error.broken != rule::none) return m;
    const auto nodes = all;
    run_on<Keep>(m.reg, m.stack.data(), records, nodes.data(), 0, N, N);
    return m;
}

template <std::size_t Depth, std::size_t Leaves, std::size_t N>
constexpr evaluation<N, Leaves> evaluate_whole(const shape& input, const std::array<node, N>& all) {
    evaluation<N, Leaves> e{};
    const registers m = run_whole<true, Depth>(all, input, e.nodes.data()).reg;
    e.total = m.total;
    e.error = m.error;
    finish(e);
    return e;
}

/// The totals of a network evaluated whole, keeping no records.
template <std::size_t Depth, std::size_t N>
constexpr outcome outcome_whole(const shape& input, const std::array<node, N>& all) {
    layer_record scratch{};
    const registers m = run_whole<false, Depth>(all, input, &scratch).reg;
    return outcome{m.total, m.error};
}

/// All chunks' records in one array (clang, networks longer than a chunk).
template <class A, std::size_t N, std::size_t Leaves, std::size_t... K>
constexpr evaluation<N, Leaves> assemble(std::index_sequence<K...>) {
    evaluation<N, Leaves> e{};
    using copier = layer_record* (*)(layer_record*, std::size_t);
    const copier copiers[] = {&copy_chunk<A, K>...};
    layer_record* next = e.nodes.data();
    for (copier c : copiers) next = c(next, N);
    const registers& last = chunk_at<A, sizeof...(K) - 1, true>::value.state.reg;
    e.total = last.total;
    e.error = last.error;
    finish(e);
    return e;
}

}  // namespace netshape::detail
