// netshape/zoo/vit.hpp: the Vision Transformer (Dosovitskiy et al. 2021), as torchvision builds it
// (torchvision.models.VisionTransformer, without the optional representation layer or conv stem).
//
// The image is cut into Patch×Patch patches by a convolution ("conv_proj"), its positions read as
// tokens (torchvision's reshape and permute: to_tokens, unnamed), the class token put first (a
// parameter of the model, "class_token"), the position embedding added ("encoder.pos_embedding"),
// then Depth encoder blocks, a final layer norm, and the classifier on the class token.
#pragma once

#include <cstddef>
#include <utility>

#include <netshape/netshape.hpp>
#include <netshape/zoo/blocks.hpp>

namespace netshape::zoo {

namespace detail {

/// EncoderBlock on Width channels: layer norm, self-attention of Heads heads, dropout, added to the
/// input; then layer norm and the MLP (Width→Mlp, GELU, dropout, Mlp→Width, dropout, torchvision's
/// MLPBlock "0" ... "4"), added to its input.
template <count_t Width, count_t Heads, count_t Mlp>
using vit_block = sequential<
    add<
        sequential<
            named<"ln_1", layer_norm>,
            named<"self_attention", multi_head_attention<Heads>>,
            named<"dropout", dropout>>,
        identity>,
    add<
        sequential<
            named<"ln_2", layer_norm>,
            named<"mlp", sequential<
                at<0, dense<Mlp>>,
                at<1, gelu>,
                at<2, dropout>,
                at<3, dense<Width>>,
                at<4, dropout>>>>,
        identity>>;

template <count_t Width, count_t Heads, count_t Mlp, std::size_t... B>
auto vit_layers(std::index_sequence<B...>)
    -> sequential<named<numbered<"encoder_layer_", static_cast<count_t>(B)>, vit_block<Width, Heads, Mlp>>...>;

/// The encoder's "layers": Depth blocks, all one type.
template <count_t Width, count_t Depth, count_t Heads, count_t Mlp>
struct vit_layers_make {
    using type = decltype(vit_layers<Width, Heads, Mlp>(std::make_index_sequence<static_cast<std::size_t>(Depth)>{}));
};

/// torchvision's VisionTransformer asserts that the patch size divides the image. Reported from a
/// function body, so the network is still built and nothing follows the one error.
template <count_t Image, count_t Patch>
constexpr auto check_patch() {
    static_assert(Patch > 0 && Image % Patch == 0, "netshape: the patch size must divide the image size");
    return true;
}

template <count_t Image, count_t Patch, count_t Width, count_t Depth, count_t Heads, count_t Mlp, count_t Classes>
struct vit_network {
    using patch_checked = decltype(check_patch<Image, Patch>());
    using type = network<input<Image, Image, 3>,
        named<"conv_proj", conv2d<Width, Patch, stride<Patch>>>,
        to_tokens,
        named<"class_token", class_token>,
        named<"encoder", sequential<
            named<"pos_embedding", position_embedding>,
            named<"dropout", dropout>,
            named<"layers", deferred<vit_layers_make<Width, Depth, Heads, Mlp>>>,
            named<"ln", layer_norm>>>,
        select_token<0>,
        named<"heads", sequential<
            named<"head", dense<Classes>>>>>;
};

}  // namespace detail

/// torchvision's VisionTransformer(Image, Patch, Depth, Heads, Width, Mlp, num_classes=Classes) on
/// Image×Image×3: (Image / Patch)² tokens and the class token, Width channels each, Depth encoder
/// blocks of Heads heads and an MLP of Mlp. torchvision requires Patch to divide Image.
template <count_t Image, count_t Patch, count_t Width, count_t Depth, count_t Heads, count_t Mlp, count_t Classes = 1000>
using vision_transformer = typename detail::vit_network<Image, Patch, Width, Depth, Heads, Mlp, Classes>::type;

using vit_b_16 = vision_transformer<224, 16, 768, 12, 12, 3072>;
using vit_b_32 = vision_transformer<224, 32, 768, 12, 12, 3072>;
using vit_l_16 = vision_transformer<224, 16, 1024, 24, 16, 4096>;
using vit_l_32 = vision_transformer<224, 32, 1024, 24, 16, 4096>;
/// torchvision's builder: 224 unless weights are given (its SWAG weights are for 518×518, its
/// end-to-end fine-tuned ones for 224); vision_transformer<518, 14, 1280, 32, 16, 5120> is the former.
using vit_h_14 = vision_transformer<224, 14, 1280, 32, 16, 5120>;

}  // namespace netshape::zoo
