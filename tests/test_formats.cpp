// The printer's formats: every number they print is a compile-time figure; these tests check the
// layout (separators, quoting, escaping, one row per node, totals) against the figures themselves.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <netshape/netshape.hpp>
#include <netshape/print.hpp>

namespace ns = netshape;

namespace {
using res = ns::network<ns::input<56, 56, 64>,
    ns::named<"block", ns::add<ns::sequential<ns::named<"conv1", ns::conv2d<64, 3, ns::pad<1>, ns::no_bias>>, ns::batch_norm,
                                             ns::relu, ns::conv2d<64, 3, ns::pad<1>, ns::no_bias>, ns::batch_norm>,
                              ns::identity>>,
    ns::relu>;

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

template <class T>
std::string render(const T& t) {
    std::ostringstream out;
    out << t;
    return out.str();
}

std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cells.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cells.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells.emplace_back();
        } else {
            cells.back() += c;
        }
    }
    return cells;
}
}  // namespace

TEST_CASE("thousands separators, dimensions, descriptions") {
    namespace f = ns::format;
    CHECK(f::thousands(0) == "0");
    CHECK(f::thousands(999) == "999");
    CHECK(f::thousands(1000) == "1,000");
    CHECK(f::thousands(62'378'344) == "62,378,344");
    CHECK(f::thousands(-1'234'567) == "-1,234,567");
    CHECK(f::dims(ns::shape{55, 55, 96}) == "55×55×96");
    CHECK(f::width("55×55×96") == 8);
    CHECK(f::describe(ns::layers<res>[0]) == "conv 3×3, 64, pad 1, no bias");
    using strided = ns::network<ns::input<227, 227, 3>, ns::conv2d<96, 11, ns::stride<4>>, ns::max_pool<3, ns::stride<2>, ns::ceil_mode>,
                                ns::conv2d<8, ns::hw{1, 7}, ns::pad<0, 3>, ns::groups<8>>, ns::global_avg_pool, ns::dense<10, ns::no_bias>>;
    CHECK(f::describe(ns::layers<strided>[0]) == "conv 11×11/4, 96");
    CHECK(f::describe(ns::layers<strided>[1]) == "max pool 3×3/2, ceil");
    CHECK(f::describe(ns::layers<strided>[2]) == "conv 1×7, 8, pad 0×3, groups 8");
    CHECK(f::describe(ns::layers<strided>[3]) == "global avg pool");
    CHECK(f::describe(ns::layers<strided>[4]) == "dense 10, no bias");
}

TEST_CASE("text table: a row per shown node, the totals below") {
    const std::string text = render(ns::summary<res>());
    const auto rows = lines(text);
    // header, rule, input, the add block, the sequential block, 5 leaves + identity, final relu
    CHECK(rows.size() >= 11);
    CHECK(text.find("73,984") != std::string::npos);  // params of the block and of the network
    CHECK(text.find("  conv1") != std::string::npos);  // indented under its blocks
    CHECK(text.find(ns::format::thousands(ns::macs<res>)) != std::string::npos);
    const std::string folded = render(ns::summary<res>().depth(0));
    CHECK(lines(folded).size() < rows.size());
    CHECK(folded.find("block …") != std::string::npos);
    CHECK(folded.find("conv1") == std::string::npos);
}

TEST_CASE("markdown: a pipe table with aligned numeric columns") {
    const auto rows = lines(render(ns::summary<res>().markdown().without_totals()));
    REQUIRE(rows.size() > 3);
    for (const std::string& r : rows) {
        CHECK(r.front() == '|');
        CHECK(r.back() == '|');
    }
    CHECK(rows[1].find("---:") != std::string::npos);
}

