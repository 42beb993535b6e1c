// <netshape/torch.hpp>: netshape::torch::module<Net> for every zoo model.
//   "torch: <model>"        its parameters' and buffers' element counts are params<Net> and
//                           buffers<Net>; forward on zeros (forward_all for a model with side
//                           outputs) gives output_shapes<Net> (every model, at its default size:
//                           vit_h_14 and the ResNet segmentation models too, labelled slow by
//                           tests/bridges/torch.cmake)
//   "torch names: <model>"  its parameter and buffer names and shapes are torchvision's state_dict
//   "torch load: <model>"   torchvision's weights, loaded from a TorchScript file by name, give
//                           torchvision's outputs on the same input (every output of forward_all,
//                           max abs difference < 1e-4, relative to outputs beyond 1); the
//                           attention's position index and coordinates, as the module computes
//                           them, equal the file's;
//                           registered for the models tests/bridges/torch.cmake exports
// The last two read what tools/torch_bridge_reference.py wrote into $NETSHAPE_TORCH_REFERENCE
// (tests/bridges/torch.cmake registers them only where /usr/bin/python3 has torchvision).
// doctest's macros are spelled DOCTEST_*: libtorch's headers define CHECK (glog's, which aborts).
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <netshape/netshape.hpp>
#include <netshape/torch.hpp>

#include "zoo_models.hpp"

namespace ns = netshape;

