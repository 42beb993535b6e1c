// Boost.Hana bridge, example 1: statically sized output buffers, one per layer, sized from the
// records the compiler computed. A layer that works in place (ReLU) or is a view (flatten) gets a
// buffer too here, so that the tuple lines up with layers<Net> index by index.
#include <array>
#include <cstddef>
#include <iostream>

#include <boost/hana.hpp>

#include <netshape/hana.hpp>
#include <netshape/netshape.hpp>
#include <netshape/zoo/lenet.hpp>

namespace ns = netshape;
namespace nh = netshape::hana;
namespace hana = boost::hana;

using net = ns::zoo::lenet5;

// One std::array<float, N> per layer, N its output's elements. The buffers live in static storage:
// their size is known before the program runs.
template <class Layer>
using buffer_of = std::array<float, static_cast<std::size_t>(Layer::record.output_shape.elements())>;

constexpr auto buffer_types = hana::transform(nh::layers<net>, [](auto layer) { return hana::type_c<buffer_of<decltype(layer)>>; });
using buffers_t = decltype(hana::unpack(buffer_types, hana::template_<hana::tuple>))::type;
static buffers_t buffers{};

static_assert(hana::length(buffers) == hana::size_c<ns::layers<net>.size()>);
static_assert(std::tuple_size_v<std::remove_cvref_t<decltype(hana::at_c<0>(buffers))>> == 28 * 28 * 6);  // conv 5x5 on 32x32
static_assert(std::tuple_size_v<std::remove_cvref_t<decltype(hana::back(buffers))>> == 10);               // the classifier
// The float count of every buffer together: the activations after the input, layer by layer.
constexpr std::size_t floats = hana::fold_left(nh::layers<net>, std::size_t{0}, [](std::size_t sum, auto layer) {
    return sum + static_cast<std::size_t>(decltype(layer)::record.output_shape.elements());
});
static_assert(sizeof(buffers_t) == floats * sizeof(float));

int main() {
    std::size_t total = 0;
    hana::for_each(nh::layers<net>, [&](auto layer) {
        using L = decltype(layer);
        auto& buffer = hana::at_c<L::index>(buffers);
        buffer.fill(static_cast<float>(L::index));
        total += buffer.size();
        std::cout << "layer " << L::index << " (" << ns::name_of(L::record.kind) << "): std::array<float, " << buffer.size()
                  << ">\n";
    });
    std::cout << "lenet5: " << hana::length(buffers) << " buffers, " << total << " floats, " << sizeof(buffers) << " bytes\n";
    return total == floats && hana::back(buffers)[0] == static_cast<float>(ns::layers<net>.size() - 1) ? 0 : 1;
}