TEST_CASE("csv: every figure of every shown node, and a totals row") {
    const auto rows = lines(render(ns::summary<res>().csv()));
    const auto header = split_csv(rows.front());
    REQUIRE(header.size() == 28);
    for (const std::string& r : rows) CHECK(split_csv(r).size() == header.size());
    const auto first_leaf = split_csv(rows[3]);
    CHECK(first_leaf[4] == "conv1");
    CHECK(first_leaf[5] == "block.conv1");  // the named add "block" around it
    CHECK(first_leaf[6] == "conv 3×3, 64, pad 1, no bias");
    CHECK(std::stoll(first_leaf[13]) == ns::layers<res>[0].weights);
    CHECK(std::stoll(first_leaf[17]) == ns::layers<res>[0].macs);
    const auto total = split_csv(rows.back());
    CHECK(total[3] == "total");
    CHECK(std::stoll(total[15]) == ns::params<res>);
    CHECK(std::stoll(total[16]) == ns::buffers<res>);
    CHECK(std::stoll(total[18]) == ns::activations<res>);
    CHECK(ns::format::csv_field("a,b") == "\"a,b\"");
    CHECK(ns::format::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
}

TEST_CASE("qualified names join the named blocks around a node") {
    using nested = ns::network<ns::input<8, 8, 4>,
        ns::named<"layer1", ns::sequential<ns::named<"0", ns::sequential<ns::named<"conv1", ns::conv2d<4, 1>>, ns::relu>>,
                                           ns::named<"1", ns::add<ns::named<"conv1", ns::conv2d<4, 1>>, ns::identity>>>>,
        ns::named<"fc", ns::dense<2>>>;
    const auto& all = ns::nodes<nested>;
    const auto paths = ns::format::qualified_names(all.data(), all.size());
    std::vector<std::string> leaves;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (!ns::is_structure(all[i].kind)) leaves.push_back(paths[i]);
    CHECK(leaves == std::vector<std::string>{"layer1.0.conv1", "", "layer1.1.conv1", "", "fc"});
    CHECK(paths[0] == "layer1");
}

TEST_CASE("json: totals and every node") {
    const std::string json = render(ns::summary<res>().json());
    CHECK(json.find("\"schema\": \"netshape-summary/2\"") != std::string::npos);
    CHECK(json.find("\"params\": " + std::to_string(ns::params<res>)) != std::string::npos);
    CHECK(json.find("\"path\": \"block.conv1\"") != std::string::npos);
    CHECK(json.find("\"peak_activations\": " + std::to_string(ns::peak_activations<res>)) != std::string::npos);
    std::size_t count = 0;
    for (std::size_t at = json.find("{\"index\": "); at != std::string::npos; at = json.find("{\"index\": ", at + 1)) ++count;
    CHECK(count == ns::nodes<res>.size());
    CHECK(ns::format::json_string("a\"b\\c\n") == "\"a\\\"b\\\\c\\u000a\"");
    CHECK(ns::format::json_string(nullptr) == "null");
}

TEST_CASE("dot: one graph node per layer, identity as a plain edge, shapes on edges") {
    const std::string dot = render(ns::summary<res>().dot());
    CHECK(dot.rfind("digraph netshape {", 0) == 0);
    CHECK(dot.find("subgraph cluster_0") != std::string::npos);
    CHECK(dot.find("[label=\"add\", shape=circle]") != std::string::npos);
    CHECK(dot.find("input -> n") != std::string::npos);
    std::size_t edges = 0;
    for (std::size_t at = dot.find(" -> "); at != std::string::npos; at = dot.find(" -> ", at + 1)) ++edges;
    // input→conv1→bn→relu→conv→bn→add (6), input→add for the identity (1), add→relu→output (2)
    CHECK(edges == 9);
    CHECK(dot.find("identity") == std::string::npos);
}

namespace {
// Names each format must escape: a pipe and a newline; quotes and a backslash; a comma, a carriage
// return, a control character and Markdown's emphasis. And empty names, which are no names.
using hostile = ns::network<ns::input<2, 2, 1>,
    ns::named<"a|b\nc", ns::conv2d<1, 1>>,
    ns::named<"", ns::sequential<ns::named<"", ns::relu>, ns::named<"say \"hi\" \\o/", ns::conv2d<1, 1>>>>,
    ns::named<"blk", ns::add<ns::named<"q,r\r\x01*_", ns::conv2d<1, 1>>, ns::identity>>>;
// The lines every DOT output begins with.
const std::string dot_preamble = R"(digraph netshape {
  rankdir=TB;
  node [shape=box, style=rounded, fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize=10];
)";
}  // namespace

