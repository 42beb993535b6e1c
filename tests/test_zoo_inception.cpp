// The zoo's GoogLeNet, Inception-v3 and SqueezeNets equal torchvision's in input, parameters,
// buffers, output shape and MACs; googlenet's every layer has torchvision's name and output shape.
// googlenet_aux and inception_v3_aux (aux_logits=True) equal torchvision's in every output's shape too.
#include <array>

#include <netshape/zoo/googlenet.hpp>
#include <netshape/zoo/inception.hpp>
#include <netshape/zoo/squeezenet.hpp>

#include "data/zoo_checks.hpp"

ZOO_CHECK_MODEL(googlenet);
ZOO_CHECK_MODEL(inception_v3);
ZOO_CHECK_MODEL(squeezenet1_0);
ZOO_CHECK_MODEL(squeezenet1_1);
ZOO_CHECK_MODEL(googlenet_aux);
ZOO_CHECK_MODEL(inception_v3_aux);
static_assert(zoo_checks::same_outputs<netshape::zoo::googlenet_aux>(netshape_reference::googlenet_aux_outputs));
static_assert(zoo_checks::same_outputs<netshape::zoo::inception_v3_aux>(netshape_reference::inception_v3_aux_outputs));

namespace ns = netshape;
namespace zoo = netshape::zoo;
namespace ref = netshape_reference;

// Another class count: GoogLeNet's fc is 1024·N + N; SqueezeNet's classifier is a 1×1 conv, 512·N + N.
static_assert(ns::params<zoo::googlenet_at<224, 224, 10>> == ref::googlenet.params - 1024 * 990 - 990);
static_assert(ns::params<zoo::squeezenet1_1_at<224, 224, 10>> == ref::squeezenet1_1.params - 512 * 990 - 990);
// The auxiliary heads: the main network plus each head (aux1 on inception4a's 512 channels, aux2 on
// inception4d's 528; AuxLogits on Mixed_6e's 768), and at 10 classes fc2 and fc shrink likewise.
static_assert(ns::params<zoo::googlenet_aux> == ref::googlenet.params + 2 * (128 * 2 + 2048 * 1024 + 1024 + 1024 * 1000 + 1000) +
                                                     (512 + 528) * 128);
static_assert(ns::params<zoo::inception_v3_aux> == ref::inception_v3.params + 768 * 128 + 256 + 128 * 768 * 25 + 1536 + 768 * 1000 + 1000);
static_assert(ns::output_shapes<zoo::googlenet_aux_at<224, 224, 10>> ==
              std::array{ns::shape{1, 1, 10}, ns::shape{1, 1, 10}, ns::shape{1, 1, 10}});

TEST_CASE("zoo: googlenet's layers are torchvision's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::googlenet>(ref::googlenet_layers);
}
