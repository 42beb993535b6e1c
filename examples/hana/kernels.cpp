// Boost.Hana bridge, example 2: one convolution kernel instantiated per convolution of a network,
// with that layer's shapes as template arguments (the loops' bounds are constants the compiler
// can unroll and vectorise). Each kernel runs on ones and counts its multiply-accumulates, which
// must equal the layer's macs as netshape computed them.
#include <array>
#include <cstddef>
#include <iostream>
#include <type_traits>
#include <vector>

#include <boost/hana.hpp>

#include <netshape/hana.hpp>
#include <netshape/netshape.hpp>

namespace ns = netshape;
namespace nh = netshape::hana;
namespace hana = boost::hana;
using ns::count_t;

using net = ns::network<ns::input<32, 32, 3>,
    ns::named<"stem", ns::conv2d<16, 3, ns::stride<2>, ns::pad<1>>>, ns::relu,
    ns::named<"depthwise", ns::conv2d<16, 3, ns::pad<1>, ns::groups<16>, ns::no_bias>>, ns::batch_norm, ns::relu,
    ns::named<"pointwise", ns::conv2d<32, 1>>, ns::relu,
    ns::max_pool<2, ns::stride<2>>,
    ns::named<"wide", ns::conv2d<64, ns::hw{3, 5}, ns::pad<1, 2>, ns::groups<4>>>,
    ns::global_avg_pool, ns::flatten, ns::named<"fc", ns::dense<10>>>;

/// A direct convolution: input H×W×C (channels last), F filters of KH×KW×(C/G), stride, padding and
/// groups fixed at compile time. Returns the multiply-accumulates it performed (padding included,
/// as netshape and torchvision count them).
template <count_t H, count_t W, count_t C, count_t OH, count_t OW, count_t F, count_t KH, count_t KW, count_t SH,
          count_t SW, count_t PH, count_t PW, count_t G>
struct conv_kernel {
    static constexpr count_t in_per_group = C / G;
    static constexpr count_t out_per_group = F / G;
    static count_t run(const float* in, const float* weights, float* out) {
        count_t macs = 0;
        for (count_t y = 0; y < OH; ++y)
            for (count_t x = 0; x < OW; ++x)
                for (count_t f = 0; f < F; ++f) {
                    const count_t g = f / out_per_group;
                    float sum = 0;
                    for (count_t ky = 0; ky < KH; ++ky)
                        for (count_t kx = 0; kx < KW; ++kx)
                            for (count_t c = 0; c < in_per_group; ++c, ++macs) {
                                const count_t iy = y * SH - PH + ky, ix = x * SW - PW + kx;
                                if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;  // zero padding
                                sum += in[(iy * W + ix) * C + g * in_per_group + c] *
                                       weights[((f * KH + ky) * KW + kx) * in_per_group + c];
                            }
                    out[(y * OW + x) * F + f] = sum;
                }
        return macs;
    }
};

/// The kernel for one layer: its record's shapes, as template arguments.
template <class Layer>
using kernel_for = conv_kernel<Layer::record.input_shape.height, Layer::record.input_shape.width,
                               Layer::record.input_shape.channels, Layer::record.output_shape.height,
                               Layer::record.output_shape.width, Layer::record.units, Layer::record.kernel.height,
                               Layer::record.kernel.width, Layer::record.stride.height, Layer::record.stride.width,
                               Layer::record.pad.height, Layer::record.pad.width, Layer::record.groups>;

constexpr auto convolutions = hana::filter(nh::layers<net>, nh::is<ns::kind::conv2d>);
static_assert(hana::length(convolutions) == hana::size_c<4>);
template <std::size_t I>
using convolution = std::remove_cvref_t<decltype(hana::at_c<I>(convolutions))>;
// The shapes a kernel was instantiated with are the ones netshape worked out: the depthwise
// convolution keeps 16×16×16, the 3×5 one sees the pooled 8×8×32.
static_assert(std::is_same_v<kernel_for<convolution<1>>, conv_kernel<16, 16, 16, 16, 16, 16, 3, 3, 1, 1, 1, 1, 16>>);
static_assert(std::is_same_v<kernel_for<convolution<3>>, conv_kernel<8, 8, 32, 8, 8, 64, 3, 5, 1, 1, 1, 2, 4>>);

int main() {
    count_t total = 0;
    bool ok = true;
    hana::for_each(convolutions, [&](auto layer) {
        using L = decltype(layer);
        constexpr ns::layer_record r = L::record;
        std::vector<float> in(static_cast<std::size_t>(r.input_shape.elements()), 1.0f);
        std::vector<float> weights(static_cast<std::size_t>(r.weights), 1.0f);
        std::vector<float> out(static_cast<std::size_t>(r.output_shape.elements()));
        const count_t macs = kernel_for<L>::run(in.data(), weights.data(), out.data());
        // Ones everywhere: an output away from the border sums every tap of its group.
        const std::size_t centre = static_cast<std::size_t>(((r.output_shape.height / 2) * r.output_shape.width +
                                                             r.output_shape.width / 2) * r.units);
        const float taps = static_cast<float>(r.kernel.height * r.kernel.width * (r.input_shape.channels / r.groups));
        ok = ok && macs == r.macs && out[centre] == taps;
        total += macs;
        std::cout << "layer " << L::index << " " << r.name << ": kernel<" << r.input_shape.height << "x" << r.input_shape.width
                  << "x" << r.input_shape.channels << " -> " << r.output_shape.height << "x" << r.output_shape.width << "x"
                  << r.units << ", " << r.kernel.height << "x" << r.kernel.width << ", groups " << r.groups << ">: " << macs
                  << " MACs (netshape: " << r.macs << ")\n";
    });
    // Every MAC of the network but the classifier's.
    ok = ok && total == ns::macs<net> - ns::layers<net>.back().macs;
    std::cout << "convolutions: " << total << " MACs; " << (ok ? "every kernel matched its record" : "MISMATCH") << "\n";
    return ok ? 0 : 1;
}
