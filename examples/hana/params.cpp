// Boost.Hana bridge, example 3: a fold over the layers that re-derives params<Net> (and buffers
// and MACs) at compile time, for zoo models of several families. Each sum is over the leaf
// layers' own records; netshape's totals come from its interpreter: the two must agree.
#include <iostream>

#include <boost/hana.hpp>

#include <netshape/hana.hpp>
#include <netshape/netshape.hpp>
#include <netshape/zoo.hpp>

namespace ns = netshape;
namespace nh = netshape::hana;
namespace hana = boost::hana;
using ns::count_t;

/// The sums of three figures over Net's leaf layers, by hana::fold_left.
struct sums {
    count_t params = 0, buffers = 0, macs = 0;
};
template <class Net>
constexpr sums folded = hana::fold_left(nh::layers<Net>, sums{}, [](sums s, auto layer) {
    using L = decltype(layer);
    return sums{s.params + L::record.params, s.buffers + L::record.buffers, s.macs + L::record.macs};
});

template <class Net>
constexpr bool agrees = folded<Net>.params == ns::params<Net> && folded<Net>.buffers == ns::buffers<Net> &&
                        folded<Net>.macs == ns::macs<Net>;

static_assert(agrees<ns::zoo::resnet18>);
static_assert(agrees<ns::zoo::mobilenet_v3_large>);
static_assert(agrees<ns::zoo::googlenet_aux>);   // side outputs: their heads are layers too
static_assert(agrees<ns::zoo::vit_b_16>);
static_assert(folded<ns::zoo::resnet18>.params == 11'689'512);  // torchvision's count

// A filter and a count: resnet18's convolutions, and its weights by fold over those alone.
constexpr auto convs = hana::filter(nh::layers<ns::zoo::resnet18>, nh::is<ns::kind::conv2d>);
static_assert(hana::length(convs) == hana::size_c<20>);  // 17 in the main path, 3 projections
static_assert(hana::count_if(nh::layers<ns::zoo::resnet18>, nh::is<ns::kind::batch_norm>) == hana::size_c<20>);

template <class Net>
void show(const char* name) {
    std::cout << name << ": " << hana::length(nh::layers<Net>) << " layers, folded params " << folded<Net>.params
              << " (params<Net> " << ns::params<Net> << "), buffers " << folded<Net>.buffers << ", MACs "
              << folded<Net>.macs << "\n";
}

int main() {
    show<ns::zoo::resnet18>("resnet18");
    show<ns::zoo::mobilenet_v3_large>("mobilenet_v3_large");
    show<ns::zoo::googlenet_aux>("googlenet_aux");
    show<ns::zoo::vit_b_16>("vit_b_16");
}
