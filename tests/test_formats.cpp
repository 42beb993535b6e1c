// The printer's formats: every number they print is a compile-time figure; these tests check the
// layout (separators, quoting, escaping, one row per node, totals) against the figures themselves.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <netshape/format/describe.hpp>
#include <netshape/netshape.hpp>
#include <netshape/print.hpp>
#include <netshape/zoo.hpp>

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
    CHECK(text.find("├ conv1 (conv2d)") != std::string::npos);  // the add's first branch, its sequential no row
    CHECK(text.find("sequential") == std::string::npos);
    CHECK(text.find(ns::format::thousands(ns::macs<res>)) != std::string::npos);
    const std::string folded = render(ns::summary<res>().depth(0));
    CHECK(lines(folded).size() < rows.size());
    CHECK(folded.find("block (add) …") != std::string::npos);
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
    REQUIRE(header.size() == 30);
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
    // Unnamed children numbered by their position in their scope, as nn.Sequential numbers them.
    CHECK(leaves == std::vector<std::string>{"layer1.0.conv1", "layer1.0.1", "layer1.1.conv1", "layer1.1.1", "fc"});
    CHECK(paths[0] == "layer1");
    CHECK(paths[all.size() - 1] == "fc");
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

// A volume that goes down and up along its depth by its own kernels (the walk's depth axis).
using volume = ns::network<ns::input_volume<9, 10, 12, 2>,
    ns::conv3d<4, ns::dhw{3, 1, 3}, ns::stride<2, 1, 1>, ns::pad<1, 0, 1>, ns::dilation<2, 1, 1>>,
    ns::max_pool3d<ns::dhw{2, 1, 1}>, ns::conv_transpose3d<2, ns::dhw{4, 1, 1}, ns::stride<3, 1, 1>, ns::output_padding<1, 0, 0>>,
    ns::adaptive_avg_pool3d<5, 4, 4>>;

TEST_CASE("csv and json: a volume's kernel depth and receptive field depth, in keys and columns added last") {
    const auto rows = lines(render(ns::summary<volume>().csv()));
    const auto header = split_csv(rows.front());
    REQUIRE(header.size() == 30);
    CHECK(header[28] == "receptive_d");
    CHECK(header[29] == "jump_d");
    const auto ratio = [](ns::fraction f) { return ns::format::ratio(f); };
    for (std::size_t i = 0; i < ns::layers<volume>.size(); ++i) {
        const auto row = split_csv(rows[i + 1]);
        CHECK(row[28] == ratio(ns::layers<volume>[i].receptive_field.depth));
        CHECK(row[29] == ratio(ns::layers<volume>[i].receptive_field.jump_depth));
    }
    const auto total = split_csv(rows.back());
    CHECK(total[28] == ratio(ns::receptive_field<volume>.depth));
    CHECK(total[29] == ratio(ns::receptive_field<volume>.jump_depth));
    // Not whole along the depth (jump 2·2·⅓·8/5), as the walk gives it.
    CHECK(ns::receptive_field<volume>.jump_depth == ns::fraction(32, 15));

    const std::string json = render(ns::summary<volume>().json());
    const auto field = [&](ns::fraction f) { return f.denominator == 1 ? ratio(f) : "\"" + ratio(f) + "\""; };
    CHECK(json.find("\"depth\": " + field(ns::receptive_field<volume>.depth) + ", \"jump_depth\": " +
                    field(ns::receptive_field<volume>.jump_depth) + "}},\n  \"max_depth\"") != std::string::npos);
    CHECK(json.find("\"dilation\": [1, 1], \"groups\": 1, \"bias\": true, \"ceil_mode\": false, \"per_pixel\": false, "
                    "\"function\": null, \"first\": 0, \"along_depth\": {\"kernel\": 3, \"stride\": 2, \"pad\": 1, "
                    "\"dilation\": 2, \"output_padding\": 0}}") != std::string::npos);
    CHECK(json.find("\"output_padding\": [0, 0], \"along_depth\": {\"kernel\": 4, \"stride\": 3, \"pad\": 0, "
                    "\"dilation\": 1, \"output_padding\": 1}}") != std::string::npos);
    CHECK(json.find("\"along_depth\": {\"kernel\": 5, ") != std::string::npos);  // the adaptive pool's output depth
    // An image's fields have no depth keys, as before.
    CHECK(render(ns::summary<res>().json()).find("\"jump_depth\"") == std::string::npos);
}

