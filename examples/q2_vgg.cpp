// Q2 of the seed exercise: VGG19's memory (activations) and weights, row by row, and the truth
// about the seed's totals.
//
// The seed's rows are right; its totals are not. "~138M" parameters is VGG16's total
// (138,357,544 with biases), not VGG19's; the nineteen-layer rows it lists add up to 143,652,544
// weights (143,667,240 with biases). Its "~16.3M" activations are 16,542,184 when its rows are
// added exactly. Both networks are proven here, and the example prints the comparison.
#include <iostream>

#include <netshape/netshape.hpp>
#include <netshape/print.hpp>

namespace ns = netshape;

template <int Filters>
using conv3 = ns::sequential<ns::conv2d<Filters, 3, ns::pad<1>>, ns::relu>;
using pool2 = ns::max_pool<2, ns::stride<2>>;
using classifier = ns::sequential<ns::dense<4096>, ns::relu, ns::dense<4096>, ns::relu, ns::dense<1000>>;

using vgg19 = ns::network<ns::input<224, 224, 3>,
    conv3<64>, conv3<64>, pool2,
    conv3<128>, conv3<128>, pool2,
    conv3<256>, conv3<256>, conv3<256>, conv3<256>, pool2,
    conv3<512>, conv3<512>, conv3<512>, conv3<512>, pool2,
    conv3<512>, conv3<512>, conv3<512>, conv3<512>, pool2,
    classifier>;

using vgg16 = ns::network<ns::input<224, 224, 3>,
    conv3<64>, conv3<64>, pool2,
    conv3<128>, conv3<128>, pool2,
    conv3<256>, conv3<256>, conv3<256>, pool2,
    conv3<512>, conv3<512>, conv3<512>, pool2,
    conv3<512>, conv3<512>, conv3<512>, pool2,
    classifier>;

// The seed's table, row by row: activations (the row's output elements) and weights. Rows are
// the layers that are not ReLUs, in order.
struct seed_row {
    ns::count_t activations;
    ns::count_t weights;
};
constexpr seed_row seed[] = {
    {224 * 224 * 64, (3 * 3 * 3) * 64},     {224 * 224 * 64, (3 * 3 * 64) * 64},   {112 * 112 * 64, 0},
    {112 * 112 * 128, (3 * 3 * 64) * 128},  {112 * 112 * 128, (3 * 3 * 128) * 128}, {56 * 56 * 128, 0},
    {56 * 56 * 256, (3 * 3 * 128) * 256},   {56 * 56 * 256, (3 * 3 * 256) * 256},  {56 * 56 * 256, (3 * 3 * 256) * 256},
    {56 * 56 * 256, (3 * 3 * 256) * 256},   {28 * 28 * 256, 0},
    {28 * 28 * 512, (3 * 3 * 256) * 512},   {28 * 28 * 512, (3 * 3 * 512) * 512},  {28 * 28 * 512, (3 * 3 * 512) * 512},
    {28 * 28 * 512, (3 * 3 * 512) * 512},   {14 * 14 * 512, 0},
    {14 * 14 * 512, (3 * 3 * 512) * 512},   {14 * 14 * 512, (3 * 3 * 512) * 512},  {14 * 14 * 512, (3 * 3 * 512) * 512},
    {14 * 14 * 512, (3 * 3 * 512) * 512},   {7 * 7 * 512, 0},
    {4096, 25088LL * 4096},                 {4096, 4096LL * 4096},                 {1000, 4096LL * 1000},
};