namespace {

std::string reference(const std::string& file) {
    const char* dir = std::getenv("NETSHAPE_TORCH_REFERENCE");
    DOCTEST_REQUIRE_MESSAGE(dir != nullptr, "NETSHAPE_TORCH_REFERENCE names the directory tools/torch_bridge_reference.py wrote");
    return std::string(dir) + "/" + file;
}

/// What PyTorch's sizes for a batch of one should be for a netshape shape, given the tensor's
/// rank: (1, C, H, W) for an image, (1, C, D, H, W) for a volume, (1, L, C) for a sequence as
/// tokens (`signal`: (1, C, L), as nn.Conv1d's), (1, C) for a vector or a flattened 1×1×C image.
std::vector<std::int64_t> expected_sizes(const ns::shape& s, std::int64_t dim, bool signal = false) {
    if (dim == 4 && s.rank == 3) return {1, s.channels, s.height, s.width};
    if (dim == 5 && s.rank == 4) return {1, s.channels, s.depth, s.height, s.width};
    if (dim == 3 && s.rank == 2 && signal) return {1, s.channels, s.width};
    if (dim == 3 && s.rank == 2) return {1, s.width, s.channels};
    if (dim == 2 && s.height == 1 && s.width == 1 && s.depth == 1) return {1, s.channels};
    return {-1};  // no layout of this rank holds the shape
}

/// The network a zoo model's "torch load" case runs: the model itself, or, for the video models
/// (16×112×112 clips: r3d_18 is 40 G multiply-accumulates), the same template on a smaller clip,
/// which has the same parameters and names (MViT's position tables: the same names, the clip's
/// sizes). tools/torch_bridge_reference.py's SMALL_INPUT and SMALL_MODEL give PyTorch the same clips. (The "torch: <model>" case runs the zoo model itself.)
template <class Net>
struct forward_on {
    using type = Net;
};
template <>
struct forward_on<ns::zoo::r3d_18> {
    using type = ns::zoo::r3d<8, 56>;
};
template <>
struct forward_on<ns::zoo::mc3_18> {
    using type = ns::zoo::mc3<8, 56>;
};
template <>
struct forward_on<ns::zoo::r2plus1d_18> {
    using type = ns::zoo::r2plus1d<8, 56>;
};
// MViT on 4×64×96 (a 2×16×24 grid: not square, so the relative position tables are resized to the
// pooled grids' offsets); its position tables follow the grid, so the names test reads the
// default model's keys and the load test this clip's export.
template <>
struct forward_on<ns::zoo::mvit_v1_b> {
    using type = ns::zoo::mvit_v1_b_clip<4, 64, 96>;
};
template <>
struct forward_on<ns::zoo::mvit_v2_s> {
    using type = ns::zoo::mvit_v2_s_clip<4, 64, 96>;
};

template <class Net>
std::size_t batch_norms() {
    std::size_t n = 0;
    for (const auto& r : ns::layers<Net>) n += r.kind == ns::kind::batch_norm ? 1 : 0;
    return n;
}

template <class Net>
void check_counts_and_shapes() {
    // One thread: CTest runs these side by side (-j), and libtorch's own threads would compete.
    ::torch::set_num_threads(1);
    ns::torch::module<Net> net;
    net.eval();
    ns::count_t params = 0, buffers = 0;
    std::size_t counters = 0;
    for (const auto& p : net.parameters()) params += p.numel();
    for (const auto& b : net.named_buffers()) {
        // PyTorch's num_batches_tracked: one per batch norm, not a figure netshape counts (docs/figures.md).
        if (b.key().size() >= 19 && b.key().substr(b.key().size() - 19) == "num_batches_tracked") ++counters;
        else buffers += b.value().numel();
    }
    DOCTEST_CHECK(params == ns::params<Net>);
    DOCTEST_CHECK(buffers == ns::buffers<Net>);
    DOCTEST_CHECK(counters == batch_norms<Net>());
    // tests/bridges/torch.cmake labels slow (NETSHAPE_TORCH_SLOW=1) the models above 20 G
    // multiply-accumulates; its list is checked here, so a model that grows past it is labelled.
    if (const char* slow = std::getenv("NETSHAPE_TORCH_SLOW"))
        DOCTEST_CHECK_MESSAGE((std::string(slow) == "1") == (ns::macs<Net> > 20'000'000'000),
                              "torch.cmake's netshape_torch_slow list: " << ns::macs<Net> << " multiply-accumulates");
    // The forward pass of the zoo model itself, at its default size, however large (vit_h_14 is
    // 167 G multiply-accumulates, deeplabv3_resnet101 249 G): libtorch 1.13 cannot move a module's
    // parameters to the meta device (set_data refuses the tensor type), so the shapes are computed.
    // Inference mode: no autograd records, no tensors kept for a backward pass.
    const c10::InferenceMode inference;
    const auto zeros = ::torch::zeros(net.input_sizes());
    // The input's sizes: PyTorch's for input_shape<Net> (a sequence M5 convolves: (1, C, L)).
    const bool signal = ns::input_shape<Net>.rank == 2 && ns::layers<Net>[0].kind == ns::kind::conv1d;
    DOCTEST_CHECK(net.input_sizes() == expected_sizes(ns::input_shape<Net>, zeros.dim(), signal));
    // One pass: forward (the main output) for a model without side outputs, forward_all for one
    // with them (the main output last; that forward returns it, the "torch load" cases check on
    // real values). A second pass would double the time of the largest models.
    const std::vector<::torch::Tensor> outputs =
        ns::output_shapes<Net>.size() == 1 ? std::vector<::torch::Tensor>{net.forward(zeros)} : net.forward_all(zeros);
    DOCTEST_REQUIRE(outputs.size() == ns::output_shapes<Net>.size());
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const std::vector<std::int64_t> sizes(outputs[i].sizes().begin(), outputs[i].sizes().end());
        DOCTEST_CHECK(sizes == expected_sizes(ns::output_shapes<Net>[i], outputs[i].dim()));
    }
}

template <class Net>
void check_names(const std::string& model) {
    ns::torch::module<Net> net;
    std::vector<std::string> mine, theirs;
    const auto text = [](const std::string& name, const ::torch::Tensor& t) {
        std::string s = name + " ";
        for (std::int64_t d = 0; d < t.dim(); ++d) s += (d ? "x" : "") + std::to_string(t.size(d));
        return s;
    };
    for (const auto& p : net.named_parameters()) mine.push_back(text(p.key(), p.value()));
    for (const auto& b : net.named_buffers()) mine.push_back(text(b.key(), b.value()));
    std::ifstream in(reference(model + ".keys"));
    DOCTEST_REQUIRE(in.good());
    for (std::string line; std::getline(in, line);) theirs.push_back(line);
    std::sort(mine.begin(), mine.end());
    std::sort(theirs.begin(), theirs.end());
    std::vector<std::string> only_mine, only_theirs;
    std::set_difference(mine.begin(), mine.end(), theirs.begin(), theirs.end(), std::back_inserter(only_mine));
    std::set_difference(theirs.begin(), theirs.end(), mine.begin(), mine.end(), std::back_inserter(only_theirs));
    for (std::size_t i = 0; i < only_mine.size() && i < 10; ++i) DOCTEST_MESSAGE("netshape only: " << only_mine[i]);
    for (std::size_t i = 0; i < only_theirs.size() && i < 10; ++i) DOCTEST_MESSAGE("torchvision only: " << only_theirs[i]);
    DOCTEST_CHECK(only_mine.empty());
    DOCTEST_CHECK(only_theirs.empty());
    DOCTEST_CHECK(mine.size() == theirs.size());
}

template <class Net>
void check_load(const std::string& model) {
    ::torch::NoGradGuard no_grad;
    ns::torch::module<Net> net;
    ::torch::jit::Module script = ::torch::jit::load(reference(model + ".pt"));
    // The buffers the module computes from the architecture (the attention's position index and
    // coordinates table) equal PyTorch's before load() copies them.
    const auto computed = net.named_buffers();
    for (const auto& b : script.named_buffers()) {
        const bool derived = b.name.find("relative_position_index") != std::string::npos ||
                             b.name.find("relative_coords_table") != std::string::npos;
        if (!derived) continue;
        const ::torch::Tensor* mine = computed.find(b.name);
        DOCTEST_REQUIRE_MESSAGE(mine != nullptr, b.name);
        DOCTEST_CHECK_MESSAGE((mine->sizes().equals(b.value.sizes()) && mine->to(::torch::kDouble).allclose(b.value.to(::torch::kDouble), 1e-6, 1e-6)), b.name);
    }
    net.load(script);
    net.eval();
    ::torch::jit::Module io = ::torch::jit::load(reference(model + "_io.pt"));
    const ::torch::Tensor x = io.attr("x").toTensor();
    // y0, y1, ...: torchvision's outputs in netshape's order (side outputs first, the main one last).
    std::vector<::torch::Tensor> expected;
    for (std::size_t i = 0; io.hasattr("y" + std::to_string(i)); ++i) expected.push_back(io.attr("y" + std::to_string(i)).toTensor());
    const std::vector<::torch::Tensor> outputs = net.forward_all(x);
    DOCTEST_REQUIRE(outputs.size() == expected.size());
    DOCTEST_CHECK(net.forward(x).equal(outputs.back()));
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const ::torch::Tensor& y = expected[i];
        DOCTEST_REQUIRE(outputs[i].sizes().equals(y.sizes()));
        const double difference = (outputs[i] - y).abs().max().item<double>(), largest = y.abs().max().item<double>();
        DOCTEST_MESSAGE(model << " output " << i << ": max abs difference from PyTorch " << difference << " (outputs up to "
                              << largest << ")");
        // 1e-4, relative to outputs larger than 1 (resnet50_fpn's reach 3·10³, where a float's
        // step is 2.4·10⁻⁴).
        DOCTEST_CHECK(difference < 1e-4 * std::max(1.0, largest));
    }
}

}  // namespace

