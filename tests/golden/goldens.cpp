// The printer's golden outputs: the whole text of every format for a few networks, compared
// byte for byte with the files beside this source (tests/golden/<name>), so that any change of
// layout is a reviewed change. Both compilers' builds compare against the same files, so they
// print byte-identical text; the build against the single header (single/netshape_single.hpp,
// NETSHAPE_GOLDEN_SINGLE) compares against them too.
//
//   goldens --list             the names of the outputs
//   goldens --print NAME       one output on stdout
//   goldens --check DIR [NAME] compare with DIR/NAME (every output without NAME); exit 1 on a difference
//   goldens --write DIR        rewrite every file (the deliberate step: see docs/contributing.md)
#ifdef NETSHAPE_GOLDEN_SINGLE
#include "netshape_single.hpp"
#else
#include <netshape/netshape.hpp>
#include <netshape/print.hpp>
#include <netshape/zoo.hpp>
#endif

#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace ns = netshape;

namespace {

// Names each format must escape: a pipe and a newline; quotes and a backslash; a comma, a carriage
// return, a control character and Markdown's emphasis. And empty names, which are no names.
using hostile = ns::network<ns::input<2, 2, 1>,
    ns::named<"a|b\nc", ns::conv2d<1, 1>>,
    ns::named<"", ns::sequential<ns::named<"", ns::relu>, ns::named<"say \"hi\" \\o/", ns::conv2d<1, 1>>>>,
    ns::named<"blk", ns::add<ns::named<"q,r\r\x01*_", ns::conv2d<1, 1>>, ns::identity>>>;

// Side outputs: a named head, then a feature map itself (output<identity>), then the main path.
using sided = ns::network<ns::input<4, 4, 2>, ns::conv2d<2, 1>,
    ns::named<"aux", ns::output<ns::sequential<ns::named<"pool", ns::adaptive_avg_pool<1>>, ns::flatten, ns::named<"fc", ns::dense<3>>>>>,
    ns::output<ns::identity>, ns::max_pool<2>>;

// shared<Tag, B>: one head on two levels (RetinaNet's), the second use named, and a block used twice
// in a row: each use a dashed cluster, each repeat tied to its first use (the DOT picture).
using head = ns::sequential<ns::conv2d<4, 3, ns::pad<1>>, ns::relu, ns::conv2d<2, 1>>;
using shared_heads = ns::network<ns::input<8, 8, 4>, ns::conv2d<4, 3, ns::pad<1>>,
    ns::output<ns::shared<"head", head>>, ns::conv2d<4, 3, ns::stride<2>, ns::pad<1>>,
    ns::output<ns::named<"p4", ns::shared<"head", head>>>,
    ns::shared<"mix", ns::conv2d<4, 1>>, ns::shared<"mix", ns::conv2d<4, 1>>>;

// The seed's Inception module with 1×1 reductions, unnamed branches, in a user's named block,
// then a head whose figures pass 1,000 (separators everywhere, units in the totals).
using inception = ns::network<ns::input<32, 32, 256>,
    ns::named<"features", ns::sequential<
        ns::named<"mixed", ns::concat<
            ns::conv2d<128, 1>,
            ns::sequential<ns::conv2d<128, 1>, ns::relu, ns::conv2d<192, 3, ns::pad<1>>>,
            ns::sequential<ns::conv2d<32, 1>, ns::relu, ns::conv2d<96, 5, ns::pad<2>>>,
            ns::sequential<ns::max_pool<3, ns::stride<1>, ns::pad<1>>, ns::conv2d<64, 1>>>>,
        ns::relu>>,
    ns::global_avg_pool, ns::flatten, ns::dense<1000>, ns::softmax>;

// The tutorial's residual blocks (unnamed sequentials: no rows of their own), for the memory rows
// at another precision, batch and optimizer.
template <int Channels>
using basic_block = ns::sequential<
    ns::add<ns::sequential<ns::conv2d<Channels, 3, ns::pad<1>, ns::no_bias>, ns::batch_norm, ns::relu,
                           ns::conv2d<Channels, 3, ns::pad<1>, ns::no_bias>, ns::batch_norm>,
            ns::identity>,
    ns::relu>;
using residual = ns::network<ns::input<56, 56, 64>, basic_block<64>, basic_block<64>>;

// Names as an ONNX exporter writes them, long enough that the table must elide them to fit 120
// columns (the CSV and JSON keep them whole), and a shape whose sides pass 1,000.
using exported = ns::network<ns::input<2667, 2667, 3>,
    ns::named<"/backbone/backbone.stage_one/backbone.stage_one.0/conv_block/conv_block.0/Conv", ns::conv2d<16, 3, ns::stride<2>, ns::pad<1>>>,
    ns::named<"/backbone/backbone.stage_one/backbone.stage_one.0/conv_block/conv_block.2/Relu", ns::relu>,
    ns::named<"/backbone/backbone.stage_two/backbone.stage_two.0/residual_branch/Add", ns::add<
        ns::named<"/backbone/backbone.stage_two/backbone.stage_two.0/residual_branch/main/Conv", ns::conv2d<16, 3, ns::pad<1>, ns::dilation<1>>>,
        ns::identity>>,
    ns::named<"/head/GlobalAveragePool", ns::global_avg_pool>, ns::flatten,
    ns::named<"/head/classifier/Gemm", ns::dense<10>>>;

using kinds = ns::network<ns::input<4, 4, 2>, ns::conv_transpose2d<2, 3, ns::stride<2>, ns::pad<1>, ns::output_padding<1>>,
                          ns::upsample<2>, ns::resize<5, 3, ns::interpolation::bilinear, ns::align_corners>,
                          ns::instance_norm<ns::affine>>;

// docs/tutorial.md's first table (its output is shown there and checked: golden.docs).
using tutorial = ns::network<ns::input<32, 32, 3>,
    ns::named<"conv1", ns::conv2d<16, 3, ns::pad<1>>>, ns::relu, ns::max_pool<2>,
    ns::named<"fc", ns::dense<10>>>;

template <class T>
std::string render(const T& t) {
    std::ostringstream out;
    out << t;
    return out.str();
}

// Every golden output: its file name and how it is printed.
std::vector<std::pair<std::string, std::function<std::string()>>> outputs() {
    std::vector<std::pair<std::string, std::function<std::string()>>> all;
    const auto every_format = [&all](const std::string& name, const ns::table& t) {
        all.emplace_back(name + ".txt", [t] { return render(t); });
        all.emplace_back(name + ".md", [t] { return render(t.markdown()); });
        all.emplace_back(name + ".csv", [t] { return render(t.csv()); });
        all.emplace_back(name + ".json", [t] { return render(t.json()); });
        all.emplace_back(name + ".dot", [t] { return render(t.dot()); });
        all.emplace_back(name + ".svg", [t] { return render(t.svg()); });
        all.emplace_back(name + ".html", [t] { return render(t.html()); });
    };
    every_format("hostile", ns::summary<hostile>());
    every_format("sided", ns::summary<sided>());
    every_format("inception", ns::summary<inception>());
    every_format("exported", ns::summary<exported>());
    all.emplace_back("shared.dot", [] { return render(ns::summary<shared_heads>().dot()); });
    all.emplace_back("shared.txt", [] { return render(ns::summary<shared_heads>()); });
    all.emplace_back("inception.depth1.txt", [] { return render(ns::summary<inception>().depth(1)); });
    all.emplace_back("residual.fp16.txt", [] {
        return render(ns::summary<residual>().memory({.batch = 32, .precision = ns::precision::fp16, .optimizer = ns::optimizer::adam}));
    });
    all.emplace_back("residual.md", [] { return render(ns::summary<residual>().markdown()); });
    all.emplace_back("tutorial.txt", [] { return render(ns::summary<tutorial>()); });
    all.emplace_back("kinds.json", [] { return render(ns::summary<kinds>().json()); });
    all.emplace_back("resnet18.txt", [] { return render(ns::summary<ns::zoo::resnet18>()); });
    all.emplace_back("resnet18.depth2.md", [] { return render(ns::summary<ns::zoo::resnet18>().depth(2).markdown()); });
    all.emplace_back("resnet18.csv", [] { return render(ns::summary<ns::zoo::resnet18>().csv()); });
    return all;
}

std::string read(const std::string& path, bool& found) {
    std::ifstream in(path, std::ios::binary);
    found = static_cast<bool>(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The first line where two texts differ, both versions shown.
void report(const std::string& name, const std::string& expected, const std::string& actual) {
    std::istringstream e(expected), a(actual);
    std::string el, al;
    for (std::size_t line = 1;; ++line) {
        const bool me = static_cast<bool>(std::getline(e, el)), ma = static_cast<bool>(std::getline(a, al));
        if (!me && !ma) break;
        if (me != ma || el != al) {
            std::cerr << name << ": differs at line " << line << "\n  golden: " << (me ? el : "(end)")
                      << "\n  now:    " << (ma ? al : "(end)") << '\n';
            return;
        }
    }
    std::cerr << name << ": differs (line ends or the last newline)\n";
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const auto all = outputs();
    if (args.size() == 1 && args[0] == "--list") {
        for (const auto& [name, print] : all) std::cout << name << '\n';
        return 0;
    }
    if (args.size() == 2 && args[0] == "--print") {
        for (const auto& [name, print] : all)
            if (name == args[1]) return std::cout << print(), 0;
        std::cerr << "goldens: no output named " << args[1] << '\n';
        return 2;
    }
    if (args.size() == 2 && args[0] == "--write") {
        for (const auto& [name, print] : all) {
            std::ofstream out(args[1] + "/" + name, std::ios::binary);
            out << print();
            if (!out) return std::cerr << "goldens: cannot write " << args[1] << "/" << name << '\n', 2;
        }
        return 0;
    }
    if ((args.size() == 2 || args.size() == 3) && args[0] == "--check") {
        int failed = 0, checked = 0;
        for (const auto& [name, print] : all) {
            if (args.size() == 3 && name != args[2]) continue;
            ++checked;
            bool found = false;
            const std::string golden = read(args[1] + "/" + name, found);
            if (!found) {
                std::cerr << name << ": no golden file (write them with the update-goldens target)\n";
                ++failed;
            } else if (const std::string now = print(); now != golden) {
                report(name, golden, now);
                ++failed;
            }
        }
        if (checked == 0) return std::cerr << "goldens: no output named " << args[2] << '\n', 2;
        std::cout << checked - failed << " of " << checked << " outputs as their golden files\n";
        return failed == 0 ? 0 : 1;
    }
    std::cerr << "usage: goldens --list | --print NAME | --check DIR [NAME] | --write DIR\n";
    return 2;
}