// MViT's token-grid kinds keep their grid and key/value pools in spec fields other kinds use for
// windows (layers/multiscale.hpp); JSON names them for what they are.
using token_grid = ns::network<ns::input_sequence<2 * 4 * 4 + 1, 8>,
    ns::multiscale_attention<2, 16, ns::dhw{2, 4, 4}, ns::dhw{3, 3, 3}, ns::dhw{1, 2, 2}, ns::dhw{3, 1, 5}, ns::dhw{1, 4, 2},
                             ns::residual_pool>,
    ns::grid_max_pool<ns::dhw{2, 2, 2}, ns::dhw{1, 3, 3}, ns::dhw{1, 2, 2}, ns::dhw{0, 1, 1}>,
    ns::separable_position_embedding<ns::dhw{2, 1, 1}>>;

TEST_CASE("json: the token-grid kinds' grid, windows and key/value pools under their own keys") {
    const std::string json = render(ns::summary<token_grid>().json());
    // The attention's "pad" is its query pool's padding (kernel / 2) and "dilation" 1, not the
    // key/value pool's stride and kernel that its spec keeps there.
    CHECK(json.find("\"kernel\": [3, 3], \"stride\": [2, 2], \"pad\": [1, 1], \"dilation\": [1, 1], \"groups\": 2, ") !=
          std::string::npos);
    CHECK(json.find("\"grid\": [2, 4, 4], \"kernel_q\": [3, 3, 3], \"stride_q\": [1, 2, 2], \"kernel_kv\": [3, 1, 5], "
                    "\"stride_kv\": [1, 4, 2], \"residual_pool\": true, \"relative_position\": false}}") != std::string::npos);
    CHECK(json.find("\"grid\": [2, 2, 2], \"window\": {\"kernel\": [1, 3, 3], \"stride\": [1, 2, 2], \"pad\": [0, 1, 1]}}}") !=
          std::string::npos);
    CHECK(json.find("\"grid\": [2, 1, 1]}}") != std::string::npos);
}

// The keys a kind declares (kind_rule::spec_keys): avg pools show exclude_pad, whose mode bit no
// common key shows; a 3-D pool its depth axis before it; conv_transpose3d its output padding first.
using pooled_exclusions = ns::network<ns::input_volume<6, 8, 8, 2>, ns::avg_pool3d<2, ns::stride<1, 2, 2>, ns::exclude_pad>,
                                      ns::conv_transpose3d<2, 2, ns::stride<2>, ns::output_padding<1, 0, 1>>>;
using plane_exclusions = ns::network<ns::input<8, 8, 2>, ns::avg_pool<3, ns::pad<1>, ns::exclude_pad>, ns::avg_pool<2>>;

TEST_CASE("json: a kind's declared spec keys, in its order, objects for dotted keys") {
    const std::string deep = render(ns::summary<pooled_exclusions>().json());
    CHECK(deep.find("\"first\": 0, \"along_depth\": {\"kernel\": 2, \"stride\": 1, \"pad\": 0, \"dilation\": 1, "
                      "\"output_padding\": 0}, \"exclude_pad\": true}}") != std::string::npos);
    CHECK(deep.find("\"first\": 0, \"output_padding\": [0, 1], \"along_depth\": {\"kernel\": 2, \"stride\": 2, \"pad\": 0, "
                      "\"dilation\": 1, \"output_padding\": 1}}}") != std::string::npos);
    const std::string plane = render(ns::summary<plane_exclusions>().json());
    CHECK(plane.find("\"pad\": [1, 1], \"dilation\": [1, 1], \"groups\": 1, \"bias\": false, \"ceil_mode\": false, "
                     "\"per_pixel\": false, \"function\": null, \"first\": 0, \"exclude_pad\": true}}") != std::string::npos);
    CHECK(plane.find("\"first\": 0, \"exclude_pad\": false}}") != std::string::npos);
    // A kind without declared keys shows the common ones only.
    const std::string conv = render(ns::summary<ns::network<ns::input<4, 4, 1>, ns::conv2d<2, 3>>>().json());
    CHECK(conv.find("\"function\": null, \"first\": 0}}") != std::string::npos);
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
// The lines every DOT output begins with.
const std::string dot_preamble = R"(digraph netshape {
  rankdir=TB;
  graph [fontname="Helvetica"];
  node [shape=box, style=rounded, fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize=10];
)";
}  // namespace

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
    CHECK(render(e).find("sequential") == std::string::npos);     // an unnamed sequential has no row
    CHECK(render(e).find("0  0 (conv2d)") != std::string::npos);  // the leaf numbered, not "block"
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

