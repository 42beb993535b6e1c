// <netshape/hana.hpp> at run time (for_each, filter) and on a network with a side output and every
// merge; bridges/hana_zoo.cpp checks every zoo model at compile time.
#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/hana.hpp>
#include <doctest/doctest.h>

#include <netshape/hana.hpp>
#include <netshape/netshape.hpp>

#include <netshape/zoo.hpp>

namespace ns = netshape;
namespace nh = netshape::hana;
namespace hana = boost::hana;
using ns::count_t;

namespace {

// A hand-written network with a side output and every merge: the sequence still holds every leaf.
using mixed = ns::network<ns::input<16, 16, 3>,
    ns::named<"stem", ns::conv2d<8, 3, ns::pad<1>>>,
    ns::output<ns::sequential<ns::global_avg_pool, ns::flatten, ns::named<"aux", ns::dense<4>>>>,
    ns::concat<ns::conv2d<4, 1>, ns::sequential<ns::conv2d<4, 3, ns::pad<1>>, ns::batch_norm>>,
    ns::add<ns::identity, ns::relu>,
    ns::global_avg_pool, ns::flatten, ns::named<"fc", ns::dense<10>>>;
// A fold over the sequence gives the interpreter's totals.
static_assert(hana::fold_left(nh::layers<mixed>, count_t{0}, [](count_t sum, auto layer) { return sum + decltype(layer)::record.params; }) ==
              ns::params<mixed>);
static_assert(decltype(hana::length(nh::layers<mixed>))::value == 12);  // stem; the head: 3; concat: 3; add: 2; pool, flatten, fc
static_assert(hana::at_c<3>(nh::layers<mixed>).record.kind == ns::kind::dense && hana::at_c<3>(nh::layers<mixed>).record.units == 4);

}  // namespace

TEST_CASE("hana: for_each visits every layer of resnet50 in order, with its name") {
    using net = ns::zoo::resnet50;
    std::vector<std::size_t> indices;
    std::vector<std::string> names;
    hana::for_each(nh::layers<net>, [&](auto layer) {
        indices.push_back(decltype(layer)::index);
        names.emplace_back(decltype(layer)::record.name);
    });
    REQUIRE(indices.size() == ns::layers<net>.size());
    for (std::size_t i = 0; i < indices.size(); ++i) {
        CHECK(indices[i] == i);
        CHECK(names[i] == ns::layers<net>[i].name);
    }
    CHECK(names.front() == "conv1");
    CHECK(names.back() == "fc");
}

TEST_CASE("hana: a filter keeps the objects themselves, in order") {
    using net = ns::zoo::mobilenet_v3_large;
    std::vector<std::size_t> via_hana, via_loop;
    hana::for_each(hana::filter(nh::layers<net>, nh::is<ns::kind::conv2d>), [&](auto layer) { via_hana.push_back(decltype(layer)::index); });
    for (const auto& r : ns::layers<net>)
        if (r.kind == ns::kind::conv2d) via_loop.push_back(r.index);
    CHECK(via_hana == via_loop);
    CHECK(via_hana.size() == 62);  // torchvision's mobilenet_v3_large has 62 Conv2d modules
}
