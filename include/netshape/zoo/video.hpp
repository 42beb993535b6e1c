// netshape/zoo/video.hpp: torchvision's video ResNets (torchvision.models.video: r3d_18, mc3_18,
// r2plus1d_18) and S3D (s3d), as torchvision 0.14 builds them.
//
// A VideoResNet is a stem, four stages of basic blocks (layer1 ... layer4) and a classifier over a
// clip D×H×W×3 (16×112×112 by default). The three differ in how a block convolves, per stage (a
// "conv maker"): a full 3×3×3 convolution (R3D), a 1×3×3 one without time (MC3's stages 2 to 4),
// or the (2+1)-D factorisation, a 1×3×3 spatial convolution to `midplanes` channels, batch norm,
// ReLU, then a 3×1×1 temporal one (R(2+1)D, whose stem is factorised too). Names are torchvision's:
// "stem.0", "layer2.0.conv1.0.3", "layer3.0.downsample.0", "fc".
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

/// A block's convolution as torchvision's Conv3DSimple: 3×3×3, stride S on every axis, padding 1;
/// a stride-S block's shortcut strides S on every axis too.
struct conv3d_simple {
    template <count_t In, count_t Out, count_t Mid, count_t S>
    using conv = conv3d<Out, 3, stride<S>, pad<1>, no_bias>;
    template <count_t S>
    using shortcut_stride = stride<S>;
};

/// torchvision's Conv3DNoTemporal (MC3): 1×3×3, stride 1×S×S, padding 0×1×1; the shortcut strides
/// 1×S×S.
struct conv3d_no_temporal {
    template <count_t In, count_t Out, count_t Mid, count_t S>
    using conv = conv3d<Out, dhw{1, 3, 3}, stride<1, S, S>, pad<0, 1, 1>, no_bias>;
    template <count_t S>
    using shortcut_stride = stride<1, S, S>;
};

/// torchvision's Conv2Plus1D (R(2+1)D), an nn.Sequential: a 1×3×3 convolution to Mid channels
/// (stride 1×S×S), batch norm, ReLU, then 3×1×1 to Out (stride S×1×1); the shortcut strides S.
struct conv2plus1d {
    template <count_t In, count_t Out, count_t Mid, count_t S>
    using conv = sequential<
        at<0, conv3d<Mid, dhw{1, 3, 3}, stride<1, S, S>, pad<0, 1, 1>, no_bias>>,
        at<1, batch_norm>,
        at<2, relu>,
        at<3, conv3d<Out, dhw{3, 1, 1}, stride<S, 1, 1>, pad<1, 0, 0>, no_bias>>>;
    template <count_t S>
    using shortcut_stride = stride<S>;
};

namespace detail {
/// torchvision's midplanes: the channels between a (2+1)-D block's two convolutions, chosen so
/// that the pair has about the weights of one 3×3×3 convolution (the others ignore it).
constexpr count_t midplanes(count_t in, count_t planes) { return in * planes * 3 * 3 * 3 / (in * 3 * 3 + 3 * planes); }

/// The video BasicBlock: conv1 (Maker's convolution, batch norm, ReLU), conv2 (Maker's, batch
/// norm; both with the block's one midplanes, worked out from its input channels as torchvision's), added to the input or to its downsample (1×1×1, Maker's shortcut stride, batch norm)
/// when the block strides or changes the channels; then ReLU.
template <class Maker, count_t In, count_t Planes, count_t Stride>
using video_block = sequential<
    add<sequential<
            named<"conv1", sequential<
                at<0, typename Maker::template conv<In, Planes, midplanes(In, Planes), Stride>>,
                at<1, batch_norm>,
                at<2, relu>>>,
            named<"conv2", sequential<
                at<0, typename Maker::template conv<Planes, Planes, midplanes(In, Planes), 1>>,
                at<1, batch_norm>>>>,
        std::conditional_t<Stride != 1 || In != Planes,
            named<"downsample", sequential<
                at<0, conv3d<Planes, 1, typename Maker::template shortcut_stride<Stride>, no_bias>>,
                at<1, batch_norm>>>,
            identity>>,
    named<"relu", relu>>;

template <class Maker, count_t In, count_t Planes, count_t Stride, std::size_t... B>
auto video_stage(std::index_sequence<B...>)
    -> sequential<at<static_cast<count_t>(B), video_block<Maker, B == 0 ? In : Planes, Planes, B == 0 ? Stride : 1>>...>;

template <class Maker, count_t In, count_t Planes, count_t Stride, count_t Count>
struct video_stage_of {
    using type = decltype(video_stage<Maker, In, Planes, Stride>(std::make_index_sequence<static_cast<std::size_t>(Count)>{}));
};
template <class Maker, count_t In, count_t Planes, count_t Stride, count_t Count>
using video_stage_t = deferred<video_stage_of<Maker, In, Planes, Stride, Count>>;
}  // namespace detail

