// Q3 of the seed exercise: the receptive field of stacked convolutions.
//
// Three stacked 5×5 convolutions (stride 1, no padding) see 13×13 of the input, and the seed's
// general law holds: N stacked F×F convolutions give the same output size and the same receptive
// field as one (NF − N + 1)×(NF − N + 1) convolution. Proven here over a grid of N and F (and two
// input sizes), each case a pair of networks the compiler analyses.
#include <cstddef>
#include <iostream>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/print.hpp>

namespace ns = netshape;

using three_5x5 = ns::network<ns::input<32, 32, 3>,
    ns::conv2d<64, 5>, ns::relu, ns::conv2d<64, 5>, ns::relu, ns::conv2d<64, 5>, ns::relu>;
static_assert(ns::receptive_field<three_5x5>.height == 13 && ns::receptive_field<three_5x5>.width == 13);
static_assert(ns::output_shape<three_5x5> == ns::shape{32 - 12, 32 - 12, 64});  // L − 12, as the seed says

// N stacked F×F convolutions over an L×L input, and the single convolution the law compares.
template <std::size_t, int F>
using conv_f = ns::conv2d<8, F>;
template <int L, int F, class Indices>
struct stacked;
template <int L, int F, std::size_t... I>
struct stacked<L, F, std::index_sequence<I...>> {
    using type = ns::network<ns::input<L, L, 8>, conv_f<I, F>...>;
};
template <int L, int N, int F>
using stack_of = typename stacked<L, F, std::make_index_sequence<static_cast<std::size_t>(N)>>::type;
template <int L, int N, int F>
using single_of = ns::network<ns::input<L, L, 8>, ns::conv2d<8, N * F - N + 1>>;

template <int L, int N, int F>
constexpr bool law_holds() {
    using a = stack_of<L, N, F>;
    using b = single_of<L, N, F>;
    constexpr ns::count_t side = N * F - N + 1;
    return ns::output_shape<a> == ns::output_shape<b> && ns::output_shape<a>.height == L - N * F + N &&
           ns::receptive_field<a>.height == side && ns::receptive_field<a>.width == side &&
           ns::receptive_field<b>.height == side;
}

template <int L, int F, int... N>
constexpr bool law_for_all_n(std::integer_sequence<int, N...>) {
    return (law_holds<L, N + 1, F>() && ...);
}
template <int L, int... F>
constexpr bool law_for_grid(std::integer_sequence<int, F...>) {
    return (law_for_all_n<L, F>(std::make_integer_sequence<int, 6>{}) && ...);
}

// N = 1..6, F = 1, 3, 5, 7 and 9, on 64×64 and 65×65 inputs.
static_assert(law_for_grid<64, 1, 3, 5, 7, 9>(std::integer_sequence<int, 1, 3, 5, 7, 9>{}));
static_assert(law_for_grid<65, 1, 3, 5, 7, 9>(std::integer_sequence<int, 1, 3, 5, 7, 9>{}));

// The seed's case, with its parameter cost compared: three 5×5 layers versus one 13×13 layer.
using one_13x13 = ns::network<ns::input<32, 32, 64>, ns::conv2d<64, 13>>;
using three_5x5_64 = ns::network<ns::input<32, 32, 64>, ns::conv2d<64, 5>, ns::conv2d<64, 5>, ns::conv2d<64, 5>>;
static_assert(ns::output_shape<one_13x13> == ns::output_shape<three_5x5_64>);
static_assert(ns::weights<three_5x5_64> == 3 * 5 * 5 * 64 * 64 && ns::weights<one_13x13> == 13 * 13 * 64 * 64);

int main() {
    namespace fmt = ns::format;
    std::cout << "Q3: three stacked 5×5 convolutions see " << ns::receptive_field<three_5x5>.height << "×"
              << ns::receptive_field<three_5x5>.width << " (proven).\n\n"
              << ns::summary<three_5x5>() << "\n"
              << "Law: N stacked F×F (stride 1) = one (NF − N + 1)×(NF − N + 1), in output size and receptive field;\n"
              << "proven for N = 1..6, F = 1, 3, 5, 7, 9 on 64×64 and 65×65 inputs (60 pairs of networks).\n\n"
              << "| N | F | receptive field | single kernel |\n| ---: | ---: | ---: | ---: |\n";
    const auto line = [](int n, int f, ns::fraction rf) {
        std::cout << "| " << n << " | " << f << " | " << rf << "×" << rf << " | " << (n * f - n + 1) << "×"
                  << (n * f - n + 1) << " |\n";
    };
    line(2, 3, ns::receptive_field<stack_of<64, 2, 3>>.height);
    line(3, 3, ns::receptive_field<stack_of<64, 3, 3>>.height);
    line(3, 5, ns::receptive_field<stack_of<64, 3, 5>>.height);
    line(4, 7, ns::receptive_field<stack_of<64, 4, 7>>.height);
    line(6, 9, ns::receptive_field<stack_of<64, 6, 9>>.height);
    std::cout << "\nSame field, fewer weights (64 → 64 channels): three 5×5 layers "
              << fmt::thousands(ns::weights<three_5x5_64>) << ", one 13×13 layer " << fmt::thousands(ns::weights<one_13x13>)
              << ".\n";
}
