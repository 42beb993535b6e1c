// Q1 of the seed exercise: AlexNet's parameter table, every row proven at compile time.
//
// The seed (shared/seed) gives, per layer, the output size, the weights as a product, the biases
// and their sum. Each static_assert below restates one row of it; the compiler computes the other
// side from the architecture alone. If any of them were wrong this file would not compile.
#include <iostream>

#include <netshape/netshape.hpp>
#include <netshape/print.hpp>

namespace ns = netshape;

using alexnet = ns::network<ns::input<227, 227, 3>,
    ns::named<"conv1", ns::conv2d<96, 11, ns::stride<4>>>, ns::relu,
    ns::named<"maxpool1", ns::max_pool<3, ns::stride<2>>>,
    ns::named<"conv2", ns::conv2d<256, 5, ns::pad<2>>>, ns::relu,
    ns::named<"maxpool2", ns::max_pool<3, ns::stride<2>>>,
    ns::named<"conv3", ns::conv2d<384, 3, ns::pad<1>>>, ns::relu,
    ns::named<"conv4", ns::conv2d<384, 3, ns::pad<1>>>, ns::relu,
    ns::named<"conv5", ns::conv2d<256, 3, ns::pad<1>>>, ns::relu,
    ns::named<"maxpool3", ns::max_pool<3, ns::stride<2>>>,
    ns::named<"fc1", ns::dense<4096>>, ns::relu,
    ns::named<"fc2", ns::dense<4096>>, ns::relu,
    ns::named<"fc3", ns::dense<1000>>>;

constexpr const auto& row = ns::layers<alexnet>;

// One seed row: layer index in layers<alexnet>, output, weights, biases.
constexpr bool seed_row(std::size_t i, ns::shape out, ns::count_t weights, ns::count_t biases) {
    return row[i].output_shape == out && row[i].weights == weights && row[i].biases == biases &&
           row[i].params == weights + biases;
}

static_assert(ns::input_shape<alexnet> == ns::shape{227, 227, 3});
static_assert(seed_row(0, {55, 55, 96}, 11 * 11 * 3 * 96, 96));            // Conv1: 34,848 + 96
static_assert(row[0].weights == 34'848 && row[0].params == 34'944);
static_assert(seed_row(2, {27, 27, 96}, 0, 0));                            // MaxPool1
static_assert(seed_row(3, {27, 27, 256}, 5 * 5 * 96 * 256, 256));          // Conv2: 614,400 + 256
static_assert(row[3].params == 614'656);
static_assert(seed_row(5, {13, 13, 256}, 0, 0));                           // MaxPool2
static_assert(seed_row(6, {13, 13, 384}, 3 * 3 * 256 * 384, 384));         // Conv3: 884,736 + 384
static_assert(row[6].params == 885'120);
static_assert(seed_row(8, {13, 13, 384}, 3 * 3 * 384 * 384, 384));         // Conv4: 1,327,104 + 384
static_assert(row[8].params == 1'327'488);
static_assert(seed_row(10, {13, 13, 256}, 3 * 3 * 384 * 256, 256));        // Conv5: 884,736 + 256
static_assert(row[10].params == 884'992);
static_assert(seed_row(12, {6, 6, 256}, 0, 0));                            // MaxPool3
static_assert(seed_row(13, {1, 1, 4096}, 6 * 6 * 256 * 4096, 4096));       // FC1: 37,748,736 + 4,096
static_assert(row[13].params == 37'752'832);
static_assert(seed_row(15, {1, 1, 4096}, 4096 * 4096, 4096));              // FC2: 16,777,216 + 4,096
static_assert(row[15].params == 16'781'312);
static_assert(seed_row(17, {1, 1, 1000}, 4096 * 1000, 1000));              // FC3: 4,096,000 + 1,000
static_assert(row[17].params == 4'097'000);
static_assert(ns::params<alexnet> == 62'378'344);                          // the seed's total
static_assert(ns::output_shape<alexnet> == ns::shape{1, 1, 1000});

// The seed's output-size formula, ceil((in − k + 2p) / s) + 1, agrees with PyTorch's floor rule
// here only because every division in AlexNet is exact; netshape uses floor (PyTorch's).
static_assert((227 - 11 + 2 * 0) % 4 == 0 && (27 - 5 + 2 * 2) % 1 == 0);

int main() {
    std::cout << "Q1 AlexNet (single tower, 227×227×3): every row of the seed's table holds.\n\n"
              << ns::summary<alexnet>() << "\nSeed's total 62,378,344 parameters: proven (static_assert).\n";
}
