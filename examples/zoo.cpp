// The model zoo in one Markdown table: every model's input, output, parameters, buffers, MACs,
// activations and parameter size at float32, all computed by the compiler from the types.
// tests/test_zoo_*.cpp prove the first five equal torchvision's; docs/zoo.md is this program's output.
#include <cstdio>
#include <iostream>
#include <string>

#include <netshape/zoo.hpp>

namespace ns = netshape;
namespace zoo = netshape::zoo;

// Two figures restated from outside sources, so that this example only builds if they hold.
static_assert(ns::params<zoo::alexnet> == 62'378'344);        // the seed
static_assert(ns::params<zoo::resnet50> == 25'557'032);       // torchvision's ResNet50_Weights meta
static_assert(ns::params<zoo::mobilenet_v3_large> == 5'483'032);  // torchvision's weights meta

namespace {

std::string grouped(ns::count_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string dims(ns::shape s) {
    const std::string hwc = std::to_string(s.height) + "×" + std::to_string(s.width) + "×" + std::to_string(s.channels);
    if (s.rank == 4) return std::to_string(s.depth) + "×" + hwc;                           // a clip: D×H×W×C
    if (s.rank == 2) return std::to_string(s.width) + "×" + std::to_string(s.channels);  // a signal: L×C
    return hwc;
}

/// Every output's shape, side outputs first (output_shapes<Net>), for the models that have several.
template <class Net>
std::string outputs() {
    std::string out;
    for (const ns::shape& s : ns::output_shapes<Net>) out += (out.empty() ? "" : ", ") + dims(s);
    return out;
}

template <class Net, bool SideOutputs = false>
void row(const char* name) {
    char mib[32];
    std::snprintf(mib, sizeof mib, "%.2f", static_cast<double>(ns::params<Net>) * 4.0 / (1024.0 * 1024.0));
    std::cout << "| `" << name << "` | " << dims(ns::input_shape<Net>) << " | " << (SideOutputs ? outputs<Net>() : dims(ns::output_shape<Net>)) << " | "
              << grouped(ns::params<Net>) << " | " << grouped(ns::buffers<Net>) << " | " << grouped(ns::macs<Net>)
              << " | " << grouped(ns::activations<Net>) << " | " << mib << " |\n";
}

}  // namespace

int main() {
    std::cout << "| model | input | output | params | buffers | MACs | activations | params MiB (fp32) |\n"
              << "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n";
    row<zoo::alexnet>("alexnet");
    row<zoo::alexnet_grouped>("alexnet_grouped");
    row<zoo::alexnet_owt>("alexnet_owt");
    row<zoo::lenet5>("lenet5");
    row<zoo::vgg11>("vgg11");
    row<zoo::vgg13>("vgg13");
    row<zoo::vgg16>("vgg16");
    row<zoo::vgg19>("vgg19");
    row<zoo::vgg11_bn>("vgg11_bn");
    row<zoo::vgg13_bn>("vgg13_bn");
    row<zoo::vgg16_bn>("vgg16_bn");
    row<zoo::vgg19_bn>("vgg19_bn");
    row<zoo::resnet18>("resnet18");
    row<zoo::resnet34>("resnet34");
    row<zoo::resnet50>("resnet50");
    row<zoo::resnet101>("resnet101");
    row<zoo::resnet152>("resnet152");
    row<zoo::resnext50_32x4d>("resnext50_32x4d");
    row<zoo::wide_resnet50_2>("wide_resnet50_2");
    row<zoo::resnext101_32x8d>("resnext101_32x8d");
    row<zoo::resnext101_64x4d>("resnext101_64x4d");
    row<zoo::wide_resnet101_2>("wide_resnet101_2");
    row<zoo::googlenet>("googlenet");
    row<zoo::inception_v3>("inception_v3");
    row<zoo::googlenet_aux, true>("googlenet_aux");
    row<zoo::inception_v3_aux, true>("inception_v3_aux");
    row<zoo::squeezenet1_0>("squeezenet1_0");
    row<zoo::squeezenet1_1>("squeezenet1_1");
    row<zoo::densenet121>("densenet121");
    row<zoo::densenet169>("densenet169");
    row<zoo::densenet201>("densenet201");
    row<zoo::densenet161>("densenet161");
    row<zoo::mobilenet_v2>("mobilenet_v2");
    row<zoo::mobilenet_v3_large>("mobilenet_v3_large");
    row<zoo::mobilenet_v3_small>("mobilenet_v3_small");
    row<zoo::mnasnet0_5>("mnasnet0_5");
    row<zoo::mnasnet0_75>("mnasnet0_75");
    row<zoo::mnasnet1_0>("mnasnet1_0");
    row<zoo::mnasnet1_3>("mnasnet1_3");
    row<zoo::shufflenet_v2_x0_5>("shufflenet_v2_x0_5");
    row<zoo::shufflenet_v2_x1_0>("shufflenet_v2_x1_0");
    row<zoo::shufflenet_v2_x1_5>("shufflenet_v2_x1_5");
    row<zoo::shufflenet_v2_x2_0>("shufflenet_v2_x2_0");
    row<zoo::efficientnet_b0>("efficientnet_b0");
    row<zoo::efficientnet_b1>("efficientnet_b1");
    row<zoo::efficientnet_b2>("efficientnet_b2");
    row<zoo::efficientnet_b3>("efficientnet_b3");
    row<zoo::efficientnet_b4>("efficientnet_b4");
    row<zoo::efficientnet_b5>("efficientnet_b5");
    row<zoo::efficientnet_b6>("efficientnet_b6");
    row<zoo::efficientnet_b7>("efficientnet_b7");
    row<zoo::efficientnet_v2_s>("efficientnet_v2_s");
    row<zoo::efficientnet_v2_m>("efficientnet_v2_m");
    row<zoo::efficientnet_v2_l>("efficientnet_v2_l");
    row<zoo::convnext_tiny>("convnext_tiny");
    row<zoo::convnext_small>("convnext_small");
    row<zoo::convnext_base>("convnext_base");
    row<zoo::convnext_large>("convnext_large");
    row<zoo::regnet_x_400mf>("regnet_x_400mf");
    row<zoo::regnet_x_800mf>("regnet_x_800mf");
    row<zoo::regnet_x_1_6gf>("regnet_x_1_6gf");
    row<zoo::regnet_x_3_2gf>("regnet_x_3_2gf");
    row<zoo::regnet_x_8gf>("regnet_x_8gf");
    row<zoo::regnet_x_16gf>("regnet_x_16gf");
    row<zoo::regnet_x_32gf>("regnet_x_32gf");
    row<zoo::regnet_y_400mf>("regnet_y_400mf");
    row<zoo::regnet_y_800mf>("regnet_y_800mf");
    row<zoo::regnet_y_1_6gf>("regnet_y_1_6gf");
    row<zoo::regnet_y_3_2gf>("regnet_y_3_2gf");
    row<zoo::regnet_y_8gf>("regnet_y_8gf");
    row<zoo::regnet_y_16gf>("regnet_y_16gf");
    row<zoo::regnet_y_32gf>("regnet_y_32gf");
    row<zoo::regnet_y_128gf>("regnet_y_128gf");
    row<zoo::vit_b_16>("vit_b_16");
    row<zoo::vit_b_32>("vit_b_32");
    row<zoo::vit_l_16>("vit_l_16");
    row<zoo::vit_l_32>("vit_l_32");
    row<zoo::vit_h_14>("vit_h_14");
    row<zoo::swin_t>("swin_t");
    row<zoo::swin_s>("swin_s");
    row<zoo::swin_b>("swin_b");
    row<zoo::swin_v2_t>("swin_v2_t");
    row<zoo::swin_v2_s>("swin_v2_s");
    row<zoo::swin_v2_b>("swin_v2_b");
    row<zoo::maxvit_t>("maxvit_t");
    row<zoo::fcn_resnet50>("fcn_resnet50");
    row<zoo::fcn_resnet101>("fcn_resnet101");
    row<zoo::deeplabv3_resnet50>("deeplabv3_resnet50");
    row<zoo::deeplabv3_resnet101>("deeplabv3_resnet101");
    row<zoo::deeplabv3_mobilenet_v3_large>("deeplabv3_mobilenet_v3_large");
    row<zoo::lraspp_mobilenet_v3_large>("lraspp_mobilenet_v3_large");
    row<zoo::resnet50_fpn, true>("resnet50_fpn");
    row<zoo::unet>("unet");
    row<zoo::unet_bilinear>("unet_bilinear");
    row<zoo::r3d_18>("r3d_18");
    row<zoo::mc3_18>("mc3_18");
    row<zoo::r2plus1d_18>("r2plus1d_18");
    row<zoo::s3d>("s3d");
    row<zoo::mvit_v1_b>("mvit_v1_b");
    row<zoo::mvit_v2_s>("mvit_v2_s");
    row<zoo::m5>("m5");
}