TEST_CASE("text table: control characters in names shown as C escapes (whole output)") {
    CHECK(render(ns::summary<hostile>().without_totals()) == R"(#  layer            description  output  weights  biases  params  MACs
----------------------------------------------------------------------
   input                         2×2×1
0  a|b\nc           conv 1×1, 1  2×2×1         1       1       2     4
   block            sequential   2×2×1         1       1       2     4
1    relu           relu         2×2×1         0       0       0     0
2    say "hi" \\o/  conv 1×1, 1  2×2×1         1       1       2     4
   blk              add of 2     2×2×1         1       1       2     4
3    q,r\r\x01*_    conv 1×1, 1  2×2×1         1       1       2     4
4    identity       identity     2×2×1         0       0       0     0
)");
}

TEST_CASE("markdown: pipes and inline syntax in names escaped, one row per line (whole output)") {
    CHECK(render(ns::summary<hostile>().markdown().without_totals()) == R"(| # | layer             | description | output | weights | biases | params | MACs |
| - | ----------------- | ----------- | ------ | ------: | -----: | -----: | ---: |
|   | input             |             | 2×2×1  |         |        |        |      |
| 0 | a\|b\\nc          | conv 1×1, 1 | 2×2×1  |       1 |      1 |      2 |    4 |
|   | block             | sequential  | 2×2×1  |       1 |      1 |      2 |    4 |
| 1 | · relu            | relu        | 2×2×1  |       0 |      0 |      0 |    0 |
| 2 | · say "hi" \\\\o/ | conv 1×1, 1 | 2×2×1  |       1 |      1 |      2 |    4 |
|   | blk               | add of 2    | 2×2×1  |       1 |      1 |      2 |    4 |
| 3 | · q,r\\r\\x01\*\_ | conv 1×1, 1 | 2×2×1  |       1 |      1 |      2 |    4 |
| 4 | · identity        | identity    | 2×2×1  |       0 |      0 |      0 |    0 |
)");
    CHECK(ns::format::markdown_cell("a|b") == "a\\|b");
}

TEST_CASE("csv: names quoted as RFC 4180 says, empty names give no path part (whole output)") {
    const std::string expected =
        "index,leaf,depth,kind,name,path,description,input_h,input_w,input_c,output_h,output_w,output_c,weights,biases,"
        "params,buffers,macs,activations,peak_activations,receptive_h,receptive_w,jump_h,jump_w,input_d,output_d,"
        "input_rank,output_rank\n"
        "0,0,0,conv2d,\"a|b\nc\",\"a|b\nc\",\"conv 1×1, 1\",2,2,1,2,2,1,1,1,2,0,4,4,8,1,1,1,1,1,1,3,3\n"
        "1,,0,sequential,,,sequential,2,2,1,2,2,1,1,1,2,0,4,4,0,1,1,1,1,1,1,3,3\n"
        "2,1,1,activation,,,relu,2,2,1,2,2,1,0,0,0,0,0,0,4,1,1,1,1,1,1,3,3\n"
        "3,2,1,conv2d,\"say \"\"hi\"\" \\o/\",\"say \"\"hi\"\" \\o/\",\"conv 1×1, 1\",2,2,1,2,2,1,1,1,2,0,4,4,8,1,1,1,1,1,1,3,3\n"
        "5,,0,add,blk,blk,add of 2,2,2,1,2,2,1,1,1,2,0,4,4,12,1,1,1,1,1,1,3,3\n"
        "7,3,1,conv2d,\"q,r\r\x01*_\",\"blk.q,r\r\x01*_\",\"conv 1×1, 1\",2,2,1,2,2,1,1,1,2,0,4,4,12,1,1,1,1,1,1,3,3\n"
        "9,4,1,identity,,,identity,2,2,1,2,2,1,0,0,0,0,0,0,12,1,1,1,1,1,1,3,3\n"
        ",,0,total,total,,,2,2,1,2,2,1,3,3,6,0,12,16,12,1,1,1,1,1,1,3,3\n";
    CHECK(render(ns::summary<hostile>().csv()) == expected);
    CHECK(ns::format::csv_field("a\rb") == "\"a\rb\"");
}