#define NETSHAPE_TORCH_CASES(model)                                                  \
    DOCTEST_TEST_CASE("torch: " #model) { check_counts_and_shapes<ns::zoo::model>(); }   \
    DOCTEST_TEST_CASE("torch names: " #model) { check_names<ns::zoo::model>(#model); }   \
    DOCTEST_TEST_CASE("torch load: " #model) { check_load<forward_on<ns::zoo::model>::type>(#model); }
NETSHAPE_ZOO_MODELS(NETSHAPE_TORCH_CASES)
#undef NETSHAPE_TORCH_CASES


DOCTEST_TEST_CASE("torch: a load with a missing name or a wrong shape is an error") {
    using small = ns::network<ns::input<8, 8, 3>, ns::named<"conv1", ns::conv2d<4, 3>>, ns::named<"bn1", ns::batch_norm>>;
    ns::torch::module<small> net;
    ::torch::jit::Module other("other");
    other.register_parameter("conv1.weight", ::torch::zeros({4, 3, 3, 3}), false);
    DOCTEST_CHECK_THROWS_WITH_AS(net.load(other), doctest::Contains("netshape::torch: load:"), std::runtime_error);
}

DOCTEST_TEST_CASE("torch: forward_all gives the side outputs first, then the main output") {
    using net_t = ns::network<ns::input<16, 16, 3>, ns::named<"stem", ns::conv2d<8, 3, ns::pad<1>>>,
        ns::output<ns::sequential<ns::global_avg_pool, ns::flatten, ns::named<"aux", ns::dense<4>>>>,
        ns::concat<ns::named<"a", ns::conv2d<4, 1>>, ns::sequential<ns::named<"b", ns::conv2d<4, 3, ns::pad<1>>>, ns::named<"bn", ns::batch_norm>>>,
        ns::add<ns::identity, ns::relu>, ns::channel_shuffle<2>, ns::global_avg_pool, ns::flatten, ns::named<"fc", ns::dense<10>>>;
    ns::torch::module<net_t> net;
    const auto outputs = net.forward_all(::torch::randn({2, 3, 16, 16}));
    DOCTEST_REQUIRE(outputs.size() == 2);
    DOCTEST_CHECK(outputs[0].sizes().equals({2, 4}));
    DOCTEST_CHECK(outputs[1].sizes().equals({2, 10}));
    std::vector<std::string> names;
    for (const auto& p : net.named_parameters()) names.push_back(p.key());
    const std::vector<std::string> expected{"stem.weight", "stem.bias", "aux.weight", "aux.bias", "a.weight", "a.bias",
                                            "b.weight", "b.bias", "bn.weight", "bn.bias", "fc.weight", "fc.bias"};
    DOCTEST_CHECK(names == expected);
}

DOCTEST_TEST_CASE("torch: an output<> nested in another's branch comes after it, as in output_shapes") {
    using net_t = ns::network<ns::input<16, 16, 3>, ns::named<"stem", ns::conv2d<8, 3, ns::pad<1>>>,
        ns::output<ns::sequential<ns::named<"head", ns::conv2d<4, 1>>, ns::output<ns::max_pool<1, ns::stride<2>>>>>,
        ns::named<"tail", ns::conv2d<2, 3, ns::stride<2>>>>;
    ns::torch::module<net_t> net;
    const auto outputs = net.forward_all(::torch::randn({1, 3, 16, 16}));
    DOCTEST_REQUIRE(outputs.size() == ns::output_shapes<net_t>.size());
    for (std::size_t i = 0; i < outputs.size(); ++i)
        DOCTEST_CHECK(outputs[i].sizes().equals(expected_sizes(ns::output_shapes<net_t>[i], outputs[i].dim())));
    DOCTEST_CHECK(outputs[0].sizes().equals({1, 4, 16, 16}));
    DOCTEST_CHECK(outputs[1].sizes().equals({1, 4, 8, 8}));
}

DOCTEST_TEST_CASE("torch: shared<> is one module, its parameters once, each use with its own stride") {
    using tower = ns::sequential<ns::named<"conv", ns::conv2d<4, 3, ns::pad<1>>>, ns::named<"bn", ns::batch_norm>, ns::relu>;
    using tower2 = ns::sequential<ns::named<"conv", ns::conv2d<4, 3, ns::stride<2>, ns::pad<1>>>, ns::named<"bn", ns::batch_norm>, ns::relu>;
    using net_t = ns::network<ns::input<8, 8, 4>, ns::named<"features", ns::shared<"t", tower>>,
        ns::output<ns::named<"other", ns::shared<"t", tower2>>>, ns::shared<"t", tower>>;
    ::torch::NoGradGuard no_grad;
    ns::torch::module<net_t> net;
    net.eval();
    ns::count_t params = 0;
    std::vector<std::string> names;
    for (const auto& p : net.named_parameters()) {
        params += p.value().numel();
        names.push_back(p.key());
    }
    DOCTEST_CHECK(params == ns::params<net_t>);
    DOCTEST_CHECK(names == std::vector<std::string>{"features.conv.weight", "features.conv.bias", "features.bn.weight", "features.bn.bias"});
    const ::torch::Tensor x = ::torch::randn({1, 4, 8, 8});
    const auto outputs = net.forward_all(x);
    DOCTEST_REQUIRE(outputs.size() == 2);
    const auto params_of = net.named_parameters();
    const auto buffers_of = net.named_buffers();
    const auto tower_of = [&](const ::torch::Tensor& in, std::int64_t stride) {
        const ::torch::Tensor c = ::torch::conv2d(in, params_of["features.conv.weight"], params_of["features.conv.bias"], stride, 1);
        return ::torch::relu(::torch::batch_norm(c, params_of["features.bn.weight"], params_of["features.bn.bias"],
                                                 buffers_of["features.bn.running_mean"], buffers_of["features.bn.running_var"],
                                                 false, 0.1, 1e-5, false));
    };
    const ::torch::Tensor first = tower_of(x, 1);
    DOCTEST_CHECK(outputs[0].sizes().equals({1, 4, 4, 4}));
    DOCTEST_CHECK((outputs[0] - tower_of(first, 2)).abs().max().item<double>() < 1e-6);
    DOCTEST_CHECK((outputs[1] - tower_of(first, 1)).abs().max().item<double>() < 1e-6);
}

DOCTEST_TEST_CASE("torch: neg_inf_pad and avg pools' exclude_pad, against F.pad(value=-inf) and count_include_pad=False") {
    ::torch::NoGradGuard no_grad;
    namespace F = ::torch::nn::functional;
    // ONNX's MaxPool with pads (0, 1, 1, 2) as onnx2netshape writes it, then average pools that do
    // not count their padding (a signal network below for avg_pool1d).
    using image = ns::network<ns::input<7, 6, 3>, ns::neg_inf_pad<0, 0, 1, 1>, ns::max_pool<3, ns::stride<2>, ns::pad<0, 1>>,
                              ns::avg_pool<3, ns::stride<1>, ns::pad<1>, ns::exclude_pad>, ns::avg_pool<3, ns::stride<1>, ns::pad<1>>>;
    ns::torch::module<image> m;
    const ::torch::Tensor x = ::torch::randn({2, 3, 7, 6});
    ::torch::Tensor y = F::pad(x, F::PadFuncOptions({0, 1, 0, 1}).value(-std::numeric_limits<double>::infinity()));
    y = ::torch::max_pool2d(y, {3, 3}, {2, 2}, {0, 1});
    const ::torch::Tensor excluded = ::torch::avg_pool2d(y, {3, 3}, {1, 1}, {1, 1}, false, false);
    y = ::torch::avg_pool2d(excluded, {3, 3}, {1, 1}, {1, 1}, false, true);
    const ::torch::Tensor my = m.forward(x);
    DOCTEST_CHECK(std::vector<std::int64_t>{1, 3, 3, 4} == expected_sizes(ns::output_shape<image>, 4));
    DOCTEST_CHECK(my.sizes().equals({2, 3, 3, 4}));
    DOCTEST_CHECK(my.equal(y));
    DOCTEST_CHECK(!excluded.equal(::torch::avg_pool2d(y, {3, 3}, {1, 1}, {1, 1}, false, true)));  // the option matters
    using signal = ns::network<ns::input_sequence<9, 2>, ns::avg_pool1d<3, ns::stride<2>, ns::pad<1>, ns::exclude_pad>>;
    ns::torch::module<signal> s;
    const ::torch::Tensor t = ::torch::randn({2, 2, 9});
    DOCTEST_CHECK(s.forward(t).equal(::torch::avg_pool1d(t, {3}, {2}, {1}, false, false)));
}

DOCTEST_TEST_CASE("torch: 1-D and 3-D kinds no zoo model has, against PyTorch's functionals") {
    ::torch::NoGradGuard no_grad;
    // A volume: conv_transpose3d (every axis its own kernel, stride, padding, output padding and
    // dilation), avg_pool3d with padding (PyTorch counts the zeros), adaptive_max_pool3d.
    using volume = ns::network<ns::input_volume<4, 7, 6, 3>,
        ns::named<"up", ns::conv_transpose3d<5, ns::dhw{2, 3, 3}, ns::stride<2, 1, 2>, ns::pad<0, 1, 1>,
                                             ns::output_padding<1, 0, 1>, ns::dilation<1, 2, 1>>>,
        ns::avg_pool3d<3, ns::stride<2>, ns::pad<1>>, ns::adaptive_max_pool3d<2, 3, 1>>;
    ns::torch::module<volume> v;
    const ::torch::Tensor x = ::torch::randn({2, 3, 4, 7, 6});
    const auto vp = v.named_parameters();
    ::torch::Tensor y = ::torch::conv_transpose3d(x, vp["up.weight"], vp["up.bias"], {2, 1, 2}, {0, 1, 1}, {1, 0, 1}, 1, {1, 2, 1});
    y = std::get<0>(::torch::adaptive_max_pool3d(::torch::avg_pool3d(y, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}), {2, 3, 1}));
    const ::torch::Tensor vy = v.forward(x);
    DOCTEST_CHECK(vp["up.weight"].sizes().equals({3, 5, 2, 3, 3}));
    DOCTEST_CHECK(v.input_sizes() == expected_sizes(ns::input_shape<volume>, 5));
    DOCTEST_CHECK(vy.sizes().equals({2, 5, 2, 3, 1}));  // PyTorch's batch of two
    DOCTEST_CHECK(std::vector<std::int64_t>{1, 5, 2, 3, 1} == expected_sizes(ns::output_shape<volume>, 5));
    DOCTEST_CHECK(vy.equal(y));
    // A signal: conv1d, conv_transpose1d, avg_pool1d with padding, adaptive_avg_pool1d, BatchNorm1d,
    // PReLU per channel; then a layer norm, layer scale and dense over its tokens (N, L, C), as a
    // transformer after a 1-D stem.
    using signal = ns::network<ns::input_sequence<50, 2>, ns::named<"conv", ns::conv1d<6, 5, ns::stride<2>, ns::dilation<2>>>,
        ns::named<"up", ns::conv_transpose1d<4, 3, ns::stride<2>, ns::pad<1>, ns::output_padding<1>>>,
        ns::avg_pool1d<3, ns::stride<2>, ns::pad<1>>, ns::adaptive_avg_pool1d<7>, ns::named<"bn", ns::batch_norm>,
        ns::named<"act", ns::prelu<4>>, ns::named<"ln", ns::layer_norm>, ns::named<"ls", ns::layer_scale>, ns::named<"fc", ns::dense<3>>>;
    ns::torch::module<signal> s;
    s.eval();
    using ints = std::vector<std::int64_t>;
    const ::torch::Tensor t = ::torch::randn({2, 2, 50});
    const auto sp = s.named_parameters();
    const auto sb = s.named_buffers();
    DOCTEST_CHECK(s.input_sizes() == expected_sizes(ns::input_shape<signal>, 3, true));
    ::torch::Tensor z = ::torch::conv1d(t, sp["conv.weight"], sp["conv.bias"], ints{2}, ints{0}, ints{2});
    z = ::torch::conv_transpose1d(z, sp["up.weight"], sp["up.bias"], {2}, {1}, {1});
    z = ::torch::adaptive_avg_pool1d(::torch::avg_pool1d(z, {3}, {2}, {1}), {7});
    z = ::torch::batch_norm(z, sp["bn.weight"], sp["bn.bias"], sb["bn.running_mean"], sb["bn.running_var"], false, 0.1, 1e-5, false);
    z = ::torch::prelu(z, sp["act"].normal_());  // slopes of both signs: a wrong axis shows
    z = ::torch::layer_norm(z.transpose(1, 2), {4}, sp["ln.weight"], sp["ln.bias"]) * sp["ls"].normal_();
    z = ::torch::linear(z, sp["fc.weight"], sp["fc.bias"]);
    const ::torch::Tensor sy = s.forward(t);
    DOCTEST_CHECK(std::vector<std::int64_t>{1, 7, 3} == expected_sizes(ns::output_shape<signal>, 3));
    DOCTEST_CHECK(sy.sizes().equals({2, 7, 3}));
    DOCTEST_CHECK(sy.equal(z));
}
