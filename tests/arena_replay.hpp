// A run-time replay of a plan (netshape/arena.hpp): one buffer of exactly `bytes` (heap-allocated,
// so that AddressSanitizer reports any access past it), and the forward pass walked from nodes<Net>
// with this file's own reading of the dataflow. Each step checks that every tensor it reads still
// holds what its writer wrote (a checksum of its bytes taken when they were written), writes its
// output where the plan says, and checks its inputs again unless the step writes over them on
// purpose (an in-place add over an input of its size, a concat's branch in its own slice). The
// outputs are checked at the end. The replay takes from the plan only each tensor's writer and
// offset: lifetimes are its own, so a plan that reuses bytes too early fails here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <netshape/arena.hpp>

namespace arena_replay {

namespace ns = netshape;

struct value {
    std::size_t tensor = 0;
    std::size_t begin = 0;   // bytes from the tensor's offset
    std::size_t length = 0;  // bytes
};

struct frame {
    value input{};
    std::vector<value> branches{};
    std::size_t seen = 0;
    ns::merge how = ns::merge::none;
};

/// Replays `plan` (the plan of Net under P, or a copy of it altered by a test). Returns "" when
/// every check held, else the first failure.
template <class Net, ns::plan P, class Plan>
std::string replay(const Plan& plan) {
    const auto& records = ns::nodes<Net>;
    const std::size_t n = records.size(), count = plan.tensors.size();
    const auto eb = static_cast<std::size_t>(P.element_bytes);
    std::vector<std::size_t> written(n, ns::no_tensor), scratch(n, ns::no_tensor);
    std::size_t input = ns::no_tensor;
    for (std::size_t t = 0; t < count; ++t) {
        const ns::arena_tensor& x = plan.tensors[t];
        if (x.writer == ns::arena_input) input = t;
        else if (x.writer >= n) return "tensor " + std::to_string(t) + ": its writer is no node";
        else if (x.scratch) scratch[x.writer] = t;
        else written[x.writer] = t;
        if (x.offset < 0 || x.offset + x.bytes > plan.bytes) return "tensor " + std::to_string(t) + " outside the buffer";
    }
    if (input == ns::no_tensor) return "no input tensor";
    // The data bytes of each tensor (its record's size is rounded up): from the nodes, not the plan.
    std::vector<std::size_t> length(count, 0);
    length[input] = static_cast<std::size_t>(ns::input_shape<Net>.elements()) * eb;
    for (std::size_t i = 0; i < n; ++i) {
        const ns::layer_record& r = records[i];
        if (written[i] != ns::no_tensor) length[written[i]] = static_cast<std::size_t>(r.output_shape.elements()) * eb;
        if (scratch[i] != ns::no_tensor)
            length[scratch[i]] = static_cast<std::size_t>(r.kernel.height * r.kernel.width *
                                                          (r.input_shape.channels / r.groups) * r.output_shape.height *
                                                          r.output_shape.width) * eb;
    }
    for (std::size_t t = 0; t < count; ++t)
        if (length[t] > static_cast<std::size_t>(plan.tensors[t].bytes))
            return "tensor " + std::to_string(t) + " is smaller than its data";

    const std::unique_ptr<unsigned char[]> buffer(new unsigned char[static_cast<std::size_t>(plan.bytes)]);
    std::vector<std::uint64_t> sums(count, 0);
    const auto at = [&](std::size_t t) { return buffer.get() + plan.tensors[t].offset; };
    // Eight bytes at a time (memcpy: tensors need not be aligned to eight), then the tail.
    const auto checksum = [&](std::size_t t) {
        std::uint64_t h = 1469598103934665603ull;
        const unsigned char* p = at(t);
        std::size_t j = 0;
        for (; j + 8 <= length[t]; j += 8) {
            std::uint64_t w = 0;
            std::memcpy(&w, p + j, 8);
            h = (h ^ w) * 1099511628211ull;
            h ^= h >> 29;
        }
        for (; j < length[t]; ++j) h = (h ^ p[j]) * 1099511628211ull;
        return h;
    };
    const auto write = [&](std::size_t t, std::size_t step) {
        std::uint64_t x = (std::uint64_t(step) << 32) ^ (t * 0x9e3779b97f4a7c15ull) ^ 0x5bd1e995ull;
        unsigned char* p = at(t);
        for (std::size_t j = 0; j < length[t]; j += 8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            std::memcpy(p + j, &x, length[t] - j < 8 ? length[t] - j : 8);
        }
        sums[t] = checksum(t);
    };
    std::string failure;
    const auto check = [&](std::size_t t, std::size_t step, const char* when) {
        if (failure.empty() && checksum(t) != sums[t])
            failure = "step " + std::to_string(step) + " (" + when + "): tensor " + std::to_string(t) +
                      " no longer holds what its writer wrote";
    };
    const auto whole = [&](std::size_t t) { return value{t, 0, length[t]}; };

    write(input, 0);
    value cur = whole(input);
    std::vector<frame> stack;
    std::vector<std::size_t> outputs;
    for (std::size_t i = 0; i < n && failure.empty(); ++i) {
        const ns::layer_record& r = records[i];
        if (!ns::is_structure(r.kind)) {
            check(cur.tensor, i, "input");
            if (r.info->stores == ns::storage::new_tensor) {
                const std::size_t o = written[i];
                if (o == ns::no_tensor) return "node " + std::to_string(i) + " writes no tensor";
                if (scratch[i] != ns::no_tensor) write(scratch[i], i);
                write(o, i);
                check(cur.tensor, i, "input after the output is written");
                if (scratch[i] != ns::no_tensor) check(scratch[i], i, "scratch after the output is written");
                cur = whole(o);
            } else if (r.info->stores == ns::storage::in_place) {
                write(cur.tensor, i);
            } else if (r.kind == ns::kind::channel_slice) {  // channels first: a contiguous range
                const std::size_t per_channel = static_cast<std::size_t>(r.input_shape.elements() / r.input_shape.channels) * eb;
                cur.begin += static_cast<std::size_t>(r.first) * per_channel;
                cur.length = static_cast<std::size_t>(r.output_shape.elements()) * eb;
            }
        } else if (r.kind == ns::kind::merge_begin) {
            stack.push_back(frame{cur, {}, 0, r.how});
        } else if (r.kind == ns::kind::branch) {
            frame& f = stack.back();
            if (f.seen++ > 0) f.branches.push_back(cur);
            cur = f.input;
        } else if (r.kind == ns::kind::merge_end) {
            frame f = stack.back();
            stack.pop_back();
            f.branches.push_back(cur);
            if (f.how == ns::merge::output) {
                outputs.push_back(cur.tensor);
                cur = f.input;
                continue;
            }
            for (const value& v : f.branches) check(v.tensor, i, "branch");
            const std::size_t o = written[i];
            if (o == ns::no_tensor) return "merge " + std::to_string(i) + " writes no tensor";
            std::vector<bool> over(f.branches.size(), false);  // written over on purpose
            if (f.how == ns::merge::concat) {
                std::size_t offset = 0;
                for (std::size_t b = 0; b < f.branches.size(); ++b) {
                    const value& v = f.branches[b];
                    unsigned char* from = at(v.tensor) + v.begin;
                    over[b] = from == at(o) + offset;
                    std::memmove(at(o) + offset, from, v.length);
                    offset += v.length;
                }
                sums[o] = checksum(o);
            } else {
                write(o, i);
                for (std::size_t b = 0; b < f.branches.size(); ++b)
                    over[b] = at(f.branches[b].tensor) == at(o) && length[f.branches[b].tensor] == length[o];
            }
            for (std::size_t b = 0; b < f.branches.size(); ++b)
                if (!over[b]) check(f.branches[b].tensor, i, "branch after the merge's output is written");
            cur = whole(o);
        }
    }
    outputs.push_back(cur.tensor);
    for (std::size_t t : outputs) check(t, n, "output at the end");
    return failure;
}

}  // namespace arena_replay