TEST_CASE("dot: quotes, backslashes and control characters in labels escaped; no empty labels (whole output)") {
    CHECK(render(ns::summary<hostile>().dot()) == dot_preamble + R"(  input [label="input\n2×2×1", shape=oval];
  n0 [label="a|b\nc\nconv 1×1, 1"];
  n2 [label="relu"];
  n3 [label="say \"hi\" \\o/\nconv 1×1, 1"];
  subgraph cluster_5 {
  label="blk";
  n7 [label="q,r\\r\\x01*_\nconv 1×1, 1"];
  n10 [label="add", shape=circle];
  }
  output [label="output\n2×2×1", shape=oval];
  input -> n0 [label="2×2×1"];
  n0 -> n2 [label="2×2×1"];
  n2 -> n3 [label="2×2×1"];
  n3 -> n7 [label="2×2×1"];
  n7 -> n10 [label="2×2×1"];
  n3 -> n10 [label="2×2×1"];
  n10 -> output [label="2×2×1"];
}
)");
}

TEST_CASE("json: quotes, backslashes and control characters in names escaped (whole output)") {
    using tiny = ns::network<ns::input_vector<2>, ns::named<"q\"\\\n\x01", ns::dense<1>>>;
    CHECK(render(ns::summary<tiny>().json()) == R"({
  "schema": "netshape-summary/2",
  "input_shape": [2],
  "output_shape": [1],
  "totals": {"weights": 2, "biases": 1, "params": 3, "buffers": 0, "macs": 2, "activations": 3, "peak_activations": 3, "receptive_field": {"height": 1, "width": 1, "jump_height": 1, "jump_width": 1}},
  "max_depth": null,
  "nodes": [
    {"index": 0, "kind": "dense", "name": "q\"\\\u000a\u0001", "path": "q\"\\\u000a\u0001", "leaf": 0, "depth": 0, "match": null, "description": "dense 1", "input_shape": [2], "output_shape": [1], "weights": 2, "biases": 1, "params": 3, "buffers": 0, "macs": 2, "activations": 1, "peak_activations": 3, "receptive_field": {"height": 1, "width": 1, "jump_height": 1, "jump_width": 1}, "spec": {"units": 1, "kernel": [1, 1], "stride": [1, 1], "pad": [0, 0], "dilation": [1, 1], "groups": 1, "bias": true, "ceil_mode": false, "per_pixel": false, "function": null, "first": 0}}
  ]
}
)");
}