/// torchvision's BasicStem (R3D, MC3): 3×7×7 convolution to 64, stride 1×2×2, padding 1×3×3;
/// batch norm; ReLU.
using basic_stem = sequential<
    at<0, conv3d<64, dhw{3, 7, 7}, stride<1, 2, 2>, pad<1, 3, 3>, no_bias>>,
    at<1, batch_norm>,
    at<2, relu>>;

/// torchvision's R2Plus1dStem: 1×7×7 to 45 (stride 1×2×2), batch norm, ReLU, 3×1×1 to 64, batch
/// norm, ReLU.
using r2plus1d_stem = sequential<
    at<0, conv3d<45, dhw{1, 7, 7}, stride<1, 2, 2>, pad<0, 3, 3>, no_bias>>,
    at<1, batch_norm>,
    at<2, relu>,
    at<3, conv3d<64, dhw{3, 1, 1}, pad<1, 0, 0>, no_bias>>,
    at<4, batch_norm>,
    at<5, relu>>;

/// The conv maker of each stage (torchvision's conv_makers).
template <class M1, class M2, class M3, class M4>
struct conv_makers {};

/// torchvision's VideoResNet of basic blocks: Stem, a conv maker per stage, blocks<N1, N2, N3, N4>
/// per stage, on a clip Depth×Height×Width×3, Classes outputs (Kinetics-400's 400 by default).
template <class Stem, class Makers, class Blocks, count_t Depth = 16, count_t Height = 112, count_t Width = Height,
          count_t Classes = 400>
struct video_resnet_of;
template <class Stem, class M1, class M2, class M3, class M4, count_t N1, count_t N2, count_t N3, count_t N4,
          count_t Depth, count_t Height, count_t Width, count_t Classes>
struct video_resnet_of<Stem, conv_makers<M1, M2, M3, M4>, blocks<N1, N2, N3, N4>, Depth, Height, Width, Classes> {
    using type = network<input_volume<Depth, Height, Width, 3>,
        named<"stem", Stem>,
        named<"layer1", detail::video_stage_t<M1, 64, 64, 1, N1>>,
        named<"layer2", detail::video_stage_t<M2, 64, 128, 2, N2>>,
        named<"layer3", detail::video_stage_t<M3, 128, 256, 2, N3>>,
        named<"layer4", detail::video_stage_t<M4, 256, 512, 2, N4>>,
        named<"avgpool", adaptive_avg_pool3d<1>>,
        flatten,
        named<"fc", dense<Classes>>>;
};

/// R3D-18 (Tran et al. 2018) on Depth×Height×Width×3 clips: 3×3×3 convolutions throughout.
template <count_t Depth = 16, count_t Height = 112, count_t Width = Height, count_t Classes = 400>
using r3d = typename video_resnet_of<basic_stem, conv_makers<conv3d_simple, conv3d_simple, conv3d_simple, conv3d_simple>,
                                     blocks<2, 2, 2, 2>, Depth, Height, Width, Classes>::type;
/// MC3-18: 3×3×3 convolutions in layer1, 1×3×3 (no time) from layer2 on.
template <count_t Depth = 16, count_t Height = 112, count_t Width = Height, count_t Classes = 400>
using mc3 = typename video_resnet_of<basic_stem,
                                     conv_makers<conv3d_simple, conv3d_no_temporal, conv3d_no_temporal, conv3d_no_temporal>,
                                     blocks<2, 2, 2, 2>, Depth, Height, Width, Classes>::type;
/// R(2+1)D-18: every 3×3×3 convolution factorised into 1×3×3 and 3×1×1, the stem too.
template <count_t Depth = 16, count_t Height = 112, count_t Width = Height, count_t Classes = 400>
using r2plus1d = typename video_resnet_of<r2plus1d_stem, conv_makers<conv2plus1d, conv2plus1d, conv2plus1d, conv2plus1d>,
                                          blocks<2, 2, 2, 2>, Depth, Height, Width, Classes>::type;

