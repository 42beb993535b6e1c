// The printer's formats: every number they print is a compile-time figure; these tests check the
// layout (separators, quoting, escaping, one row per node, totals) against the figures themselves.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
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