TEST_CASE("json: the spec keys of issue 13's kinds, only where they apply (whole output)") {
    using kinds = ns::network<ns::input<4, 4, 2>, ns::conv_transpose2d<2, 3, ns::stride<2>, ns::pad<1>, ns::output_padding<1>>,
                              ns::upsample<2>, ns::resize<5, 3, ns::interpolation::bilinear, ns::align_corners>,
                              ns::instance_norm<ns::affine>>;
    CHECK(render(ns::summary<kinds>().json()) == R"({
  "schema": "netshape-summary/2",
  "input_shape": [4, 4, 2],
  "output_shape": [5, 3, 2],
  "totals": {"weights": 38, "biases": 4, "params": 42, "buffers": 0, "macs": 576, "activations": 732, "peak_activations": 640, "receptive_field": {"height": "9/4", "width": "9/4", "jump_height": "15/16", "jump_width": "15/8"}},
  "max_depth": null,
  "nodes": [
    {"index": 0, "kind": "conv_transpose2d", "name": null, "path": "", "leaf": 0, "depth": 0, "match": null, "description": "transposed conv 3×3/2, 2, pad 1, output padding 1", "input_shape": [4, 4, 2], "output_shape": [8, 8, 2], "weights": 36, "biases": 2, "params": 38, "buffers": 0, "macs": 576, "activations": 128, "peak_activations": 160, "receptive_field": {"height": 2, "width": 2, "jump_height": "1/2", "jump_width": "1/2"}, "spec": {"units": 2, "kernel": [3, 3], "stride": [2, 2], "pad": [1, 1], "dilation": [1, 1], "groups": 1, "bias": true, "ceil_mode": false, "per_pixel": false, "function": null, "first": 0, "output_padding": [1, 1]}},
    {"index": 1, "kind": "upsample", "name": null, "path": "", "leaf": 1, "depth": 0, "match": null, "description": "upsample ×2, nearest", "input_shape": [8, 8, 2], "output_shape": [16, 16, 2], "weights": 0, "biases": 0, "params": 0, "buffers": 0, "macs": 0, "activations": 512, "peak_activations": 640, "receptive_field": {"height": 2, "width": 2, "jump_height": "1/4", "jump_width": "1/4"}, "spec": {"units": 0, "kernel": [1, 1], "stride": [2, 2], "pad": [0, 0], "dilation": [1, 1], "groups": 1, "bias": false, "ceil_mode": false, "per_pixel": false, "function": null, "first": 0, "interpolation": "nearest", "align_corners": false}},
    {"index": 2, "kind": "resize", "name": null, "path": "", "leaf": 2, "depth": 0, "match": null, "description": "resize to 5×3, bilinear, align corners", "input_shape": [16, 16, 2], "output_shape": [5, 3, 2], "weights": 0, "biases": 0, "params": 0, "buffers": 0, "macs": 0, "activations": 30, "peak_activations": 542, "receptive_field": {"height": "9/4", "width": "9/4", "jump_height": "15/16", "jump_width": "15/8"}, "spec": {"units": 0, "kernel": [5, 3], "stride": [1, 1], "pad": [0, 0], "dilation": [1, 1], "groups": 1, "bias": false, "ceil_mode": false, "per_pixel": false, "function": null, "first": 0, "interpolation": "bilinear", "align_corners": true}},
    {"index": 3, "kind": "instance_norm", "name": null, "path": "", "leaf": 3, "depth": 0, "match": null, "description": "instance norm, affine", "input_shape": [5, 3, 2], "output_shape": [5, 3, 2], "weights": 2, "biases": 2, "params": 4, "buffers": 0, "macs": 0, "activations": 30, "peak_activations": 60, "receptive_field": {"height": "9/4", "width": "9/4", "jump_height": "15/16", "jump_width": "15/8"}, "spec": {"units": 0, "kernel": [1, 1], "stride": [1, 1], "pad": [0, 0], "dilation": [1, 1], "groups": 1, "bias": false, "ceil_mode": false, "per_pixel": false, "function": null, "first": 0, "affine": true, "track_running_stats": false}}
  ]
}
)");
}

TEST_CASE("an empty name is no name: every format prints named<\"\", L> exactly as L") {
    using plain = ns::network<ns::input<4, 4, 2>, ns::conv2d<2, 1>, ns::sequential<ns::relu, ns::conv2d<2, 1>>,
                              ns::add<ns::conv2d<2, 1>, ns::identity>>;
    using empty = ns::network<ns::input<4, 4, 2>, ns::named<"", ns::conv2d<2, 1>>,
                              ns::named<"", ns::sequential<ns::named<"", ns::relu>, ns::conv2d<2, 1>>>,
                              ns::named<"", ns::add<ns::conv2d<2, 1>, ns::identity>>>;
    static_assert(ns::layers<empty>[0].name[0] == '\0' && ns::nodes<empty>[1].name[0] == '\0');
    const auto s = ns::summary<plain>();
    const auto e = ns::summary<empty>();
    CHECK(render(e) == render(s));
    CHECK(render(e.markdown()) == render(s.markdown()));
    CHECK(render(e.csv()) == render(s.csv()));
    CHECK(render(e.json()) == render(s.json()));
    CHECK(render(e.dot()) == render(s.dot()));
    CHECK(render(e).find("block") != std::string::npos);      // the sequential's row
    CHECK(render(e).find("0  conv2d") != std::string::npos);  // the leaf is its kind, not "block"
    // The outer name wins over an inner one, and an empty one is none at all.
    using outer = ns::network<ns::input<4, 4, 2>, ns::named<"x", ns::named<"y", ns::relu>>, ns::named<"", ns::named<"z", ns::relu>>>;
    static_assert(std::string_view(ns::layers<outer>[0].name) == "x" && std::string_view(ns::layers<outer>[1].name) == "z");
}