constexpr bool rows_match() {
    std::size_t k = 0;
    for (const ns::layer_record& r : ns::layers<vgg19>) {
        if (r.kind == ns::kind::activation) continue;
        if (k >= std::size(seed)) return false;
        if (r.activations != seed[k].activations || r.weights != seed[k].weights) return false;
        ++k;
    }
    return k == std::size(seed);
}
static_assert(rows_match(), "every row of the seed's VGG19 table");
static_assert(224 * 224 * 3 == 150'528);  // the seed's input row, "150K"

constexpr ns::count_t seed_sum_weights() {
    ns::count_t sum = 0;
    for (const seed_row& r : seed) sum += r.weights;
    return sum;
}
constexpr ns::count_t seed_sum_activations() {
    ns::count_t sum = 224 * 224 * 3;
    for (const seed_row& r : seed) sum += r.activations;
    return sum;
}

// The true totals.
static_assert(ns::weights<vgg19> == 143'652'544 && seed_sum_weights() == 143'652'544);
static_assert(ns::params<vgg19> == 143'667'240);
static_assert(ns::activations<vgg19> == 16'542'184 && seed_sum_activations() == 16'542'184);
static_assert(ns::params<vgg16> == 138'357'544);  // the seed's "~138M" is this network's
// Leaves: each conv with its ReLU, five pools, three dense layers with two ReLUs.
static_assert(ns::layers<vgg19>.size() == 16 * 2 + 5 + 3 + 2 && ns::layers<vgg16>.size() == 13 * 2 + 5 + 3 + 2);

// The seed's row labels and its rounded activation figures, for the printed comparison.
constexpr const char* seed_label[] = {
    "CONV3-64", "CONV3-64", "POOL2", "CONV3-128", "CONV3-128", "POOL2", "CONV3-256", "CONV3-256", "CONV3-256",
    "CONV3-256", "POOL2", "CONV3-512", "CONV3-512", "CONV3-512", "CONV3-512", "POOL2", "CONV3-512", "CONV3-512",
    "CONV3-512", "CONV3-512", "POOL2", "FC", "FC", "FC"};
constexpr const char* seed_memory[] = {
    "3.2M", "3.2M", "800K", "1.6M", "1.6M", "400K", "800K", "800K", "800K", "800K", "200K", "400K",
    "400K", "400K", "400K", "100K", "100K", "100K", "100K", "100K", "25K", "4096", "4096", "1000"};
static_assert(std::size(seed_label) == std::size(seed) && std::size(seed_memory) == std::size(seed));

int main() {
    namespace fmt = ns::format;
    std::cout << "Q2 VGG19: every row of the seed's table holds (activations and weights).\n\n"
              << "| layer | output | activations (seed) | activations (proven) | weights (proven) |\n"
              << "| --- | --- | ---: | ---: | ---: |\n"
              << "| input | 224×224×3 | 150K | " << fmt::thousands(224 * 224 * 3) << " | 0 |\n";
    std::size_t k = 0;
    for (const ns::layer_record& r : ns::layers<vgg19>) {
        if (r.kind == ns::kind::activation) continue;
        std::cout << "| " << seed_label[k] << " | " << fmt::dims(r.output_shape) << " | " << seed_memory[k] << " | "
                  << fmt::thousands(r.activations) << " | " << fmt::thousands(r.weights) << " |\n";
        ++k;
    }
    std::cout << "| **total** | | ~16.3M | **" << fmt::thousands(ns::activations<vgg19>) << "** | **"
              << fmt::thousands(ns::weights<vgg19>) << "** |\n\n"
              << "| figure | seed says | VGG19 (proven) | VGG16 (proven) |\n"
              << "| --- | ---: | ---: | ---: |\n"
              << "| parameters (weights + biases) | ~138M | " << fmt::thousands(ns::params<vgg19>) << " | "
              << fmt::thousands(ns::params<vgg16>) << " |\n"
              << "| weights (the seed's rows) | | " << fmt::thousands(ns::weights<vgg19>) << " | "
              << fmt::thousands(ns::weights<vgg16>) << " |\n"
              << "| activations | ~16.3M | " << fmt::thousands(ns::activations<vgg19>) << " | "
              << fmt::thousands(ns::activations<vgg16>) << " |\n\n"
              << "Seed errata: its \"~138M\" total is VGG16's (" << fmt::thousands(ns::params<vgg16>)
              << " parameters), not VGG19's; VGG19's rows add up to " << fmt::thousands(ns::weights<vgg19>)
              << " weights (" << fmt::thousands(ns::params<vgg19>) << " with biases). Its \"~16.3M\" activations are "
              << fmt::thousands(ns::activations<vgg19>) << " when its rows are added exactly.\n\n"
              << "The whole network, as netshape prints it:\n\n"
              << ns::summary<vgg19>().markdown();
}
