// The zoo's GoogLeNet, Inception-v3 and SqueezeNets equal torchvision's in input, parameters,
// buffers, output shape and MACs; googlenet's every layer has torchvision's name and output shape.
#include <netshape/zoo/googlenet.hpp>
#include <netshape/zoo/inception.hpp>
#include <netshape/zoo/squeezenet.hpp>

#include "data/zoo_checks.hpp"

ZOO_CHECK_MODEL(googlenet);
ZOO_CHECK_MODEL(inception_v3);
ZOO_CHECK_MODEL(squeezenet1_0);
ZOO_CHECK_MODEL(squeezenet1_1);

namespace ns = netshape;
namespace zoo = netshape::zoo;
namespace ref = netshape_reference;

// Another class count: GoogLeNet's fc is 1024·N + N; SqueezeNet's classifier is a 1×1 conv, 512·N + N.
static_assert(ns::params<zoo::googlenet_at<224, 224, 10>> == ref::googlenet.params - 1024 * 990 - 990);
static_assert(ns::params<zoo::squeezenet1_1_at<224, 224, 10>> == ref::squeezenet1_1.params - 512 * 990 - 990);

TEST_CASE("zoo: googlenet's layers are torchvision's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::googlenet>(ref::googlenet_layers);
}
