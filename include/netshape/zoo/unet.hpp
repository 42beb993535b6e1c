// netshape/zoo/unet.hpp: the U-Net (Ronneberger, Fischer and Brox 2015) as it is commonly written
// today: padded 3×3 convolutions, so that the output has the input's size.
#pragma once

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>
#include <netshape/zoo/names.hpp>

namespace netshape::zoo {

/// How a U-Net's decoder doubles the size: a 2×2 transposed convolution of stride 2 (with bias), or
/// a bilinear ×2 upsample followed by a 1×1 convolution (with bias); both halve the channels.
enum class unet_up : unsigned char { transposed, bilinear };

namespace detail {

/// Two 3×3 convolutions without bias, each followed by batch norm and ReLU ("0" ... "5").
template <count_t Filters>
using unet_double_conv = sequential<
    at<0, conv2d<Filters, 3, pad<1>, no_bias>>,
    at<1, batch_norm>,
    at<2, relu>,
    at<3, conv2d<Filters, 3, pad<1>, no_bias>>,
    at<4, batch_norm>,
    at<5, relu>>;

/// The up step from Channels to Channels / 2 at twice the size.
template <count_t Channels, unet_up Up>
using unet_up_step = std::conditional_t<Up == unet_up::transposed,
    conv_transpose2d<Channels / 2, 2, stride<2>>,
    sequential<
        at<0, upsample<2, interpolation::bilinear>>,
        at<1, conv2d<Channels / 2, 1>>>>;

/// Level K of Depth, on Base·2^(K−1) channels: the skip (identity) concatenated before (first
/// channels, as torch.cat([skip, up], dim=1)) the path that goes down ("downK": a 2×2 max pool and a
/// double convolution to Base·2^K channels), through level K + 1 and its decoder ("dec(K+1)") when
/// K < Depth, and up again ("upK", back to Base·2^(K−1) channels at this level's size).
template <count_t Base, count_t K, count_t Depth, unet_up Up>
struct unet_level {
    static constexpr count_t channels = Base << K;  // after downK
    using type = concat<
        identity,
        sequential<
            named<numbered<"down", K>, sequential<at<0, max_pool<2>>, at<1, unet_double_conv<channels>>>>,
            only_if<(K < Depth), deferred<unet_level<Base, K + 1, Depth, Up>>>,
            only_if<(K < Depth), named<numbered<"dec", K + 1>, unet_double_conv<channels>>>,
            named<numbered<"up", K>, unet_up_step<channels, Up>>>>;
};

template <count_t Height, count_t Width, count_t Channels, count_t Classes, count_t Base, count_t Depth, unet_up Up>
struct unet_body {
    static_assert(Depth >= 0 && Depth < 30, "netshape: a U-Net's depth is between 0 and 29");
    using type = network<input<Height, Width, Channels>,
        named<"inc", unet_double_conv<Base>>,
        only_if<(Depth > 0), deferred<unet_level<Base, 1, Depth, Up>>>,
        only_if<(Depth > 0), named<"dec1", unet_double_conv<Base>>>,
        named<"outc", conv2d<Classes, 1>>>;
};

}  // namespace detail

/// A U-Net on Height×Width×Channels with Classes output channels, Base filters at the top level
/// and Depth levels below it (each halving the size and doubling the filters), the decoder's up
/// steps of kind Up. Modules: "inc" (a double convolution: 3×3 without bias, batch norm, ReLU,
/// twice), "down1" ... (a 2×2 max pool "0", a double convolution "1"), "up1" ... (the transposed
/// convolution, or "0" the bilinear upsample and "1" the 1×1 convolution), "dec1" ... (the double
/// convolution after each concatenation) and "outc" (a 1×1 convolution with bias). Height and
/// Width must be divisible by 2^Depth, or the concatenation of a skip with its up step is
/// "netshape: concat branches differ in height or width (or a volume's depth, a sequence's length)". The output is Height×Width×Classes with
/// an output stride (receptive_field<Net>'s jump) of 1.
template <count_t Height = 256, count_t Width = Height, count_t Channels = 3, count_t Classes = 2, count_t Base = 64,
          count_t Depth = 4, unet_up Up = unet_up::transposed>
using unet_at = typename detail::unet_body<Height, Width, Channels, Classes, Base, Depth, Up>::type;

/// 256×256×3, 2 classes, base 64, depth 4, transposed-convolution up steps.
using unet = unet_at<>;
/// The same with bilinear up steps.
using unet_bilinear = unet_at<256, 256, 3, 2, 64, 4, unet_up::bilinear>;

}  // namespace netshape::zoo
