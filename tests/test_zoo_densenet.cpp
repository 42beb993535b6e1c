// The zoo's DenseNets equal torchvision's in input, parameters, buffers, output shape and MACs;
// densenet121's every layer has torchvision's module name and output shape.
#include <netshape/zoo/densenet.hpp>

#include "data/zoo_checks.hpp"

ZOO_CHECK_MODEL(densenet121);
ZOO_CHECK_MODEL(densenet169);
ZOO_CHECK_MODEL(densenet201);

namespace ns = netshape;
namespace zoo = netshape::zoo;
namespace ref = netshape_reference;

// 64 + 6·32 = 256 → 128; 128 + 12·32 = 512 → 256; 256 + 24·32 = 1024 → 512; 512 + 16·32 = 1024.
static_assert(ns::output_shape<zoo::densenet<32, zoo::blocks<6, 12, 24, 16>, 64, 224, 224, 10>> == ns::shape{1, 1, 10});
static_assert(ns::params<zoo::densenet<32, zoo::blocks<6, 12, 24, 16>, 64, 224, 224, 10>> ==
              ref::densenet121.params - 1024 * 990 - 990);

TEST_CASE("zoo: densenet121's layers are torchvision's, name by name and shape by shape") {
    zoo_checks::check_layers<zoo::densenet121>(ref::densenet121_layers);
}
