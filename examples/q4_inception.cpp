// Q4 of the seed exercise: the Inception module on a 32×32×256 input, naive and with 1×1
// reductions: output depth, parameters and cost, proven.
//
// Seed errata: its parameter total for the reduced module, 388,672, leaves out the 64 biases of
// the pool projection (its last term is written 1·1·256·64 with no "+ 64"); the true figure is
// 388,736, and 388,672 is what the module has when that projection has no bias (proven below).
// Its written sum also omits the 3×3 convolution's term (3·3·128·192 + 192 = 221,376), although
// its total includes it.
#include <iostream>

#include <netshape/netshape.hpp>
#include <netshape/print.hpp>

namespace ns = netshape;

using input = ns::input<32, 32, 256>;

using naive = ns::network<input, ns::named<"naive inception", ns::concat<
    ns::named<"1×1", ns::conv2d<128, 1>>,
    ns::named<"3×3", ns::conv2d<192, 3, ns::pad<1>>>,
    ns::named<"5×5", ns::conv2d<96, 5, ns::pad<2>>>,
    ns::named<"pool", ns::max_pool<3, ns::stride<1>, ns::pad<1>>>>>>;

template <class... PoolProjectionOptions>
using reduced_with = ns::network<input, ns::named<"inception with 1×1 reductions", ns::concat<
    ns::named<"1×1", ns::conv2d<128, 1>>,
    ns::named<"3×3 branch", ns::sequential<ns::conv2d<128, 1>, ns::conv2d<192, 3, ns::pad<1>>>>,
    ns::named<"5×5 branch", ns::sequential<ns::conv2d<32, 1>, ns::conv2d<96, 5, ns::pad<2>>>>,
    ns::named<"pool branch", ns::sequential<ns::max_pool<3, ns::stride<1>, ns::pad<1>>,
                                            ns::conv2d<64, 1, PoolProjectionOptions...>>>>>>;
using reduced = reduced_with<>;
using reduced_seed = reduced_with<ns::no_bias>;  // what the seed's 388,672 counts

// (b) output depth
static_assert(ns::output_shape<naive> == ns::shape{32, 32, 128 + 192 + 96 + 256});  // 32×32×672
static_assert(ns::output_shape<reduced> == ns::shape{32, 32, 128 + 192 + 96 + 64});  // 32×32×480

// (c) parameters, term by term as the seed writes them
static_assert(ns::params<naive> == (1 * 1 * 256 * 128 + 128) + (3 * 3 * 256 * 192 + 192) + (5 * 5 * 256 * 96 + 96));
static_assert(ns::params<naive> == 1'089'952);
static_assert(ns::params<reduced> == (1 * 1 * 256 * 128 + 128) + (1 * 1 * 256 * 128 + 128) + (3 * 3 * 128 * 192 + 192) +
                                         (1 * 1 * 256 * 32 + 32) + (5 * 5 * 32 * 96 + 96) + (1 * 1 * 256 * 64 + 64));
static_assert(ns::params<reduced> == 388'736);
static_assert(ns::params<reduced_seed> == 388'672);                          // the seed's figure
static_assert(ns::params<reduced> - ns::params<reduced_seed> == 64);         // the pool projection's biases
static_assert(3 * 3 * 128 * 192 + 192 == 221'376);                           // the term the seed's sum omits

// (d) cost: MACs are out_h·out_w·filters·in_channels·k_h·k_w per convolution.
static_assert(ns::macs<naive> == 32 * 32 * (256 * 128 + 9 * 256 * 192 + 25 * 256 * 96));
static_assert(ns::macs<reduced> ==
              32 * 32 * (256 * 128 + 256 * 128 + 9 * 128 * 192 + 256 * 32 + 25 * 32 * 96 + 256 * 64));
// The seed's "factor of 2.8", in both parameters and MACs.
static_assert(ns::params<naive> * 10 / ns::params<reduced> == 28);
static_assert(ns::macs<naive> * 10 / ns::macs<reduced> == 28);

int main() {
    namespace fmt = ns::format;
    const auto ratio = [](ns::count_t a, ns::count_t b) { return static_cast<double>(a) / static_cast<double>(b); };
    std::cout << "Q4: the Inception module on 32×32×256.\n\nNaive:\n"
              << ns::summary<naive>() << "\nWith 1×1 reductions:\n"
              << ns::summary<reduced>() << "\n";
    std::cout.precision(3);
    std::cout << "(b) output: naive " << fmt::dims(ns::output_shape<naive>) << ", reduced "
              << fmt::dims(ns::output_shape<reduced>) << "\n"
              << "(c) parameters: naive " << fmt::thousands(ns::params<naive>) << ", reduced "
              << fmt::thousands(ns::params<reduced>) << "\n"
              << "    seed says 388,672: that is the reduced module without the pool projection's 64 biases ("
              << fmt::thousands(ns::params<reduced_seed>) << " with no_bias); its written sum also omits the 3×3 term (221,376).\n"
              << "(d) naive / reduced: parameters " << ratio(ns::params<naive>, ns::params<reduced>) << "×, MACs "
              << ratio(ns::macs<naive>, ns::macs<reduced>) << "× (" << fmt::thousands(ns::macs<naive>) << " vs "
              << fmt::thousands(ns::macs<reduced>) << ")\n";
}
