// netshape/zoo.hpp: the model zoo, every architecture a type in netshape::zoo, each proven equal
// to torchvision's (tests/test_zoo_*.cpp against tests/data/torchvision_reference.hpp).
//
//   static_assert(netshape::params<netshape::zoo::resnet50> == 25'557'032);
//
// Each family is a template with the input size and class count as parameters, e.g.
// zoo::resnet<zoo::bottleneck<>, zoo::blocks<3, 4, 6, 3>, 320, 320, 10>; the names below are
// aliases at torchvision's default sizes. Module names are torchvision's, local to their block
// ("layer1" > "0" > "conv1"), and printed qualified ("layer1.0.conv1"). The aliases instantiate
// nothing: a model is built when a figure is asked of it.
#pragma once

#include <netshape/zoo/alexnet.hpp>
#include <netshape/zoo/audio.hpp>
#include <netshape/zoo/convnext.hpp>
#include <netshape/zoo/detection.hpp>
#include <netshape/zoo/densenet.hpp>
#include <netshape/zoo/efficientnet.hpp>
#include <netshape/zoo/googlenet.hpp>
#include <netshape/zoo/inception.hpp>
#include <netshape/zoo/lenet.hpp>
#include <netshape/zoo/maxvit.hpp>
#include <netshape/zoo/mnasnet.hpp>
#include <netshape/zoo/mobilenet.hpp>
#include <netshape/zoo/mvit.hpp>
#include <netshape/zoo/regnet.hpp>
#include <netshape/zoo/resnet.hpp>
#include <netshape/zoo/segmentation.hpp>
#include <netshape/zoo/shufflenet.hpp>
#include <netshape/zoo/swin.hpp>
#include <netshape/zoo/squeezenet.hpp>
#include <netshape/zoo/unet.hpp>
#include <netshape/zoo/vgg.hpp>
#include <netshape/zoo/video.hpp>
#include <netshape/zoo/vit.hpp>