TEST_CASE("depth(n) folds CSV, JSON and DOT as it folds the table") {
    // res: the named add "block" at depth 0 (its sequential branch at 1, the layers in it at 2), then relu.
    const auto rows = lines(render(ns::summary<res>().depth(0).csv()));
    REQUIRE(rows.size() == 4);  // header, block, relu, total
    const auto block = split_csv(rows[1]);
    CHECK(block[3] == "add");
    CHECK(block[4] == "block");
    CHECK(std::stoll(block[15]) == ns::params<res>);
    CHECK(split_csv(rows[2])[3] == "activation");
    for (std::size_t level = 0; level < 4; ++level) {
        for (const std::string& r : lines(render(ns::summary<res>().depth(level).csv())))
            if (r.rfind("index", 0) != 0 && r.rfind(",,0,total", 0) != 0) CHECK(std::stoul(split_csv(r)[2]) <= level);
    }
    CHECK(render(ns::summary<res>().depth(9).csv()) == render(ns::summary<res>().csv()));

    const std::string json = render(ns::summary<res>().depth(1).json());
    CHECK(json.find("\"max_depth\": 1,") != std::string::npos);
    std::size_t shown = 0, expected = 0;
    for (std::size_t at = json.find("{\"index\": "); at != std::string::npos; at = json.find("{\"index\": ", at + 1)) ++shown;
    for (const ns::layer_record& r : ns::nodes<res>) expected += r.depth <= 1 ? 1 : 0;
    CHECK(shown == expected);
    CHECK(json.find("\"depth\": 2") == std::string::npos);
    CHECK(render(ns::summary<res>().json()).find("\"max_depth\": null,") != std::string::npos);

    CHECK(render(ns::summary<res>().depth(0).dot()) == dot_preamble + R"(  input [label="input\n56×56×64", shape=oval];
  n0 [label="block\nadd of 2 …"];
  n12 [label="relu"];
  output [label="output\n56×56×64", shape=oval];
  input -> n0 [label="56×56×64"];
  n0 -> n12 [label="56×56×64"];
  n12 -> output [label="56×56×64"];
}
)");
    // Depth 1: the add open, its sequential branch folded into one node, identity a plain edge.
    const std::string dot1 = render(ns::summary<res>().depth(1).dot());
    CHECK(dot1.find("[label=\"sequential …\"]") != std::string::npos);
    CHECK(dot1.find("conv1") == std::string::npos);
    CHECK(dot1.find("subgraph cluster_0") != std::string::npos);
    CHECK(render(ns::summary<res>().depth(9).dot()) == render(ns::summary<res>().dot()));
}

namespace {
// Side outputs: a named head, then a feature map itself (output<identity>), then the main path.
using sided = ns::network<ns::input<4, 4, 2>, ns::conv2d<2, 1>,
    ns::named<"aux", ns::output<ns::sequential<ns::named<"pool", ns::adaptive_avg_pool<1>>, ns::flatten, ns::named<"fc", ns::dense<3>>>>>,
    ns::output<ns::identity>, ns::max_pool<2>>;
}  // namespace

TEST_CASE("side outputs: a block row \"output\" with its head nested, every output's shape in the totals (whole output)") {
    CHECK(render(ns::summary<sided>()) == R"(#  layer        description      output  weights  biases  params  MACs
----------------------------------------------------------------------
   input                         4×4×2
0  conv2d       conv 1×1, 2      4×4×2         4       2       6    64
   aux          side output      1×1×3         6       3       9     6
     block      sequential       1×1×3         6       3       9     6
1      pool     global avg pool  1×1×2         0       0       0     0
2      flatten  flatten          1×1×2         0       0       0     0
3      fc       dense 3          1×1×3         6       3       9     6
   output       side output      4×4×2         0       0       0     0
4    identity   identity         4×4×2         0       0       0     0
5  max_pool     max pool 2×2/2   2×2×2         0       0       0     0

total            value
-------------------------------------------
params              15  0.00 MiB at float32
weights             10
biases               5
buffers              0  0.00 MiB at float32
MACs                70
activations         77  0.00 MiB at float32
receptive field    2×2             jump 2×2
outputs              3  1×1×3, 4×4×2, 2×2×2
)");
}

