// libtorch bridge: a small CNN defined as a netshape type, proven at compile time, then trained by
// libtorch's SGD for a few steps on synthetic data (the class of an image is which quadrant is
// brightest). The loss printed falls; the program fails if it does not.
#include <iostream>

#include <netshape/netshape.hpp>
#include <netshape/torch.hpp>

namespace ns = netshape;

using net = ns::network<ns::input<16, 16, 1>,
    ns::named<"conv1", ns::conv2d<8, 3, ns::pad<1>>>, ns::named<"bn1", ns::batch_norm>, ns::relu,
    ns::max_pool<2, ns::stride<2>>,
    ns::named<"conv2", ns::conv2d<16, 3, ns::pad<1>>>, ns::relu,
    ns::global_avg_pool, ns::flatten,
    ns::named<"fc", ns::dense<4>>>;

static_assert(ns::params<net> == (8 * 9 + 8) + 2 * 8 + (16 * 8 * 9 + 16) + (16 * 4 + 4));
static_assert(ns::output_shape<net> == ns::shape{1, 1, 4});

int main() {
    ::torch::manual_seed(0);
    ns::torch::module<net> model;
    ns::count_t parameters = 0;
    for (const auto& p : model.parameters()) parameters += p.numel();
    std::cout << "netshape::torch::module: " << parameters << " parameters (params<net> = " << ns::params<net> << ")\n";

    // 256 images: noise, plus a bright quadrant that is the label.
    const std::int64_t n = 256;
    const ::torch::Tensor labels = ::torch::randint(0, 4, {n}, ::torch::kLong);
    ::torch::Tensor images = 0.1 * ::torch::randn({n, 1, 16, 16});
    for (std::int64_t i = 0; i < n; ++i) {
        const std::int64_t q = labels[i].item<std::int64_t>();
        images[i].narrow(1, (q / 2) * 8, 8).narrow(2, (q % 2) * 8, 8) += 1.0;
    }

    ::torch::optim::SGD sgd(model.parameters(), ::torch::optim::SGDOptions(0.1).momentum(0.9));
    model.train();
    double first = 0, last = 0;
    for (int step = 0; step < 30; ++step) {
        sgd.zero_grad();
        const ::torch::Tensor loss = ::torch::nn::functional::cross_entropy(model.forward(images), labels);
        loss.backward();
        sgd.step();
        last = loss.item<double>();
        if (step == 0) first = last;
        if (step % 5 == 0 || step == 29) std::cout << "step " << step << ": loss " << last << "\n";
    }
    model.eval();
    ::torch::NoGradGuard no_grad;
    const double accuracy = model.forward(images).argmax(1).eq(labels).to(::torch::kDouble).mean().item<double>();
    std::cout << "loss " << first << " -> " << last << ", training accuracy " << accuracy << "\n";
    return parameters == ns::params<net> && last < 0.5 * first ? 0 : 1;
}
