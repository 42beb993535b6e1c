// netshape/detail/interpret.hpp: one constexpr loop that computes every node's figures.
#pragma once

#include <array>
#include <cstddef>
#include <utility>

#include <netshape/detail/checked.hpp>
#include <netshape/detail/nodes.hpp>
#include <netshape/errors.hpp>
#include <netshape/kind_rule.hpp>
#include <netshape/layer_record.hpp>

namespace netshape::detail {

/// No node: a failure of the input itself.
inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

struct failure {
    rule broken = rule::none;
    std::size_t node = 0;   // index into the node array; the input itself: npos
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

/// The records evaluation: one record per node (nodes<Net>). The leaves' records (layers<Net>) are
/// listed from it by an evaluation of their own (leaves_of), only when asked for: each evaluation
/// must stay within the compilers' limits, and value-initializing a record costs clang 9 of its
/// 2^20 statements (the constructors of its shapes, kernel sizes and fractions).
template <std::size_t N>
struct evaluation {
    std::array<layer_record, N> nodes{};
    layer_record total{};  // whole-network figures: input, output, counts, receptive field
    failure error{};
};

/// Nodes per constant evaluation. Each compiler bounds one evaluation: clang stops it after 2^20
/// statements (-fconstexpr-steps) and g++ after 2^25 operations (-fconstexpr-ops-limit, each
/// expression evaluated; a leaf of the bench chain is some 600 of them, with records about 1,500),
/// so a long network is interpreted in chunks, each its own evaluation, the machine's state carried
/// between them. g++ copies a whole constexpr array on every read of one of its elements, so there
/// each chunk reads the nodes from a local copy, made once per chunk (copy_on_read), and chunks
/// are long: a network of up to 8,192 nodes is one evaluation.
#if defined(__clang__)
inline constexpr std::size_t chunk_size = 1024;
inline constexpr bool copy_on_read = false;
#else
inline constexpr std::size_t chunk_size = 8192;
inline constexpr bool copy_on_read = true;
#endif

/// Whether the records pass writes a node's record in a local and stores it whole: g++ pays for
/// every level of a store's path (records[k].weights: three), clang for the copy.
#if defined(__clang__)
inline constexpr bool record_in_local = false;
#else
inline constexpr bool record_in_local = true;
#endif

template <std::size_t N>
inline constexpr std::size_t chunk_length = N < chunk_size ? (N == 0 ? 1 : N) : chunk_size;

/// The rule an input of the given rank breaks when its kind does not accept it.
constexpr rule rank_rule(int rank) {
    if (rank == 1) return rule::vector_not_accepted;
    if (rank == 2) return rule::sequence_not_accepted;
    if (rank == 3) return rule::image_not_accepted;
    return rule::volume_not_accepted;
}

/// A leaf's figures: its kind's rule (kind_rule.hpp) applied to r.input_shape and r.receptive_field
/// (the field before it), after the checks every kind shares: the rank, every spec value below
/// dimension_limit (so that the rules' 128-bit products are exact), and the rule's own check.
///
/// Written for the constant evaluators, which pay for every statement and most for calls (clang
/// about a microsecond an operation, three a call): the shared checks are written out here.
constexpr rule apply(const spec& s, layer_record& r) {
    r.output_shape = r.input_shape;
    r.weights = r.biases = r.buffers = r.macs = 0;
    const kind_info& info = *s.info;
    if (((info.ranks >> r.input_shape.rank) & 1u) == 0) return rank_rule(r.input_shape.rank);
    if (!bounded(s)) return rule::count_overflow;
    if (const rule bad = info.check(s); bad != rule::none) return bad;
    return info.apply(s, r);
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

constexpr const fraction& larger(const fraction& a, const fraction& b) {
    return wide(a.numerator) * b.denominator >= wide(b.numerator) * a.denominator ? a : b;
}

/// A branch broadcast along an axis (squeeze-and-excitation's 1×1 scale) has a single position
/// there, so its jump says nothing about the merged map: that steps as the other branch does.
constexpr fraction merged_jump(const fraction& kept, count_t kept_extent, const fraction& incoming, count_t incoming_extent) {
    if (incoming_extent == 1 && kept_extent > 1) return kept;
    if (kept_extent == 1 && incoming_extent > 1) return incoming;
    return larger(kept, incoming);
}

/// Merge one finished branch (`out`, `rf`) into the frame.
constexpr rule merge_into(frame& f, merge how, const shape& out, const field& rf) {
    if (f.merged_count++ == 0) {
        f.merged = out;
        f.merged_receptive = rf;
        return rule::none;
    }
    const shape prior = f.merged;
    shape& m = f.merged;
    if (m.rank != out.rank) return rule::merge_rank_mismatch;
    if (how == merge::concat) {
        if (m.height != out.height || m.width != out.width || m.depth != out.depth) return rule::concat_mismatch;
        m.channels += out.channels;
    } else if (how == merge::add) {
        if (!(m == out)) return rule::add_mismatch;
    } else {
        const auto fit = [](count_t& a, count_t b) {
            if (a != b && a != 1 && b != 1) return false;
            a = a > b ? a : b;
            return true;
        };
        if (!fit(m.height, out.height) || !fit(m.width, out.width) || !fit(m.channels, out.channels) ||
            !fit(m.depth, out.depth))
            return rule::multiply_mismatch;
    }
    field& g = f.merged_receptive;
    g.height = larger(g.height, rf.height);
    g.width = larger(g.width, rf.width);
    g.jump_height = merged_jump(g.jump_height, prior.height, rf.jump_height, out.height);
    g.jump_width = merged_jump(g.jump_width, prior.width, rf.jump_width, out.width);
    if (out.rank == 4) {  // a volume's depth
        g.depth = larger(g.depth, rf.depth);
        g.jump_depth = merged_jump(g.jump_depth, prior.depth, rf.jump_depth, out.depth);
    }
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
/// open blocks lives beside them (machine<Depth, Shared>), so that the interpreter itself is one plain
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
    std::size_t uses = 0;   // shared<Tag, B> uses begun
    std::size_t shift = 0;  // inside a shared block's repeat: its begin's index less its first use's (else 0)
    totals removed{};       // weights, biases and buffers that repeats of shared blocks took back out of `sum`
};

/// One use of a shared<Tag, B>, in the order the uses begin: what a later use of the tag is
/// compared with, and what a use takes back out of the running sums when it is a repeat.
struct shared_use {
    const char* tag = "";
    std::size_t begin = 0;  // its begin marker
    std::size_t end = 0;    // its end marker; 0 while it runs
    std::size_t first = 0;  // the use (an index among the uses) that is its tag's first: itself for a first use
    std::size_t leaf = 0;   // leaves before it
    std::size_t shift = 0;  // the registers' shift when it began, restored at its end
    shape input{};
    totals before{};   // the running sums when it began
    totals removed{};  // the registers' `removed` when it began
    totals gross{};    // what it added, counting what repeats inside it took back out (set at its end)
};

template <std::size_t Depth, std::size_t Shared = 0>
struct machine {
    registers reg{};
    std::array<frame, Depth + 1> stack{};
    std::array<shared_use, Shared> uses{};
};

constexpr bool same_text(const char* a, const char* b) {
    std::size_t i = 0;
    for (; a[i] != '\0' && a[i] == b[i]; ++i) {}
    return a[i] == b[i];
}

/// Whether two nodes (of two uses of one shared tag, at the same place in each) agree in what shapes
/// weights: kind, variant, branches, a nested shared block's tag, and the fields its kind names
/// (kind_info::weight_fields: filters or outputs, kernel, groups, bias, per_pixel, and what the kind
/// keeps elsewhere, as MViT's grid; stride, padding, ceil_mode and functions may differ).
constexpr bool same_weight_spec(const spec& a, const spec& b) {
    return a.kind == b.kind && a.how == b.how && a.branches == b.branches &&
           (a.how != merge::shared || same_text(a.name, b.name)) &&
           same_fields(a, b, a.info != nullptr ? a.info->weight_fields : default_weight_fields);
}

/// The begin of a shared<Tag, B> at node i on input `in`: records the use and, for a repeat of a tag,
/// compares it with the tag's first use (its nodes in the node array, its input channels) and starts
/// the repeat's shift. Returns the node that differs from the first use, or npos.
constexpr std::size_t shared_begin(registers& m, shared_use* uses, const node* nodes, std::size_t i, std::size_t n,
                                   const shape& in) {
    const std::size_t self = m.uses++;
    shared_use& u = uses[self];
    u = shared_use{nodes[i].what->name, i, 0, self, m.leaf, m.shift, in, m.sum, m.removed, {}};
    for (std::size_t j = 0; j < self; ++j) {
        if (uses[j].first == j && same_text(uses[j].tag, u.tag)) {
            u.first = j;
            break;
        }
    }
    if (u.first == self) return npos;
    const shared_use& f = uses[u.first];
    if (f.end == 0 || i + (f.end - f.begin) >= n) return i;  // inside its own first use, or too short
    for (std::size_t k = 1; k <= f.end - f.begin; ++k)
        if (!same_weight_spec(*nodes[f.begin + k].what, *nodes[i + k].what)) return i + k;
    if (f.input.channels != in.channels) return i;
    m.shift = i - f.begin;
    return npos;
}

/// The end of the innermost shared<Tag, B> use at node i: what it added (with what repeats inside it
/// took back), compared with its first use's for a repeat, whose weights, biases and buffers are then
/// taken back out of the running sums. Returns npos, or the use (an index among the uses) whose
/// counts differ from its first use's.
constexpr std::size_t shared_end(registers& m, shared_use* uses, std::size_t i) {
    std::size_t self = m.uses;
    while (self > 0 && uses[self - 1].end != 0) --self;
    shared_use& u = uses[self - 1];
    const totals added{m.sum.weights - u.before.weights, m.sum.biases - u.before.biases, m.sum.buffers - u.before.buffers};
    u.end = i;
    u.gross = totals{added.weights + (m.removed.weights - u.removed.weights),
                     added.biases + (m.removed.biases - u.removed.biases),
                     added.buffers + (m.removed.buffers - u.removed.buffers)};
    m.shift = u.shift;
    if (u.first == self - 1) return npos;
    const totals& g = uses[u.first].gross;
    if (g.weights != u.gross.weights || g.biases != u.gross.biases || g.buffers != u.gross.buffers) return self - 1;
    m.sum.weights -= added.weights;
    m.sum.biases -= added.biases;
    m.sum.buffers -= added.buffers;
    m.removed.weights += added.weights;
    m.removed.biases += added.biases;
    m.removed.buffers += added.buffers;
    return npos;
}

/// The leaves among nodes (from, to).
constexpr std::size_t leaves_between(const node* nodes, std::size_t from, std::size_t to) {
    std::size_t count = 0;
    for (std::size_t j = from + 1; j < to; ++j) count += is_structure(nodes[j].what->kind) ? 0u : 1u;
    return count;
}

constexpr registers start(const shape& input);

/// A fresh machine for `input`. Value-initialized, then assigned: after an unrelated error earlier
/// in a translation unit, g++ 12 refuses to evaluate `machine{start(input), {}}` (an array member
/// initialized from empty braces), and every later figure would add a second error.
template <std::size_t Depth, std::size_t Shared>
constexpr machine<Depth, Shared> fresh_machine(const shape& input) {
    machine<Depth, Shared> m{};
    m.reg = start(input);
    return m;
}

template <std::size_t Depth, std::size_t Shared, std::size_t Length>
struct chunk {
    machine<Depth, Shared> state{};
    std::array<layer_record, Length> records{};
};

constexpr registers start(const shape& input) {
    registers m{};
    m.total.input_shape = m.total.output_shape = m.cur = input;
    if (input.height <= 0 || input.width <= 0 || input.channels <= 0 || input.depth <= 0) {
        m.error = failure{rule::input_not_positive, npos, 0, kind::input, merge::none, input, input};
        return m;
    }
    if (!bounded(input)) {
        m.error = failure{rule::count_overflow, npos, 0, kind::input, merge::none, input, input};
        return m;
    }
    m.sum.activations = m.sum.peak = elements(input);
    return m;
}

/// The end of output<Head> (merge::output): Head's result (the frame's merged tensor) is an output,
/// alive until the end of the forward pass, so it is held from here on, in every open block too
/// (each restores its `held` when it ends); the main path goes on from Head's input. Only a side
/// output's end comes here: a network without one pays nothing for it.
constexpr void side_output(registers& m, frame* stack, const frame& f, shape& cur, field& rf) {
    const wide kept = elements(f.merged);
    m.held += kept;
    for (std::size_t j = 1; j < m.top; ++j) stack[j].held += kept;
    cur = f.input;
    rf = f.receptive;
}

/// What the arena's planner (arena.hpp) reads of a node, written by a pass that keeps no records:
/// its kind; a merge_begin's merge and branches; whether a leaf writes a new tensor (else it is in
/// place, keeping its input's elements, or a view); its output's elements (a leaf's, or a merge's
/// at its end) and its kind's scratch (kind_rule::scratch: a conv2d's im2col buffer); 0 where
/// there is none.
struct node_step {
    kind k = kind::block_begin;
    merge how = merge::none;
    bool new_tensor = false;
    count_t branches = 0;
    wide out = 0;
    wide scratch = 0;
};

/// Interprets nodes [first, last) of the n in `nodes`. With Keep, each node's record is filled
/// (block and merge totals are left in the end marker's record, whose `match` is the begin
/// marker's index; finish() copies them back); without, only the registers, and `records` is one
/// scratch record. With Sizes (and not Keep), node i's node_step is also written to
/// sizes[i − first]. Three instantiations in all, not one per network.
template <bool Keep, bool Sizes = false>
constexpr void run_on(registers& m, frame* stack, shared_use* uses, layer_record* records, const node* nodes,
                      std::size_t first, std::size_t last, std::size_t n, node_step* sizes = nullptr) {
    // The registers that change at most nodes, as locals, written back after the loop (save()): a
    // store to a member costs g++'s evaluator a search of the object's fields at every level of its
    // path (m.sum.weights: three levels, each some 3,000 instructions), a store to a local none.
    wide weights = m.sum.weights, biases = m.sum.biases, buffers = m.sum.buffers, macs = m.sum.macs;
    wide activations = m.sum.activations, peak = m.sum.peak, held = m.held;
    std::size_t leaf = m.leaf, top = m.top;
    const auto save = [&] {  // the sums written out where they are read: a call costs clang as much as a store
        m.sum = totals{weights, biases, buffers, macs, activations, peak};
        m.held = held;
        m.leaf = leaf;
        m.top = top;
    };
    const auto fail = [&](rule what, std::size_t i, kind where, merge how, shape in, shape other) {
        m.error = failure{what, i, leaf, where, how, in, other};
    };
    [[maybe_unused]] layer_record made{};  // with records: the node's record, before it is stored
    // The running shape and field. Without records they live in the one scratch record, as its
    // output_shape and receptive_field: a leaf's output is then the next leaf's input with no copy
    // (a struct copy costs the evaluators as much as a few statements).
    if constexpr (!Keep) {
        records[0].output_shape = m.cur;
        records[0].receptive_field = m.rf;
    }
    shape& cur = Keep ? m.cur : records[0].output_shape;
    field& rf = Keep ? m.rf : records[0].receptive_field;
    for (std::size_t i = first; i < last; ++i) {
        const spec* const what = nodes[i].what;
        const kind k = what->kind;
        if constexpr (!Keep) {
            // A sequential changes no figure. Element-wise kinds keep the shape and the receptive
            // field and are most nodes of most networks: without records to fill, they take a short
            // path (the same figures as the leaf path below), in as few statements as clang's
            // evaluator can be given.
            const unsigned f = nodes[i].facts;  // the kind's facts, carried by the node
            if ((k == kind::block_begin || k == kind::block_end) && f == 0) {  // not shared<>'s
                if constexpr (Sizes) sizes[i - first].k = k;
                continue;
            }
            if ((f & facts::elementwise) != 0) {  // every rank (kind_rule.hpp checks)
                const wide e = wide(cur.depth) * cur.height * cur.width * cur.channels;
                const wide live = held + e + ((f & facts::new_tensor) != 0 ? e : 0);  // a new tensor: both
                if (live > count_max) {
                    fail(rule::count_overflow, i, k, merge::none, cur, cur);
                    break;
                }
                if (live > peak) peak = live;
                if ((f & facts::new_tensor) != 0) {  // an element-wise kind in place has no counts
                    weights += wide((f >> facts::count_bits) & 15u) * cur.channels;
                    biases += wide((f >> (facts::count_bits + 4)) & 15u) * cur.channels;
                    buffers += wide((f >> (facts::count_bits + 8)) & 15u) * cur.channels;
                    activations += e;
                }
                if constexpr (Sizes) sizes[i - first] = node_step{k, merge::none, (f & facts::new_tensor) != 0, 0, e, 0};
                ++leaf;
                continue;
            }
        }
        if constexpr (Keep) {
            // Element-wise kinds with records: the same figures as the leaf path below, written
            // out (no rule call, no spec copy to a local).
            const unsigned f = nodes[i].facts;
            if ((f & facts::elementwise) != 0) {
                const wide e = wide(cur.depth) * cur.height * cur.width * cur.channels;
                const bool adds = (f & facts::new_tensor) != 0;
                const wide live = held + e + (adds ? e : 0);
                if (live > count_max) {
                    fail(rule::count_overflow, i, k, merge::none, cur, cur);
                    break;
                }
                const count_t c = cur.channels;  // an element-wise kind in place has no counts
                const count_t w = adds ? count_t((f >> facts::count_bits) & 15u) * c : 0;
                const count_t b = adds ? count_t((f >> (facts::count_bits + 4)) & 15u) * c : 0;
                const count_t buf = adds ? count_t((f >> (facts::count_bits + 8)) & 15u) * c : 0;
                layer_record& r = records[i - first];
                if constexpr (record_in_local) {  // g++: the record in one store (record_in_local)
                    r = layer_record{*what, cur, cur, w, b, w + b, buf, 0, adds ? count_t(e) : 0, count_t(live), rf,
                                     top, 0, leaf, m.shift != 0 ? i - m.shift : no_node};
                    r.name = nodes[i].name;
                } else {  // clang: field by field, into the value-initialized record
                    static_cast<spec&>(r) = *what;
                    r.name = nodes[i].name;
                    r.depth = top;
                    r.index = leaf;
                    r.input_shape = cur;
                    r.output_shape = cur;
                    r.receptive_field = rf;
                    if (m.shift != 0) r.repeat_of = i - m.shift;
                    if (adds) {
                        r.weights = w;
                        r.biases = b;
                        r.buffers = buf;
                        r.params = w + b;
                        r.activations = count_t(e);
                    }
                    r.peak_activations = count_t(live);
                }
                if (adds) {
                    weights += w;
                    biases += b;
                    buffers += buf;
                    activations += e;
                }
                if (live > peak) peak = live;
                ++leaf;
                continue;
            }
        }
        const spec s = *what;  // a local: each read of a static object costs clang a lookup
        // With records on g++ (record_in_local), the node's record is written in a local and stored
        // whole at the end of the node: a store's cost there grows with the levels of its path.
        layer_record& r = Keep && record_in_local ? made : records[Keep ? i - first : 0];
        if constexpr (Keep && record_in_local) {
            made = layer_record{s, cur, k < kind::block_begin ? cur : shape{}, 0, 0, 0, 0, 0, 0, 0, rf, top, 0, leaf,
                                m.shift != 0 ? i - m.shift : no_node};  // in a shared block's repeat
            made.name = nodes[i].name;  // the spec's own, or named<>'s (a copy, never a test: see nodes.hpp)
        } else if constexpr (Keep) {
            static_cast<spec&>(r) = s;
            r.name = nodes[i].name;
            r.depth = top;
            r.index = leaf;
            r.input_shape = cur;
            r.receptive_field = rf;
            if (m.shift != 0) r.repeat_of = i - m.shift;
            if (k < kind::block_begin) r.output_shape = cur;
        }
        if constexpr (Sizes) {
            if (k >= kind::block_begin) sizes[i - first] = node_step{k, s.how, false, s.branches, 0, 0};
        }
        if (k < kind::block_begin) {  // a leaf
            // apply(s, r), written out (a call is the evaluators' dearest statement)
            if constexpr (!Keep) {
                r.input_shape = cur;  // cur is r.output_shape: the rule starts from output = input
                r.weights = r.biases = r.buffers = r.macs = 0;
            }
            const unsigned f = nodes[i].facts;
            rule bad = ((f >> (cur.rank + 1)) & 1u) == 0 ? rank_rule(cur.rank)
                       : (f & facts::oversized) != 0       ? rule::count_overflow
                       : (f >> facts::rule_bits) != 0      ? static_cast<rule>(f >> facts::rule_bits)
                                                           : s.info->apply(s, r);
            const shape& in = r.input_shape;
            const shape& o = r.output_shape;
            const wide out = wide(o.depth) * o.height * o.width * o.channels;
            // Does the output count towards the network's activations? (See figures.hpp.)
            const bool adds = (f & facts::new_tensor) != 0;
            const wide live = held + wide(in.depth) * in.height * in.width * in.channels + (adds ? out : 0);
            if (bad == rule::none &&
                (o.height >= dimension_limit || o.width >= dimension_limit || o.channels >= dimension_limit ||
                 o.depth >= dimension_limit || live > count_max || wide(r.weights) + r.biases > count_max))
                bad = rule::count_overflow;
            if (bad != rule::none) {
                fail(bad, i, k, merge::none, r.input_shape, r.output_shape);
                break;
            }
            if constexpr (Keep) {
                r.params = r.weights + r.biases;
                r.activations = adds ? count_t(out) : 0;
                r.peak_activations = count_t(live);
                cur = o;
                rf = r.receptive_field;
            }
            if (live > peak) peak = live;
            weights += r.weights;
            biases += r.biases;
            buffers += r.buffers;
            macs += r.macs;
            if (adds) activations += out;
            if constexpr (Sizes) {
                node_step& step = sizes[i - first];
                step.k = k;
                step.new_tensor = adds;
                step.out = out;
                step.scratch = scratch_of<Sizes>(k, s, in, o);  // kind_rule::scratch
            }
            ++leaf;
        } else if (k == kind::block_begin || k == kind::merge_begin) {
            stack[++top] = frame{i, cur, rf, shape{}, field{}, 0, 0,
                                 Keep ? totals{weights, biases, buffers, macs, activations, peak} : totals{}, s.how, held};
            if (k == kind::merge_begin) held += elements(cur);  // the input, for every branch
            else if (nodes[i].facts != 0) {  // shared<Tag, B>
                save();  // shared_begin() reads the running sums and the leaf count
                if (const std::size_t at = shared_begin(m, uses, nodes, i, n, cur); at != npos) {
                    m.error = failure{rule::shared_weights_differ, at, leaf + leaves_between(nodes, i, at),
                                      nodes[at].what->kind, merge::shared, cur, uses[uses[m.uses - 1].first].input};
                    break;
                }
                if constexpr (Keep) r.repeat_of = m.shift != 0 ? i - m.shift : no_node;
            }
        } else if (k == kind::branch) {
            frame& f = stack[top];
            if (f.seen > 0) {
                if (const rule bad = merge_into(f, f.how, cur, rf); bad != rule::none) {
                    fail(bad, i, k, f.how, f.merged, cur);
                    break;
                }
                held += elements(cur);  // a finished branch waits for the merge
            }
            f.seen += 1;
            cur = f.input;
            rf = f.receptive;
            if constexpr (Keep) {
                r.input_shape = cur;
                r.receptive_field = rf;
            }
        } else {  // block_end, merge_end
            frame& f = stack[top];
            if (k == kind::merge_end) {
                rule bad = f.seen == 0 ? rule::empty_merge : merge_into(f, f.how, cur, rf);
                if (bad == rule::none && !bounded(f.merged)) bad = rule::count_overflow;
                if (bad != rule::none) {
                    fail(bad, i, k, f.how, f.merged, cur);
                    break;
                }
                const wide live = held + elements(cur) + (f.how == merge::concat ? elements(f.merged) : 0);
                cur = f.merged;
                rf = f.merged_receptive;
                if (live > peak) peak = live;
                if constexpr (Keep) r.peak_activations = fits(live) ? count_t(live) : 0;
                if constexpr (Sizes) sizes[i - first].out = elements(cur);
                held = f.held;
                if (f.how == merge::concat) activations += elements(cur);
                else if (f.how == merge::output) {
                    save();  // side_output() holds the head's result in every open block (m.top)
                    side_output(m, stack, f, cur, rf);
                    held = m.held;
                }
            } else if (nodes[i].facts != 0) {  // shared<Tag, B>'s end
                save();  // shared_end() takes a repeat's counts back out of the running sums
                const std::size_t bad = shared_end(m, uses, i);
                weights = m.sum.weights;
                biases = m.sum.biases;
                buffers = m.sum.buffers;
                if (bad != npos) {
                    const shared_use& u = uses[bad];
                    m.error = failure{rule::shared_weights_differ, u.begin, u.leaf, kind::block_begin, merge::shared,
                                      u.input, uses[u.first].input};
                    break;
                }
            }
            if constexpr (Keep) {
                if (!difference(r, totals{weights, biases, buffers, macs, activations, peak}, f.before)) {
                    fail(rule::count_overflow, i, k, f.how, f.input, cur);
                    break;
                }
                r.input_shape = f.input;
                r.output_shape = f.how == merge::output ? f.merged : cur;  // a side output's row: its head's
                r.receptive_field = f.how == merge::output ? f.merged_receptive : rf;
                r.match = f.begin;
                r.depth = top - 1;
            }
            --top;
        }
        if constexpr (Keep && record_in_local) records[i - first] = made;
    }
    save();
    if constexpr (!Keep) {
        m.cur = cur;
        m.rf = rf;
    }
    if (last == n && m.error.broken == rule::none) {
        const totals& t = m.sum;
        m.total.output_shape = m.cur;
        m.total.receptive_field = m.rf;
        if (!fits(t.weights + t.biases) || !fits(t.buffers) || !fits(t.macs) || !fits(t.activations) || !fits(t.peak)) {
            m.error = failure{rule::count_overflow, n, m.leaf, kind::identity, merge::none, m.total.input_shape, m.cur};
            return;
        }
        m.total.weights = count_t(t.weights);
        m.total.biases = count_t(t.biases);
        m.total.params = count_t(t.weights + t.biases);
        m.total.buffers = count_t(t.buffers);
        m.total.macs = count_t(t.macs);
        m.total.activations = count_t(t.activations);
        m.total.peak_activations = count_t(t.peak);
    }
}

/// Nodes [first, first + chunk_size) of a network longer than one chunk, resuming `state`.
template <bool Keep, std::size_t Depth, std::size_t Shared, std::size_t N>
constexpr chunk<Depth, Shared, Keep ? chunk_length<N> : 1> run(const machine<Depth, Shared>& state,
                                                              const std::array<node, N>& all, std::size_t first) {
    chunk<Depth, Shared, Keep ? chunk_length<N> : 1> out{};  // value-initialized, then assigned: see fresh_machine()
    out.state = state;
    if (out.state.reg.error.broken != rule::none) return out;
    const std::size_t last = first + chunk_size < N ? first + chunk_size : N;
    if constexpr (copy_on_read) {
        const auto nodes = all;  // g++: one copy, not one per read
        run_on<Keep>(out.state.reg, out.state.stack.data(), out.state.uses.data(), out.records.data(), nodes.data(),
                     first, last, N);
    } else {
        run_on<Keep>(out.state.reg, out.state.stack.data(), out.state.uses.data(), out.records.data(), all.data(),
                     first, last, N);
    }
    return out;
}

/// What run_sized() returns: the machine and each node's node_step.
template <std::size_t Depth, std::size_t Shared, std::size_t Length>
struct sized_chunk {
    machine<Depth, Shared> state{};
    std::array<node_step, Length> sizes{};
};

/// Nodes [first, first + chunk_size) with their sizes, resuming `state` (every network in one on
/// g++, whose chunk has every node; the nodes then read from a local copy: see run_whole()).
template <std::size_t Depth, std::size_t Shared, std::size_t N>
constexpr sized_chunk<Depth, Shared, chunk_length<N>> run_sized(const machine<Depth, Shared>& state,
                                                               const std::array<node, N>& all, std::size_t first) {
    sized_chunk<Depth, Shared, chunk_length<N>> out{};  // value-initialized, then assigned: see fresh_machine()
    out.state = state;
    if (out.state.reg.error.broken != rule::none) return out;
    const std::size_t last = first + chunk_size < N ? first + chunk_size : N;
    layer_record scratch{};
#if defined(__clang__)
    const node* nodes = all.data();
#else
    const auto local = all;
    const node* nodes = local.data();
#endif
    run_on<false, true>(out.state.reg, out.state.stack.data(), out.state.uses.data(), &scratch, nodes, first, last, N,
                        out.sizes.data());
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
    static constexpr auto value = run<Keep>(fresh_machine<A::depth, A::shared>(A::input), A::nodes, 0);
};

/// The block or merge whose end marker is nodes[i]: its totals, left in the end marker's record by
/// run_on(), copied to its begin marker, which keeps its own spec, depth, index and repeat.
constexpr void close_block(layer_record* nodes, std::size_t i) {
    const layer_record& r = nodes[i];
    layer_record& begin = nodes[r.match];
    const spec keep = begin;
    const std::size_t depth = begin.depth, index = begin.index, repeat_of = begin.repeat_of;
    begin = r;
    static_cast<spec&>(begin) = keep;
    begin.depth = depth;
    begin.index = index;
    begin.match = i;
    begin.repeat_of = repeat_of;
}

/// Blocks among records [first, last) closed in place (their totals copied to their begin markers).
/// Two statements a node: the one evaluation that assembles a long network's records (clang: 2^20
/// statements) walks every node.
constexpr void close_blocks(layer_record* nodes, std::size_t first, std::size_t last) {
    for (std::size_t i = first; i < last; ++i)
        if (const kind k = nodes[i].kind; k == kind::block_end || k == kind::merge_end) close_block(nodes, i);
}

template <std::size_t N>
constexpr void finish(evaluation<N>& e) {
    if (e.error.broken == rule::none) close_blocks(e.nodes.data(), 0, N);
}

/// The leaves among n records, in order.
constexpr void list_leaves(const layer_record* nodes, layer_record* leaves, std::size_t n) {
    for (const layer_record* end = nodes + n; nodes != end; ++nodes)
        if (nodes->kind < kind::block_begin) *leaves++ = *nodes;
}

/// layers<Net>: the leaves' records, listed from nodes<Net> in an evaluation of their own.
template <std::size_t Leaves, std::size_t N>
constexpr std::array<layer_record, Leaves> leaves_of(const std::array<layer_record, N>& all) {
    std::array<layer_record, Leaves> out{};
    if constexpr (copy_on_read) {
        const auto local = all;  // g++: one copy, not one per read
        list_leaves(local.data(), out.data(), N);
    } else {
        list_leaves(all.data(), out.data(), N);
    }
    return out;
}

/// Chunk K's records copied into place and its blocks closed (a function, so that the chunk is read
/// once: see nodes.hpp).
template <class A, std::size_t K>
constexpr void place_chunk(layer_record* nodes, std::size_t n) {
    const auto local = chunk_at<A, K, true>::value.records;
    const std::size_t first = K * chunk_size;
    const std::size_t last = n - first < local.size() ? n : first + local.size();
    const layer_record* from = local.data();
    for (layer_record* to = nodes + first; to != nodes + last;) *to++ = *from++;
    close_blocks(nodes, first, last);
}

/// The whole node array in one evaluation: every network on g++ (which has no step limit), and
/// networks of one chunk on clang. g++ copies a whole static constexpr array on every read of one
/// of its elements, so the nodes are read from a local copy, made once.
template <bool Keep, std::size_t Depth, std::size_t Shared, std::size_t N>
constexpr machine<Depth, Shared> run_whole(const std::array<node, N>& all, const shape& input, layer_record* records) {
    machine<Depth, Shared> m = fresh_machine<Depth, Shared>(input);
    if (m.reg.error.broken != rule::none) return m;
    const auto nodes = all;
    run_on<Keep>(m.reg, m.stack.data(), m.uses.data(), records, nodes.data(), 0, N, N);
    return m;
}

template <std::size_t Depth, std::size_t Shared, std::size_t N>
constexpr evaluation<N> evaluate_whole(const shape& input, const std::array<node, N>& all) {
    evaluation<N> e{};
    const registers m = run_whole<true, Depth, Shared>(all, input, e.nodes.data()).reg;
    e.total = m.total;
    e.error = m.error;
    finish(e);
    return e;
}

/// The totals of a network evaluated whole, keeping no records (Shared: its shared<Tag, B> uses).
template <std::size_t Depth, std::size_t Shared = 0, std::size_t N>
constexpr outcome outcome_whole(const shape& input, const std::array<node, N>& all) {
    layer_record scratch{};
    const registers m = run_whole<false, Depth, Shared>(all, input, &scratch).reg;
    return outcome{m.total, m.error};
}

/// All chunks' records in one array (networks longer than a chunk).
template <class A, std::size_t N, std::size_t... K>
constexpr evaluation<N> assemble(std::index_sequence<K...>) {
    evaluation<N> e{};
    const registers& last = chunk_at<A, sizeof...(K) - 1, true>::value.state.reg;
    e.total = last.total;
    e.error = last.error;
    if (e.error.broken != rule::none) return e;
    using placer = void (*)(layer_record*, std::size_t);
    const placer placers[] = {&place_chunk<A, K>...};
    for (placer p : placers) p(e.nodes.data(), N);
    return e;
}

}  // namespace netshape::detail
