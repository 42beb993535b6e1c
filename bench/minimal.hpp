// bench/minimal.hpp: the cheapest design that does netshape's job for a plain chain of layers, as
// a yardstick for compile_bench.py and perf_check.py (issues 11 and 20). Not part of netshape and
// not using it: the standard library only.
//
// A network's layer types are expanded into one constexpr std::array of plain records (a pack
// expansion, no recursion over the layers; each entry points at its layer type's one static record,
// which both compilers build far faster than an array of record copies), and one constexpr loop computes the output shape, the
// parameters and the MACs with PyTorch's output-size rule, floor((in + 2·pad − kernel) / stride) + 1:
//   conv2d<F, K, stride<S>, pad<P>>   weights K·K·C·F, biases F, MACs out_h·out_w·F·C·K·K
//   batch_norm                        2·C parameters
//   relu, max_pool<K, stride<S>, pad<P>>  none (a pool's stride defaults to its kernel)
// A window larger than its padded input stops the evaluation (not a constant expression).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace minimal {

// Options: each sets one of two numbers, and a layer sums its options' numbers (a fold over a
// pack of at most two types). 0 means "not given".
template <int N>
struct stride {
    static constexpr int stride_value = N, pad_value = 0;
};
template <int N>
struct pad {
    static constexpr int stride_value = 0, pad_value = N;
};

enum class op : unsigned char { conv2d, relu, batch_norm, max_pool };

// What a layer type compiles to: one record.
struct layer {
    op what = op::relu;
    int filters = 0;
    int kernel = 1;
    int stride = 1;
    int pad = 0;
};

template <int Filters, int Kernel, class... Options>
struct conv2d {
    static constexpr int given_stride = (0 + ... + Options::stride_value);
    static constexpr layer record{op::conv2d, Filters, Kernel, given_stride != 0 ? given_stride : 1,
                                  (0 + ... + Options::pad_value)};
};

template <int Kernel, class... Options>
struct max_pool {
    static constexpr int given_stride = (0 + ... + Options::stride_value);
    static constexpr layer record{op::max_pool, 0, Kernel, given_stride != 0 ? given_stride : Kernel,
                                  (0 + ... + Options::pad_value)};
};

struct relu {
    static constexpr layer record{op::relu};
};

struct batch_norm {
    static constexpr layer record{op::batch_norm};
};

template <int H, int W, int C>
struct input {};

struct shape {
    std::int64_t height = 0;
    std::int64_t width = 0;
    std::int64_t channels = 0;
};

struct figures {
    shape output{};
    std::int64_t params = 0;
    std::int64_t macs = 0;
};

// The one loop. The array is copied to a local once (g++ copies a whole static constexpr array on
// every read of one of its elements in a constant expression), and each record once into a local.
template <std::size_t N>
constexpr figures evaluate(shape in, const std::array<const layer*, N>& all) {
    const std::array<const layer*, N> layers = all;
    figures f{in};
    shape& s = f.output;
    for (const layer* const p : layers) {
        const layer l = *p;
        if (l.what == op::conv2d || l.what == op::max_pool) {
            const std::int64_t room_h = s.height + 2 * l.pad - l.kernel, room_w = s.width + 2 * l.pad - l.kernel;
            if (room_h < 0 || room_w < 0) throw "minimal: a window larger than its padded input";
            s.height = room_h / l.stride + 1;
            s.width = room_w / l.stride + 1;
            if (l.what == op::conv2d) {
                const std::int64_t weights = l.kernel * l.kernel * s.channels * l.filters;
                f.params += weights + l.filters;
                f.macs += s.height * s.width * weights;
                s.channels = l.filters;
            }
        } else if (l.what == op::batch_norm) {
            f.params += 2 * s.channels;
        }
    }
    return f;
}

template <class Input, class... Layers>
struct network;

template <int H, int W, int C, class... Layers>
struct network<input<H, W, C>, Layers...> {
    static constexpr std::array<const layer*, sizeof...(Layers)> layers{&Layers::record...};
    static constexpr figures value = evaluate(shape{H, W, C}, layers);
};

}  // namespace minimal
