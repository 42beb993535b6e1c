// netshape/zoo/audio.hpp: M5, the raw-waveform audio CNN of Dai, Dai, Qu, Li and Das (2017, "Very
// deep convolutional neural networks for raw waveforms"), as torchaudio's speech-command tutorial
// writes it.
//
// On a signal of Samples samples (8,000: one second at 8 kHz): a conv1d of 80 taps and stride 16
// to 32 channels, batch norm, ReLU, max-pool 4; three 3-wide convolutions of 32, 64 and 64 filters,
// each with batch norm, ReLU and max-pool 4; the mean over what is left of time (the tutorial's
// F.avg_pool1d(x, x.shape[-1])); a linear layer to Classes (35 speech commands) on the one
// remaining position. Module names are the tutorial's ("conv1", "bn1", "pool1", ... "fc1"). Its
// forward ends with F.log_softmax, which changes no figure and has no netshape function: left out.
#pragma once

#include <netshape/netshape.hpp>
#include <netshape/zoo/names.hpp>

namespace netshape::zoo {

namespace detail {
/// One stage of M5: convolution, batch norm, ReLU (functional: unnamed), max-pool 4.
template <fixed_string Conv, fixed_string Bn, fixed_string Pool, count_t Filters, count_t Kernel, class... Options>
using m5_stage = netshape::detail::joined<
    named<Conv, conv1d<Filters, Kernel, Options...>>,
    named<Bn, batch_norm>,
    relu,
    named<Pool, max_pool1d<4>>>;
}  // namespace detail

/// M5 on Samples samples of Channels channels, Classes outputs, Width the first convolution's
/// filters (the tutorial's n_channel; the last two convolutions have twice as many).
template <count_t Samples = 8000, count_t Classes = 35, count_t Channels = 1, count_t Width = 32>
using m5_of = network<input_sequence<Samples, Channels>,
    detail::m5_stage<"conv1", "bn1", "pool1", Width, 80, stride<16>>,
    detail::m5_stage<"conv2", "bn2", "pool2", Width, 3>,
    detail::m5_stage<"conv3", "bn3", "pool3", 2 * Width, 3>,
    detail::m5_stage<"conv4", "bn4", "pool4", 2 * Width, 3>,
    global_avg_pool,
    named<"fc1", dense<Classes>>>;

using m5 = m5_of<>;

}  // namespace netshape::zoo