TEST_CASE("side outputs in CSV: the output block row carries its head's output and totals (whole output)") {
    const std::string expected =
        "index,leaf,depth,kind,name,path,description,input_h,input_w,input_c,output_h,output_w,output_c,weights,biases,params,buffers,macs,activations,peak_activations,receptive_h,receptive_w,jump_h,jump_w,input_d,output_d,input_rank,output_rank\n"
        "0,0,0,conv2d,,,\"conv 1×1, 2\",4,4,2,4,4,2,4,2,6,0,64,32,64,1,1,1,1,1,1,3,3\n"
        "1,,0,output,aux,aux,side output,4,4,2,1,1,3,6,3,9,0,6,5,35,4,4,4,4,1,1,3,3\n"
        "3,,1,sequential,,aux,sequential,4,4,2,1,1,3,6,3,9,0,6,5,0,4,4,4,4,1,1,3,3\n"
        "4,1,2,adaptive_avg_pool,pool,aux.pool,global avg pool,4,4,2,1,1,2,0,0,0,0,0,2,66,4,4,4,4,1,1,3,3\n"
        "5,2,2,flatten,,,flatten,1,1,2,1,1,2,0,0,0,0,0,0,34,4,4,4,4,1,1,3,3\n"
        "6,3,2,dense,fc,aux.fc,dense 3,1,1,2,1,1,3,6,3,9,0,6,3,37,4,4,4,4,1,1,3,3\n"
        "9,,0,output,,,side output,4,4,2,4,4,2,0,0,0,0,0,0,67,1,1,1,1,1,1,3,3\n"
        "11,4,1,identity,,,identity,4,4,2,4,4,2,0,0,0,0,0,0,67,1,1,1,1,1,1,3,3\n"
        "13,5,0,max_pool,,,max pool 2×2/2,4,4,2,2,2,2,0,0,0,0,0,8,75,2,2,2,2,1,1,3,3\n"
        ",,0,total,total,,,4,4,2,2,2,2,10,5,15,0,70,77,75,2,2,2,2,1,1,3,3\n";
    CHECK(render(ns::summary<sided>().csv()) == expected);
}

TEST_CASE("side outputs in DOT: an oval per output, the main path going on from the head's input (whole output)") {
    CHECK(render(ns::summary<sided>().dot()) == dot_preamble + R"(  input [label="input\n4×4×2", shape=oval];
  n0 [label="conv 1×1, 2"];
  subgraph cluster_1 {
  label="aux";
  n4 [label="pool\nglobal avg pool"];
  n5 [label="flatten"];
  n6 [label="fc\ndense 3"];
  n8 [label="output 0\n1×1×3", shape=oval];
  }
  n12 [label="output 1\n4×4×2", shape=oval];
  n13 [label="max pool 2×2/2"];
  output [label="output\n2×2×2", shape=oval];
  input -> n0 [label="4×4×2"];
  n0 -> n4 [label="4×4×2"];
  n4 -> n5 [label="1×1×2"];
  n5 -> n6 [label="1×1×2"];
  n6 -> n8 [label="1×1×3"];
  n0 -> n12 [label="4×4×2"];
  n0 -> n13 [label="4×4×2"];
  n13 -> output [label="2×2×2"];
}
)");
    // Folded: each head is one box, still ending in its output; the main path goes on from n0.
    const std::string folded = render(ns::summary<sided>().depth(0).dot());
    for (const char* part : {"  n1 [label=\"aux\\nside output …\"];\n  n8 [label=\"output 0\\n1×1×3\", shape=oval];\n",
                             "  n9 [label=\"side output …\"];\n  n12 [label=\"output 1\\n4×4×2\", shape=oval];\n",
                             "  n1 -> n8 [label=\"1×1×3\"];\n  n0 -> n9 [label=\"4×4×2\"];\n  n9 -> n12 [label=\"4×4×2\"];\n"
                             "  n0 -> n13 [label=\"4×4×2\"];\n"})
        CHECK(folded.find(part) != std::string::npos);
}

TEST_CASE("side outputs in JSON: a merge node of kind output, its output_shape its head's") {
    const std::string json = render(ns::summary<sided>().json());
    CHECK(json.find(R"({"index": 1, "kind": "merge", "merge": "output", "name": "aux", "path": "aux", "leaf": null, "depth": 0, "match": 8, "description": "side output", "input_shape": [4, 4, 2], "output_shape": [1, 1, 3],)") != std::string::npos);
    CHECK(json.find(R"("output_shape": [2, 2, 2],
  "totals")") != std::string::npos);
}
