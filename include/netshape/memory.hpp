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
//   inference arena  (params + buffers) · b + B · arena<Net, Plan>.bytes   (memory<Net, Plan>, arena.hpp)
//   training total   parameters + buffers + gradients + optimizer state + activations
// They are estimates of what the tensors themselves occupy: a framework adds workspace
// (convolution algorithms, allocator rounding), masks for dropout and ReLU, and master copies in
// mixed precision, none of which a network's shape determines.
//
// Every option is checked (a positive batch, a precision and an optimizer that are enumerators),
// and so is every product and sum (nothing wraps). A broken rule is reported as "netshape: <rule>":
//   - at compile time, as the first error on both compilers when the options are constants at the
//     call (`constexpr auto m = memory<Net>({.batch = 0});`): on clang from a diagnose_if attribute
//     on memory(); on g++ as the call to a non-constexpr function whose template argument is the
//     message. (On g++ inside a static_assert, g++'s own "non-constant condition" line comes
//     first and the rule is the next error.)
//   - at run time, by throwing memory_error (its .broken and .what()); memory_check<Net>(options)
//     returns the rule broken, or memory_rule::none, without throwing.
#pragma once

#include <netshape/detail/checked.hpp>
#include <netshape/detail/fixed_string.hpp>
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
    /// Weights, buffers and the batch's static memory plan (arena.hpp): what the forward pass needs
    /// when its tensors are laid out in one buffer. memory<Net, Plan>(options) (arena.hpp) fills it;
    /// memory<Net>(options) leaves it 0, since the core plans nothing.
    count_t inference_arena = 0;

    /// The sum of the training terms (memory() has checked that it fits in 64 bits).
    [[nodiscard]] constexpr count_t training_total() const {
        return parameters + buffers + gradients + optimizer_state + activations;
    }
};

/// Every rule a memory estimate checks, once: X(enumerator, message). The enum, message(), the
/// run-time report and both compilers' compile-time reports are generated from this list.
// clang-format off
#define NETSHAPE_MEMORY_RULES(X) \
    X(batch_not_positive, "netshape: memory batch size must be positive") \
    X(precision_unknown, "netshape: memory precision is not fp32, fp16, bf16 or int8") \
    X(optimizer_unknown, "netshape: memory optimizer is not sgd, sgd_momentum or adam") \
    X(overflow, "netshape: memory estimate overflows 64 bits")
// clang-format on

#define NETSHAPE_MEMORY_ENUMERATOR(name, text) name,
enum class memory_rule : unsigned char { none, NETSHAPE_MEMORY_RULES(NETSHAPE_MEMORY_ENUMERATOR) };
#undef NETSHAPE_MEMORY_ENUMERATOR

namespace detail {
#define NETSHAPE_MEMORY_MESSAGE(name, text) text,
inline constexpr const char* memory_messages[] = {"", NETSHAPE_MEMORY_RULES(NETSHAPE_MEMORY_MESSAGE)};
#undef NETSHAPE_MEMORY_MESSAGE
}  // namespace detail

/// The message a memory rule is reported with ("" for none; an unknown value reads as none).
[[nodiscard]] constexpr const char* message(memory_rule r) {
    const auto i = static_cast<unsigned>(r);
    return i < sizeof(detail::memory_messages) / sizeof(detail::memory_messages[0]) ? detail::memory_messages[i] : "";
}

/// Thrown by memory() at run time when a rule is broken. (Not a std::exception: that would pull
/// <stdexcept> and <string> into every user of netshape.hpp; catch it by this type.)
struct memory_error {
    memory_rule broken = memory_rule::none;
    [[nodiscard]] constexpr const char* what() const noexcept { return message(broken); }
};

