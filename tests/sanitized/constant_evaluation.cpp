// Compiled with -fsanitize=undefined (tests/sanitized.cmake): g++'s null checks (which imply
// -fno-delete-null-pointer-checks) make a comparison of an object's address with nullptr, or with
// another object's, not a constant expression. Every figure, record, name, summary and memory
// estimate below must still be one.
#include <string_view>

#include <netshape/netshape.hpp>
#include <netshape/print.hpp>
#include <netshape/zoo.hpp>

namespace ns = netshape;

using net = ns::network<ns::input<8, 8, 3>, ns::named<"stem", ns::conv2d<4, 3, ns::pad<1>>>, ns::named<"", ns::relu>,
                        ns::named<"block", ns::add<ns::sequential<ns::named<"conv", ns::conv2d<4, 1>>, ns::batch_norm>,
                                                   ns::identity>>,
                        ns::global_avg_pool, ns::dense<2>>;

static_assert(ns::params<net> > 0 && ns::layers<net>.size() == 7 && ns::nodes<net>.size() == 13);
static_assert(std::string_view(ns::layers<net>[0].name) == "stem" && ns::layers<net>[1].name[0] == '\0');
static_assert(std::string_view(ns::nodes<net>[2].name) == "block" && ns::nodes<net>[2].kind == ns::kind::merge_begin);
static_assert(ns::description(ns::layers<net>[0]) == "conv 3×3, 4, pad 1" && ns::description(ns::nodes<net>[2]).size() == 0);
static_assert(ns::info_of(ns::kind::conv2d)->name[0] == 'c');

// A block found by its name at compile time (as examples/formats.cpp finds resnet18's layer1).
constexpr ns::count_t params_of(std::string_view name) {
    for (const ns::layer_record& r : ns::nodes<ns::zoo::resnet18>)
        if (r.kind == ns::kind::block_begin && std::string_view(r.name) == name) return r.params;
    return -1;
}
static_assert(params_of("layer1") == 4 * (3 * 3 * 64 * 64 + 2 * 64));

constexpr auto m = ns::memory<net>({.batch = 4, .precision = ns::precision::fp16, .optimizer = ns::optimizer::adam});
static_assert(m.parameters == ns::params<net> * 2 && ns::memory_check<net>({.batch = 0}) == ns::memory_rule::batch_not_positive);

// The printer's tables are built from the same constants.
const ns::table text = ns::summary<net>();
const ns::table zoo = ns::summary<ns::zoo::resnet18>().depth(1).dot();