TEST_CASE("side outputs in DOT folded: each head one box, still ending in its output") {
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

TEST_CASE("paths: unnamed children numbered in their scope; unnamed sequentials no scope; unnamed merges numbered") {
    using net = ns::network<ns::input<4, 4, 2>, ns::conv2d<2, 1>,
        ns::sequential<ns::relu, ns::named<"pool", ns::max_pool<2>>>,        // spliced: positions 1 and 2
        ns::add<ns::sequential<ns::conv2d<2, 1>, ns::relu>, ns::identity>,    // 3, its branches 4, 5, 6
        ns::named<"head", ns::sequential<ns::flatten, ns::named<"fc", ns::dense<3>>, ns::softmax>>>;
    const auto& all = ns::nodes<net>;
    const auto paths = ns::format::qualified_names(all.data(), all.size());
    const auto local = ns::format::local_names(all.data(), all.size());
    std::vector<std::string> rows;  // every node that is not an unnamed sequential or a marker's end or branch
    for (std::size_t i = 0; i < all.size(); ++i) {
        const ns::kind k = all[i].kind;
        if (k == ns::kind::block_end || k == ns::kind::merge_end || k == ns::kind::branch) continue;
        if (k == ns::kind::block_begin && !ns::format::has_name(all[i])) continue;
        rows.push_back(paths[i]);
    }
    CHECK(rows == std::vector<std::string>{"0", "1", "pool", "3", "4", "5", "6", "head", "head.0", "head.fc", "head.2"});
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].kind == ns::kind::block_end || all[i].kind == ns::kind::merge_end) CHECK(paths[i] == paths[all[i].match]);
        if (!ns::is_structure(all[i].kind) || ns::format::has_name(all[i])) CHECK(!paths[i].empty());
        if (ns::format::has_name(all[i])) CHECK(local[i] == all[i].name);
    }
    // The zoo keeps torchvision's paths: names inside an unnamed residual add stay their block's.
    const auto& r18 = ns::nodes<ns::zoo::resnet18>;
    const auto zoo = ns::format::qualified_names(r18.data(), r18.size());
    std::size_t found = 0;
    for (std::size_t i = 0; i < r18.size(); ++i)
        for (const char* p : {"layer1.0.conv1", "layer2.0.downsample.0", "layer4.1.relu", "fc"}) found += zoo[i] == p ? 1u : 0u;
    CHECK(found == 5);  // layer4.1.relu is two modules in torchvision too (called twice), here two leaves
}

TEST_CASE("every kind labelled as itself; thousands separators in shapes and descriptions") {
    namespace f = ns::format;
    using net = ns::network<ns::input<3000, 8, 2>, ns::global_avg_pool, ns::adaptive_avg_pool<1, 1>, ns::adaptive_max_pool<2, 1>,
                            ns::global_max_pool, ns::gelu, ns::flatten, ns::dense<4096>>;
    const auto& l = ns::layers<net>;
    CHECK(f::kind_label(l[0]) == "global_avg_pool");
    CHECK(f::kind_label(l[1]) == "global_avg_pool");  // the same layer: global_avg_pool is adaptive_avg_pool<1>
    CHECK(f::kind_label(l[2]) == "adaptive_max_pool");
    CHECK(f::kind_label(l[3]) == "global_max_pool");
    CHECK(f::kind_label(l[4]) == "gelu");
    CHECK(f::kind_label(l[6]) == "dense");
    CHECK(f::dims(ns::shape{2667, 2667, 3}) == "2,667×2,667×3");
    CHECK(f::dims(ns::shape::vector(1000)) == "1,000");
    CHECK(f::grouped("dense 4096, dropout 0.0001, 123, 12345678") == "dense 4,096, dropout 0.0001, 123, 12,345,678");
    const std::string text = render(ns::summary<net>());
    CHECK(text.find("3,000×8×2") != std::string::npos);
    CHECK(text.find("dense 4,096") != std::string::npos);
    CHECK(text.find("4,096") != std::string::npos);
    CHECK(render(ns::summary<net>().dot()).find("dense 4,096") != std::string::npos);
    CHECK(render(ns::summary<net>().csv()).find("4,096") == std::string::npos);  // machine formats: plain digits
}

