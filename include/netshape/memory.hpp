// netshape/memory.hpp: how much memory a network needs to run or to train, from its figures.
//
//   constexpr auto m = netshape::memory<resnet50>(netshape::memory_options{.batch = 32,
//                          .precision = netshape::precision::fp16, .optimizer = netshape::optimizer::adam});
//   static_assert(m.training_total() < 16ll << 30);
//
// Formulas (bytes; b = bytes per element of the chosen precision, B = batch size):
//   parameters       params · b
//   buffers          buffers · b                  (batch norm running statistics)
//   gradients        params · b                   (one per parameter, training only)
//   optimizer state  params · b · s, s = 0 for SGD, 1 for SGD with momentum (the velocity),
//                    2 for Adam (first and second moments)
//   activations      B · activations · b          (every tensor kept for the backward pass: the
//                                                  activations figure; in-place functions add none)
//   inference peak   (params + buffers) · b + B · peak_activations · b
//   training total   parameters + buffers + gradients + optimizer state + activations
// They are estimates of what the tensors themselves occupy: a framework adds workspace
// (convolution algorithms, allocator rounding), masks for dropout and ReLU, and master copies in
// mixed precision, none of which a network's shape determines.
#pragma once

#include <netshape/figures.hpp>

namespace netshape {

/// Bytes per element.
enum class precision : unsigned char { fp32, fp16, bf16, int8 };

[[nodiscard]] constexpr count_t bytes_per_element(precision p) {
    switch (p) {
        case precision::fp32: return 4;
        case precision::fp16: return 2;
        case precision::bf16: return 2;
        case precision::int8: return 1;
    }
    return 4;
}

enum class optimizer : unsigned char { sgd, sgd_momentum, adam };

/// Extra values an optimizer keeps per parameter.
[[nodiscard]] constexpr count_t state_per_parameter(optimizer o) {
    switch (o) {
        case optimizer::sgd: return 0;
        case optimizer::sgd_momentum: return 1;
        case optimizer::adam: return 2;
    }
    return 0;
}

struct memory_options {
    count_t batch = 1;
    netshape::precision precision = precision::fp32;
    netshape::optimizer optimizer = optimizer::sgd;
};

/// Bytes, by what they hold.
struct memory_estimate {
    count_t parameters = 0;
    count_t buffers = 0;
    count_t gradients = 0;
    count_t optimizer_state = 0;
    count_t activations = 0;     // kept for the backward pass
    count_t inference_peak = 0;  // weights, buffers and the live activations of a forward pass

    /// The sum of the training terms (memory() has checked that it fits in 64 bits).
    [[nodiscard]] constexpr count_t training_total() const {
        return parameters + buffers + gradients + optimizer_state + activations;
    }
};

/// Thrown by memory() when an estimate would not fit in 64 bits. (Not std::overflow_error: that
/// would pull <stdexcept> and <string> into every user of netshape.hpp.)
struct memory_overflow {
    [[nodiscard]] constexpr const char* what() const noexcept { return "netshape: memory estimate overflows 64 bits"; }
};

namespace detail {
/// memory() takes its options as run-time values, so an overflow cannot be a static_assert: it
/// throws, which in a constant expression stops compilation at this line and at run time is an
/// exception a caller can catch. It never wraps.
constexpr count_t checked_product(count_t a, count_t b) {
    count_t r = 0;
    if (__builtin_mul_overflow(a, b, &r)) throw memory_overflow{};
    return r;
}
constexpr count_t checked_sum(count_t a, count_t b) {
    count_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) throw memory_overflow{};
    return r;
}
}  // namespace detail

/// The memory estimate of Net for the given batch size, precision and optimizer (formulas above).
template <class Net>
constexpr memory_estimate memory(memory_options o = {}) {
    const count_t b = bytes_per_element(o.precision);
    const count_t per_batch = detail::checked_product(o.batch, b);
    memory_estimate m{};
    m.parameters = detail::checked_product(params<Net>, b);
    m.buffers = detail::checked_product(buffers<Net>, b);
    m.gradients = m.parameters;
    m.optimizer_state = detail::checked_product(m.parameters, state_per_parameter(o.optimizer));
    m.activations = detail::checked_product(activations<Net>, per_batch);
    m.inference_peak =
        detail::checked_sum(detail::checked_sum(m.parameters, m.buffers), detail::checked_product(peak_activations<Net>, per_batch));
    (void)detail::checked_sum(detail::checked_sum(m.parameters, m.buffers),
                              detail::checked_sum(detail::checked_sum(m.gradients, m.optimizer_state), m.activations));
    return m;
}

}  // namespace netshape