using r3d_18 = r3d<>;
using mc3_18 = mc3<>;
using r2plus1d_18 = r2plus1d<>;

namespace detail {
/// torchvision's Conv3dNormActivation: a convolution without bias, batch norm, ReLU ("0", "1", "2").
template <count_t Filters, auto Kernel, class... Options>
using conv3d_bn_relu = sequential<at<0, conv3d<Filters, Kernel, Options..., no_bias>>, at<1, batch_norm>, at<2, relu>>;

/// S3D's TemporalSeparableConv: a K×K spatial convolution (1×K×K, stride 1×S×S, padding 0×P×P),
/// then a temporal one (K×1×1, stride S×1×1, padding P×0×0), each with batch norm and ReLU.
template <count_t Filters, count_t K, count_t S, count_t P>
using temporal_separable = sequential<
    at<0, conv3d_bn_relu<Filters, dhw{1, K, K}, stride<1, S, S>, pad<0, P, P>>>,
    at<1, conv3d_bn_relu<Filters, dhw{K, 1, 1}, stride<S, 1, 1>, pad<P, 0, 0>>>>;

/// S3D's SepInceptionBlock3D: four branches concatenated: a 1×1×1 convolution; 1×1×1 then a
/// temporal separable 3×3×3 (two of them); a 3×3×3 max pool (stride 1, padding 1) then 1×1×1.
template <count_t B0, count_t B1Mid, count_t B1, count_t B2Mid, count_t B2, count_t B3>
using sep_inception = concat<
    named<"branch0", conv3d_bn_relu<B0, 1>>,
    named<"branch1", sequential<at<0, conv3d_bn_relu<B1Mid, 1>>, at<1, temporal_separable<B1, 3, 1, 1>>>>,
    named<"branch2", sequential<at<0, conv3d_bn_relu<B2Mid, 1>>, at<1, temporal_separable<B2, 3, 1, 1>>>>,
    named<"branch3", sequential<at<0, max_pool3d<3, stride<1>, pad<1>>>, at<1, conv3d_bn_relu<B3, 1>>>>>;

struct s3d_features {
    using type = sequential<
        at<0, temporal_separable<64, 7, 2, 3>>,
        at<1, max_pool3d<dhw{1, 3, 3}, stride<1, 2, 2>, pad<0, 1, 1>>>,
        at<2, conv3d_bn_relu<64, 1>>,
        at<3, temporal_separable<192, 3, 1, 1>>,
        at<4, max_pool3d<dhw{1, 3, 3}, stride<1, 2, 2>, pad<0, 1, 1>>>,
        at<5, sep_inception<64, 96, 128, 16, 32, 32>>,
        at<6, sep_inception<128, 128, 192, 32, 96, 64>>,
        at<7, max_pool3d<3, stride<2>, pad<1>>>,
        at<8, sep_inception<192, 96, 208, 16, 48, 64>>,
        at<9, sep_inception<160, 112, 224, 24, 64, 64>>,
        at<10, sep_inception<128, 128, 256, 24, 64, 64>>,
        at<11, sep_inception<112, 144, 288, 32, 64, 64>>,
        at<12, sep_inception<256, 160, 320, 32, 128, 128>>,
        at<13, max_pool3d<2, stride<2>>>,
        at<14, sep_inception<256, 160, 320, 32, 128, 128>>,
        at<15, sep_inception<384, 192, 384, 48, 128, 128>>>;
};
}  // namespace detail

/// S3D (Xie et al. 2018) as torchvision's: `features` (a temporal separable stem, max pools, ten
/// separable inception blocks), `avgpool` (a 2×7×7 average pool of stride 1), `classifier` (dropout,
/// a 1×1×1 convolution with bias to Classes), then the mean over what is left of the clip
/// (torch.mean over time, height and width: global_avg_pool, then flatten to 1×1×Classes). On a clip
/// Depth×Height×Width×3 (16×224×224 by default; torchvision's minimum is 14×224×224).
template <count_t Depth = 16, count_t Height = 224, count_t Width = Height, count_t Classes = 400>
using s3d_at = network<input_volume<Depth, Height, Width, 3>,
    named<"features", detail::deferred<detail::s3d_features>>,
    named<"avgpool", avg_pool3d<dhw{2, 7, 7}, stride<1>>>,
    named<"classifier", sequential<at<0, dropout>, at<1, conv3d<Classes, 1>>>>,
    global_avg_pool,
    flatten>;

using s3d = s3d_at<>;

}  // namespace netshape::zoo
