// Every output format of one network: writes alexnet.{txt,md,csv,json,dot}, the seed's Inception
// module (Q4, with 1×1 reductions) as inception.dot, resnet18's first stage as
// resnet18_layer1.dot, and three zoo models folded to their blocks (zoo_resnet18.dot at depth 1,
// zoo_googlenet.dot at depth 1, zoo_mobilenet_v2.dot at depth 1; docs/zoo.md shows them) into
// the directory given as the first argument (default: the current directory). Render the graphs
// with Graphviz:
//   dot -Tsvg inception.dot -o inception.svg
#include <fstream>
#include <iostream>
#include <string>

#include <netshape/netshape.hpp>
#include <netshape/print.hpp>
#include <netshape/zoo.hpp>

namespace ns = netshape;

using alexnet = ns::network<ns::input<227, 227, 3>,
    ns::named<"conv1", ns::conv2d<96, 11, ns::stride<4>>>, ns::relu, ns::max_pool<3, ns::stride<2>>,
    ns::named<"conv2", ns::conv2d<256, 5, ns::pad<2>>>, ns::relu, ns::max_pool<3, ns::stride<2>>,
    ns::named<"conv3", ns::conv2d<384, 3, ns::pad<1>>>, ns::relu,
    ns::named<"conv4", ns::conv2d<384, 3, ns::pad<1>>>, ns::relu,
    ns::named<"conv5", ns::conv2d<256, 3, ns::pad<1>>>, ns::relu, ns::max_pool<3, ns::stride<2>>,
    ns::named<"fc1", ns::dense<4096>>, ns::relu, ns::named<"fc2", ns::dense<4096>>, ns::relu,
    ns::named<"fc3", ns::dense<1000>>>;
static_assert(ns::params<alexnet> == 62'378'344);

using inception = ns::network<ns::input<32, 32, 256>, ns::named<"inception (1×1 reductions)", ns::concat<
    ns::named<"1×1", ns::conv2d<128, 1>>,
    ns::named<"3×3 branch", ns::sequential<ns::conv2d<128, 1>, ns::relu, ns::conv2d<192, 3, ns::pad<1>>>>,
    ns::named<"5×5 branch", ns::sequential<ns::conv2d<32, 1>, ns::relu, ns::conv2d<96, 5, ns::pad<2>>>>,
    ns::named<"pool branch", ns::sequential<ns::max_pool<3, ns::stride<1>, ns::pad<1>>, ns::conv2d<64, 1>>>>>>;
static_assert(ns::output_shape<inception> == ns::shape{32, 32, 480} && ns::params<inception> == 388'736);

// resnet18's first stage: two basic blocks on 56×56×64, as torchvision names them.
using resnet18_layer1 = ns::network<ns::input<56, 56, 64>,
    ns::named<"layer1", ns::sequential<ns::zoo::at<0, ns::zoo::basic::block<64, 64, 1>>,
                                       ns::zoo::at<1, ns::zoo::basic::block<64, 64, 1>>>>>;

// The same stage's row in the whole resnet18: found by name among its nodes, at compile time.
constexpr const ns::layer_record& stage_row(const char* name) {
    for (const ns::layer_record& r : ns::nodes<ns::zoo::resnet18>) {
        if (r.kind != ns::kind::block_begin) continue;  // an unnamed block's name is ""
        std::size_t i = 0;
        while (name[i] != '\0' && r.name[i] == name[i]) ++i;
        if (name[i] == '\0' && r.name[i] == '\0') return r;
    }
    return ns::totals<ns::zoo::resnet18>;
}
static_assert(stage_row("layer1").params == ns::params<resnet18_layer1>);
static_assert(stage_row("layer1").macs == ns::macs<resnet18_layer1>);
static_assert(stage_row("layer1").output_shape == ns::output_shape<resnet18_layer1>);
static_assert(ns::params<resnet18_layer1> == 4 * (3 * 3 * 64 * 64 + 2 * 64));

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? std::string(argv[1]) + "/" : std::string();
    const auto write = [&](const std::string& name, const ns::table& t) {
        std::ofstream(dir + name) << t;
        std::cout << "wrote " << dir + name << '\n';
    };
    write("alexnet.txt", ns::summary<alexnet>());
    write("alexnet.md", ns::summary<alexnet>().markdown());
    write("alexnet.csv", ns::summary<alexnet>().csv());
    write("alexnet.json", ns::summary<alexnet>().json());
    write("alexnet.dot", ns::summary<alexnet>().dot());
    write("inception.dot", ns::summary<inception>().dot());
    write("resnet18_layer1.dot", ns::summary<resnet18_layer1>().dot());
    write("zoo_resnet18.dot", ns::summary<ns::zoo::resnet18>().depth(1).dot());
    write("zoo_googlenet.dot", ns::summary<ns::zoo::googlenet>().depth(1).dot());
    write("zoo_mobilenet_v2.dot", ns::summary<ns::zoo::mobilenet_v2>().depth(1).dot());
    std::cout << ns::summary<inception>().csv();
}
