// A program outside netshape that uses it the way a user would: one include, figures proven by
// static_assert, the table printed. Built by tests/packaging.cmake against the installed tree
// (find_package, pkg-config, plain -I) and against the source tree (add_subdirectory).
#include <iostream>

#include <netshape/netshape.hpp>
#include <netshape/print.hpp>

namespace ns = netshape;

using tiny = ns::network<ns::input<8, 8, 3>,
    ns::conv2d<4, 3, ns::pad<1>>, ns::batch_norm, ns::relu,   // 8x8x4
    ns::max_pool<2>,                                          // 4x4x4
    ns::dense<10>>;                                           // 1x1x10

// Every figure by hand from the layer formulas (weights K*K*Cin*Cout, one bias per output unit,
// MACs = output positions * K*K*Cin):
//   conv2d:     3*3*3*4 = 108 weights + 4 biases, 8*8*4 * 3*3*3 = 6912 MACs
//   batch_norm: 4 weights + 4 biases (+ 8 buffers: running mean and variance)
//   dense:      4*4*4*10 = 640 weights + 10 biases, 640 MACs
static_assert(ns::output_shape<tiny> == ns::shape{1, 1, 10});
static_assert(ns::layers<tiny>[0].output_shape == ns::shape{8, 8, 4});
static_assert(ns::weights<tiny> == 108 + 4 + 640);
static_assert(ns::biases<tiny> == 4 + 4 + 10);
static_assert(ns::buffers<tiny> == 8);
static_assert(ns::params<tiny> == 770);
static_assert(ns::macs<tiny> == 6912 + 640);

#ifdef NETSHAPE_CONSUMER_HANA
// find_package(netshape COMPONENTS hana): the bridge's header and Boost's come with netshape::hana.
#include <boost/hana/fold_left.hpp>
#include <netshape/hana.hpp>
static_assert(boost::hana::fold_left(ns::hana::layers<tiny>, ns::count_t{0},
                                     [](ns::count_t sum, auto layer) { return sum + decltype(layer)::record.params; }) == 770);
#endif

int main() {
    std::cout << ns::summary<tiny>();
    // The packaging tests look for this line: the program was built and ran to the end.
    std::cout << "netshape consumer: params " << ns::params<tiny> << ", macs " << ns::macs<tiny> << '\n';
}