namespace detail {

struct memory_result {
    memory_estimate estimate{};
    memory_rule broken = memory_rule::none;
};

/// The estimate from a network's totals, or the first rule broken: one plain function, compiled
/// once. Products and sums in 128 bits, each checked before it feeds the next (so none can
/// overflow 128 bits), compare no pointers, and never throw: the caller reports.
constexpr memory_result estimate_memory(const memory_options& o, const layer_record& whole) {
    if (o.batch <= 0) return {{}, memory_rule::batch_not_positive};
    if (static_cast<unsigned>(o.precision) > static_cast<unsigned>(precision::int8))
        return {{}, memory_rule::precision_unknown};
    if (static_cast<unsigned>(o.optimizer) > static_cast<unsigned>(optimizer::adam))
        return {{}, memory_rule::optimizer_unknown};
    const wide b = bytes_per_element(o.precision), per_batch = o.batch * b;  // batch < 2^63, b <= 4
    const wide parameters = whole.params * b, buffers = whole.buffers * b;         // below 2^65
    const wide state = parameters * state_per_parameter(o.optimizer);          // below 2^66
    // A per-batch factor beyond 64 bits is not multiplied further (the product could leave 128).
    const wide beyond = wide(count_max) + 1;
    const wide activations = fits(per_batch) ? whole.activations * per_batch : beyond;  // below 2^126
    const wide peak = fits(per_batch) ? parameters + buffers + whole.peak_activations * per_batch : beyond;
    const wide training = parameters + buffers + parameters + state + activations;
    if (!fits(state) || !fits(activations) || !fits(peak) || !fits(training)) return {{}, memory_rule::overflow};
    return {{count_t(parameters), count_t(buffers), count_t(parameters), count_t(state), count_t(activations),
             count_t(peak)},
            memory_rule::none};
}

/// Reports a broken memory rule: at run time by throwing memory_error; in constant evaluation,
/// being a call to a function that is not constexpr, it stops compilation, and g++ names the
/// function with its template argument, the message, on the error's first line.
template <fixed_string Message>
[[noreturn]] void memory_rule_broken(memory_rule r) {
    throw memory_error{r};
}

}  // namespace detail

/// The rule `options` break for Net (memory_rule::none when memory<Net>(options) succeeds); for
/// callers that check values from outside before they ask, without an exception.
template <class Net>
[[nodiscard]] constexpr memory_rule memory_check(memory_options o = {}) {
    return detail::estimate_memory(o, detail::analysis<Net>::value.total).broken;
}

// On clang, each rule is a diagnose_if attribute of memory(): when the options are constants at
// the call, the rule they break is reported there, with its message as the error's first line.
// (A clang extension: -Wgcc-compat says so, and is silenced for this declaration only.)
#if defined(__clang__)
#define NETSHAPE_MEMORY_DIAGNOSE(name, text) \
    __attribute__((diagnose_if(memory_check<Net>(o) == memory_rule::name, text, "error")))
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wgcc-compat"
#else
#define NETSHAPE_MEMORY_DIAGNOSE(name, text)
#endif

/// The memory estimate of Net for the given batch size, precision and optimizer (formulas above).
/// A broken rule is a compile error in constant evaluation and throws memory_error at run time.
template <class Net>
constexpr memory_estimate memory(memory_options o = {}) NETSHAPE_MEMORY_RULES(NETSHAPE_MEMORY_DIAGNOSE) {
    const detail::memory_result r = detail::estimate_memory(o, detail::analysis<Net>::value.total);
    switch (r.broken) {
        case memory_rule::none: break;
#define NETSHAPE_MEMORY_REPORT(name, text) \
    case memory_rule::name: detail::memory_rule_broken<text>(r.broken);
        NETSHAPE_MEMORY_RULES(NETSHAPE_MEMORY_REPORT)
#undef NETSHAPE_MEMORY_REPORT
    }
    return r.estimate;
}

#if defined(__clang__)
#pragma clang diagnostic pop
#endif
#undef NETSHAPE_MEMORY_DIAGNOSE

}  // namespace netshape