TEST_CASE("human units: SI for counts, binary for bytes, rounded half up in integers") {
    namespace f = ns::format;
    CHECK(f::human(999, 1000, "") == "999");
    CHECK(f::human(1000, 1000, "") == "1.00 k");
    CHECK(f::human(1'814'073'344, 1000, "") == "1.81 G");
    CHECK(f::human(11'689'512, 1000, "") == "11.69 M");
    CHECK(f::human(1'995, 1000, "") == "2.00 k");     // 1.995 rounds up
    CHECK(f::human(1'994, 1000, "") == "1.99 k");
    CHECK(f::human(999'999, 1000, "") == "1.00 M");  // rounded up into the next unit
    CHECK(f::human(1023, 1024, " B") == "1,023 B");
    CHECK(f::human(1024, 1024, " B") == "1.00 KiB");
    CHECK(f::human(46'758'048, 1024, " B") == "44.59 MiB");  // 46758048 / 2^20 = 44.5919...
    CHECK(f::human(9'223'372'036'854'775'807, 1000, "") == "9,223,372.04 T");
}

TEST_CASE("totals: the exact figures, units beside them, and memory<Net>'s bytes for the options chosen") {
    using net = ns::zoo::resnet18;
    const ns::memory_options options{.batch = 8, .precision = ns::precision::bf16, .optimizer = ns::optimizer::sgd_momentum};
    const auto m = ns::memory<net>(options);
    const std::string text = render(ns::summary<net>().memory(options));
    const auto has = [&](const std::string& line) {
        INFO(line);
        CHECK(text.find(line) != std::string::npos);
    };
    namespace f = ns::format;
    // torchvision's resnet18: 11,689,512 parameters, 9,600 buffers (running means and variances).
    has("params              11,689,512  11.69 M, trainable: weights 11,683,712, biases 5,800\n");
    has("buffers                  9,600  9.60 k, not trainable\n");
    has(f::cat("MACs             ", f::thousands(ns::macs<net>), "  1.81 G\n"));
    CHECK(m.parameters == ns::params<net> * 2);
    for (const auto& [label, bytes] : {std::pair{"input size", ns::count_t{224 * 224 * 3 * 8 * 2}}, std::pair{"params size", m.parameters},
                                       std::pair{"buffers size", m.buffers}, std::pair{"forward pass", m.inference_peak},
                                       std::pair{"training", m.training_total()}}) {
        const std::size_t at = text.find(std::string("\n") + label);
        REQUIRE(at != std::string::npos);
        const std::string line = text.substr(at + 1, text.find('\n', at + 1) - at - 1);
        INFO(line);
        CHECK(line.find(f::cat(f::thousands(bytes), " B  ", f::human(bytes, 1024, " B"))) != std::string::npos);
    }
    CHECK(text.find("\nmemory for             batch 8  bf16, sgd_momentum\n") != std::string::npos);
    for (const std::string& line : lines(text)) {
        INFO(line);
        CHECK(ns::format::width(line) <= 120);
    }
    // Options that break a memory rule are refused when chosen, as memory<Net> refuses them.
    CHECK_THROWS_AS((void)ns::summary<net>().memory({.batch = 0}), ns::memory_error);
}

TEST_CASE("column widths adapt; a table with long names fits 120 columns, the CSV keeps them whole") {
    using long_names = ns::network<ns::input<64, 64, 3>,
        ns::named<"/encoder/encoder.layers.0/encoder.layers.0.attention_block/attention_block.projection/Conv", ns::conv2d<8, 3>>,
        ns::named<"/encoder/encoder.layers.0/encoder.layers.0.attention_block/attention_block.activation/Relu", ns::relu>>;
    for (const std::string& text : {render(ns::summary<long_names>()), render(ns::summary<long_names>().markdown())}) {
        for (const std::string& line : lines(text)) {
            INFO(line);
            CHECK(ns::format::width(line) <= 120);
        }
        CHECK(text.find("…") != std::string::npos);
        CHECK(text.find("/Conv (conv2d)") != std::string::npos);  // the end of the name and the kind stay
    }
    CHECK(render(ns::summary<long_names>().csv()).find(
              ",/encoder/encoder.layers.0/encoder.layers.0.attention_block/attention_block.projection/Conv,") != std::string::npos);
    CHECK(render(ns::summary<long_names>().columns(400)).find("…") == std::string::npos);  // room: nothing elided
    // Short names: the columns are as wide as their widest cell, no wider.
    CHECK(lines(render(ns::summary<res>()))[0] ==
          "#  layer             description                   output    weights  biases  params         MACs");  // "├ conv1 (conv2d)" is 16
    // An escape is never cut in two: the elided Markdown cell of a name full of pipes stays one cell.
    using pipes = ns::network<ns::input<2, 2, 1>, ns::named<"||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||", ns::relu>>;
    for (const std::string& line : lines(render(ns::summary<pipes>().markdown().without_totals()))) {
        std::size_t cells = 0;
        for (std::size_t i = 0; i < line.size(); ++i) cells += line[i] == '|' && (i == 0 || line[i - 1] != '\\') ? 1u : 0u;
        INFO(line);
        CHECK(cells == 9);
        CHECK(ns::format::width(line) <= 120);
    }
    CHECK(ns::format::elided("abcdefghij", 5) == "ab…ij");
    CHECK(ns::format::elided("a×b×c×d×e", 3) == "a…e");
}

TEST_CASE("svg and html: a box per drawn layer, a circle per merge; a page row per table row") {
    // res: conv1, bn, relu, conv, bn in the add's first branch, identity a plain edge, then relu.
    const std::string svg = render(ns::summary<res>().svg());
    const auto count = [](const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    };
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(count(svg, "class=\"layer\"") == 6);
    CHECK(count(svg, "class=\"merge\"") == 1);
    CHECK(count(svg, "class=\"block\"") == 1);  // the named add "block", framed
    // DOT's nine edges (test "dot: one graph node per layer"), the identity's drawn in two: down its
    // own column, then into the add.
    CHECK(count(svg, "class=\"edge\"") == 10);
    CHECK(count(render(ns::summary<res>().depth(0).svg()), "class=\"layer\"") == 2);  // folded: the block, the relu
    const std::string html = render(ns::summary<res>().html());
    const std::size_t text_rows = lines(render(ns::summary<res>().without_totals())).size() - 2;  // less header and rule
    CHECK(count(html, "<tr") - 1 - 11 == text_rows);  // less the header row and the 11 totals rows
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(ns::format::xml_text("a<b>&\"c\"\n") == "a&lt;b&gt;&amp;&quot;c&quot;\\n");
}

TEST_CASE("the words the compiler worked out for a summary are the rules' own; records described at run time print alike") {
    // summary<Net>() reads records and words made at compile time (no pointer to a kind's rule);
    // format::described works the same words out at run time from nodes<Net> itself.
    using p = ns::detail::printed<ns::zoo::resnet18>;
    const auto& all = ns::nodes<ns::zoo::resnet18>;
    REQUIRE(p::size == all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        CHECK(p::records[i].info == nullptr);
        CHECK(p::records[i].kind == all[i].kind);
        CHECK(p::records[i].macs == all[i].macs);
        CHECK(std::string_view(p::words[i].kind) == ns::name_of(all[i].kind));
        CHECK(ns::description(all[i]) == p::words[i].description);
    }
    CHECK(p::total.info == nullptr);
    CHECK(p::total.params == ns::params<ns::zoo::resnet18>);
    const ns::format::described words(all.data(), all.size(), ns::totals<ns::zoo::resnet18>);
    const ns::table by_hand(words.listing());
    const ns::table summary = ns::summary<ns::zoo::resnet18>();
    CHECK(render(by_hand) == render(summary));
    CHECK(render(by_hand.markdown()) == render(summary.markdown()));
    CHECK(render(by_hand.csv()) == render(summary.csv()));
    CHECK(render(by_hand.json()) == render(summary.json()));
    CHECK(render(by_hand.dot()) == render(summary.dot()));
    CHECK(render(by_hand.html()) == render(summary.html()));
    // text() is the default style, and switches another style back.
    CHECK(render(summary.csv().text()) == render(summary));
    CHECK(render(summary.json().depth(1).text()) == render(summary.depth(1)));
}
