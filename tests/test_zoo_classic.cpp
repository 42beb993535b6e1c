// The zoo's AlexNets, LeNet-5 and VGGs equal PyTorch's models (tests/data/torchvision_reference.hpp,
// written by tools/torchvision_reference.py) in input, parameters, buffers, output shape and MACs.
#include <netshape/zoo/alexnet.hpp>
#include <netshape/zoo/lenet.hpp>
#include <netshape/zoo/vgg.hpp>

#include "data/zoo_checks.hpp"

ZOO_CHECK_MODEL(alexnet);
ZOO_CHECK_MODEL(alexnet_grouped);
ZOO_CHECK_MODEL(alexnet_owt);
ZOO_CHECK_MODEL(lenet5);
ZOO_CHECK_MODEL(vgg11);
ZOO_CHECK_MODEL(vgg13);
ZOO_CHECK_MODEL(vgg16);
ZOO_CHECK_MODEL(vgg19);
ZOO_CHECK_MODEL(vgg16_bn);
ZOO_CHECK_MODEL(vgg19_bn);

namespace ns = netshape;
namespace zoo = netshape::zoo;
namespace ref = netshape_reference;

// The seed's figure, independently of the reference file.
static_assert(ns::params<zoo::alexnet> == 62'378'344);

// Templates underneath: another class count changes only the last layer (4096·ΔN weights, ΔN biases);
// the adaptive 7×7 pool makes VGG's parameters independent of the input size.
static_assert(ns::params<zoo::vgg<zoo::vgg16_config, false, 224, 224, 10>> == ref::vgg16.params - 4096 * 990 - 990);
static_assert(ns::params<zoo::vgg<zoo::vgg16_config, false, 320, 320>> == ref::vgg16.params);
static_assert(ns::output_shape<zoo::alexnet_2012<1, false, 227, 227, 10>> == ns::shape{1, 1, 10});

TEST_CASE("zoo: the reference figures come from torchvision") {
    CHECK(std::string_view(ref::torchvision_version).size() > 0);
    CHECK(std::string_view(ref::torch_version).size() > 0);
}
