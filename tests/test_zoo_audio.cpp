// zoo::m5 (Dai et al. 2017, as torchaudio's speech-command tutorial writes it) equals the PyTorch
// definition of tools/m5_reference.py (tests/data/m5_reference.hpp) in parameters, buffers, output
// and MACs, at the tutorial's size and others; its every named layer has the module's name and
// output shape.
#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <string_view>

#include <netshape/format/describe.hpp>
#include <netshape/zoo/audio.hpp>

#include "data/m5_reference.hpp"

namespace ns = netshape;
namespace zoo = netshape::zoo;
namespace ref = m5_reference;

namespace {
template <class Net>
constexpr bool equals(const ref::model& m) {
    return ns::input_shape<Net> == ns::shape::sequence(m.samples, m.channels) && ns::params<Net> == m.params &&
           ns::buffers<Net> == m.buffers && ns::output_shape<Net> == ns::shape::sequence(m.output.length, m.output.channels) &&
           ns::macs<Net> == m.macs;
}
}  // namespace

static_assert(equals<zoo::m5>(ref::m5));
static_assert(equals<zoo::m5_of<16000, 10, 2, 24>>(ref::m5_16000x2_10_width24));
static_assert(equals<zoo::m5_of<9999>>(ref::m5_9999));
// The tutorial's count, as its page prints it.
static_assert(ns::params<zoo::m5> == 26'915);

TEST_CASE("zoo: m5's layers are the PyTorch definition's, name by name and shape by shape") {
    const auto& all = ns::nodes<zoo::m5>;
    const auto paths = ns::format::qualified_names(all.data(), all.size());
    std::size_t k = 0;
    constexpr std::size_t n = sizeof(ref::m5_layers) / sizeof(ref::m5_layers[0]);
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& r = all[i];
        if (ns::is_structure(r.kind) || r.name[0] == '\0') continue;
        REQUIRE(k < n);
        INFO("layer ", k, ": ", paths[i]);
        CHECK(paths[i] == std::string_view(ref::m5_layers[k].name));
        CHECK(r.output_shape == ns::shape::sequence(ref::m5_layers[k].output.length, ref::m5_layers[k].output.channels));
        ++k;
    }
    CHECK(k == n);
}
