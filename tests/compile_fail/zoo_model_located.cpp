// expect: a dense layer needs a positive number of outputs
// context: layer_error<170, netshape::where<(netshape::location\{"fc", "dense 0"\}|netshape::path<'f', 'c'>)
// A zoo-sized network (ResNet-50 with 0 classes): the layer is found by its index and path, and
// the lines netshape writes stay under 400 characters.
#include <netshape/zoo/resnet.hpp>
namespace ns = netshape;
using net = ns::zoo::resnet<ns::zoo::bottleneck<>, ns::zoo::blocks<3, 4, 6, 3>, 224, 224, 0>;
static_assert(ns::params<net> > 0);
