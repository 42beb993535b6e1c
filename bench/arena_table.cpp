// The arena benchmark (not a timed test): every zoo model's compile-time plan (netshape/arena.hpp)
// against its lower bound, for each element size with concat in place off and on, and for the
// other options at float32. Prints the Markdown that bench/arena_table.py writes into docs/arena.md.
#include <cstdio>
#include <string>

#include <fstream>

#include <netshape/arena.hpp>
#include <netshape/format/arena.hpp>
#include <netshape/zoo.hpp>

namespace ns = netshape;
namespace zoo = ns::zoo;

namespace {

std::string grouped(long long n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

int models = 0, at_bound_default = 0, at_bound_all = 0, configurations = 0;
double worst_goal = 1.0, worst_other = 1.0;

template <class Net, ns::plan P>
double ratio(bool goal) {
    constexpr auto& a = ns::arena<Net, P>;
    const double r = double(a.bytes) / double(a.lower_bound);
    ++configurations;
    if (a.bytes == a.lower_bound) ++at_bound_all;
    double& worst = goal ? worst_goal : worst_other;
    worst = r > worst ? r : worst;
    return r;
}

template <class Net>
void row(const char* name) {
    constexpr auto& a = ns::arena<Net>;
    ++models;
    if (a.bytes == a.lower_bound) ++at_bound_default;
    const double r[] = {
        ratio<Net, ns::plan{}>(true),
        ratio<Net, ns::plan{.element_bytes = 2}>(true),
        ratio<Net, ns::plan{.element_bytes = 1}>(true),
        ratio<Net, ns::plan{.concat_in_place = true}>(true),
        ratio<Net, ns::plan{.element_bytes = 2, .concat_in_place = true}>(true),
        ratio<Net, ns::plan{.element_bytes = 1, .concat_in_place = true}>(true),
        ratio<Net, ns::plan{.add_in_place = true}>(false),
        ratio<Net, ns::plan{.im2col = true}>(false),
    };
    std::printf("| `%s` | %s | %s | %.4f | %s |", name, grouped(a.lower_bound).c_str(), grouped(a.bytes).c_str(),
                double(a.bytes) / double(a.lower_bound), grouped(a.naive).c_str());
    for (double x : r) std::printf(" %.4f |", x);
    std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
    // The picture for docs/arena.md: MobileNetV2's plan at int8.
    if (argc > 1) std::ofstream(argv[1]) << ns::arena_svg<zoo::mobilenet_v2, ns::plan{.element_bytes = 1}>();
    std::printf("| model | lower bound | plan | ratio | naive sum |"
                " fp32 | fp16 | int8 | fp32 concat | fp16 concat | int8 concat | fp32 add | fp32 im2col |\n"
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
#define ROW(m) row<zoo::m>(#m);
    ROW(alexnet) ROW(alexnet_grouped) ROW(alexnet_owt) ROW(lenet5) ROW(vgg11) ROW(vgg13) ROW(vgg16) ROW(vgg19)
    ROW(vgg16_bn) ROW(vgg19_bn) ROW(resnet18) ROW(resnet34) ROW(resnet50) ROW(resnet101) ROW(resnet152)
    ROW(resnext50_32x4d) ROW(wide_resnet50_2) ROW(googlenet) ROW(inception_v3) ROW(googlenet_aux) ROW(inception_v3_aux)
    ROW(squeezenet1_0) ROW(squeezenet1_1) ROW(densenet121) ROW(densenet169) ROW(densenet201) ROW(mobilenet_v2)
    ROW(mobilenet_v3_large) ROW(shufflenet_v2_x1_0) ROW(efficientnet_b0) ROW(convnext_tiny) ROW(vit_b_16)
    ROW(vit_b_32) ROW(vit_l_16) ROW(vit_l_32) ROW(vit_h_14) ROW(fcn_resnet50) ROW(fcn_resnet101) ROW(deeplabv3_resnet50)
    ROW(deeplabv3_resnet101) ROW(deeplabv3_mobilenet_v3_large) ROW(lraspp_mobilenet_v3_large) ROW(resnet50_fpn)
    ROW(swin_t) ROW(swin_s) ROW(swin_b) ROW(swin_v2_t) ROW(swin_v2_s) ROW(swin_v2_b) ROW(maxvit_t)
#undef ROW
    std::printf("\n%d models; the default plan (float32, 16-byte alignment) is at the lower bound on %d. "
                "Of all %d plans in the table, %d are at the lower bound. The worst ratio with the issue's "
                "options (every element size, concat in place off and on): %.4f; with add in place or im2col: %.4f.\n",
                models, at_bound_default, configurations, at_bound_all, worst_goal, worst_other);
}
