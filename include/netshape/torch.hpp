// netshape/torch.hpp: a network type as a libtorch module (optional; needs libtorch, g++).
//
//   netshape::torch::module<netshape::zoo::resnet18> net;     // a torch::nn::Module
//   torch::Tensor logits = net.forward(torch::zeros({1, 3, 224, 224}));
//   torch::optim::SGD sgd(net.parameters(), 0.01);           // trains like any libtorch module
//
// The module is built at run time from the records the compiler computed (netshape::nodes<Net>):
// one libtorch submodule or parameter per leaf layer that holds state, registered under the
// names of named<> (blocks become submodules), so that named_parameters() and named_buffers()
// read as PyTorch's state_dict keys ("layer1.0.conv1.weight"). forward() walks the same nodes with
// a stack for merges and side outputs, as netshape's interpreter does.
//
// Tensors are PyTorch's layouts: an image is (N, C, H, W), a sequence (N, L, C), a vector (N, C)
// (after flatten, dense or select_token); flatten and dense on an image flatten in PyTorch's
// C, H, W order. What netshape's types do not hold (norm epsilons, dropout probabilities, the
// slope of leaky_relu, LRN's constants) comes from `options`; load() copies epsilons from a
// TorchScript module along with the weights. docs/bridges.md lists the kinds and what each maps to.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <torch/script.h>
#include <torch/torch.h>

#include <netshape/figures.hpp>
#include <netshape/kinds.hpp>
#include <netshape/layer_record.hpp>
#include <netshape/layers/norm.hpp>
#include <netshape/layers/resample.hpp>

namespace netshape::torch {

/// What a network's type does not say and PyTorch's modules need (PyTorch's defaults).
struct options {
    double batch_norm_eps = 1e-5;       // torchvision's MobileNetV3 and EfficientNet: 1e-3
    double batch_norm_momentum = 0.1;   // MobileNetV3: 0.01
    double layer_norm_eps = 1e-5;       // torchvision's ViT and ConvNeXt: 1e-6
    double group_norm_eps = 1e-5;
    double dropout = 0.5;               // every dropout layer's probability (in training)
    double leaky_relu_slope = 0.01;
    double elu_alpha = 1.0;
    double lrn_alpha = 1e-4, lrn_beta = 0.75, lrn_k = 1.0;
    double layer_scale_init = 1e-6;     // ConvNeXt's γ
    double celu_alpha = 1.0;
    double softplus_beta = 1.0, softplus_threshold = 20.0;
    double threshold = 1.0;             // thresholded_relu's (ONNX ThresholdedRelu's alpha; nn.Threshold(threshold, 0))
    double prelu_init = 0.25;
};

namespace detail {

/// How a tensor is laid out in PyTorch: (N, C, H, W), (N, L, C) or (N, C).
enum class layout : unsigned char { image, sequence, vector };

[[noreturn]] inline void fail(const std::string& what) { throw std::runtime_error("netshape::torch: " + what); }

/// nn.MultiheadAttention(C, heads, batch_first=True) called with query = key = value, with
/// PyTorch's parameter names: in_proj_weight (3C, C), in_proj_bias (3C), out_proj.{weight, bias}.
class attention : public ::torch::nn::Module {
public:
    attention(std::int64_t channels, std::int64_t heads, bool bias) : channels_(channels), heads_(heads) {
        in_proj_weight = register_parameter("in_proj_weight", ::torch::empty({3 * channels, channels}));
        ::torch::nn::init::xavier_uniform_(in_proj_weight);
        if (bias) in_proj_bias = register_parameter("in_proj_bias", ::torch::zeros({3 * channels}));
        out_proj = register_module("out_proj", ::torch::nn::Linear(::torch::nn::LinearOptions(channels, channels).bias(bias)));
        if (bias) ::torch::nn::init::zeros_(out_proj->bias);
    }
    /// x: (N, L, C).
    ::torch::Tensor forward(const ::torch::Tensor& x) {
        const std::int64_t n = x.size(0), l = x.size(1), d = channels_ / heads_;
        const auto qkv = ::torch::nn::functional::linear(x, in_proj_weight, in_proj_bias).chunk(3, -1);
        const auto split = [&](const ::torch::Tensor& t) { return t.reshape({n, l, heads_, d}).transpose(1, 2); };
        const ::torch::Tensor q = split(qkv[0]), k = split(qkv[1]), v = split(qkv[2]);
        const ::torch::Tensor scores = ::torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(static_cast<double>(d));
        const ::torch::Tensor mixed = ::torch::matmul(scores.softmax(-1), v).transpose(1, 2).reshape({n, l, channels_});
        return out_proj->forward(mixed);
    }
    ::torch::Tensor in_proj_weight, in_proj_bias;
    ::torch::nn::Linear out_proj{nullptr};

private:
    std::int64_t channels_, heads_;
};

/// torchvision's FrozenBatchNorm2d: weight, bias, running_mean, running_var, all buffers.
class frozen_batch_norm : public ::torch::nn::Module {
public:
    frozen_batch_norm(std::int64_t channels, double epsilon) : eps(epsilon) {
        weight = register_buffer("weight", ::torch::ones({channels}));
        bias = register_buffer("bias", ::torch::zeros({channels}));
        running_mean = register_buffer("running_mean", ::torch::zeros({channels}));
        running_var = register_buffer("running_var", ::torch::ones({channels}));
    }
    /// x: (N, C, ...).
    ::torch::Tensor forward(const ::torch::Tensor& x) {
        const ::torch::Tensor scale = weight * (running_var + eps).rsqrt();
        const ::torch::Tensor shift = bias - running_mean * scale;
        std::vector<std::int64_t> view(static_cast<std::size_t>(x.dim()), 1);
        view[1] = -1;
        return x * scale.reshape(view) + shift.reshape(view);
    }
    ::torch::Tensor weight, bias, running_mean, running_var;
    double eps;
};

/// One node of the network as the module runs it: its record, and the state of a leaf that has
/// any (a libtorch module, or a parameter of its owner: layer_scale, class_token, position_embedding).
struct step {
    layer_record record{};
    layout in = layout::image;
    std::function<::torch::Tensor(const ::torch::Tensor&)> run;  // a leaf with state: runs it
};

/// An open merge while forward() runs: its input, and the finished branches' outputs.
struct open_merge {
    merge how = merge::none;
    ::torch::Tensor input;
    layout in = layout::image;
    std::vector<::torch::Tensor> done;
    layout out = layout::image;
    bool started = false;
};

/// The layout a node's input has, given its record (netshape's rank) and what the previous
/// node left: rank 2 is a sequence; a vector, or the 1×1×n image flatten and dense make, a vector;
/// every other image is (N, C, H, W).
inline layout layout_after(kind k, const layer_record& r, layout in) {
    switch (k) {
        case kind::flatten: return layout::vector;
        case kind::dense: return r.per_pixel || in != layout::image ? in : layout::vector;
        case kind::to_tokens: return layout::sequence;
        case kind::select_token: return layout::vector;
        default: return in;
    }
}

inline std::int64_t channel_dim(layout l) { return l == layout::sequence ? 2 : 1; }

/// x as (N, C, H, W): a vector is the 1×1 image it stands for.
inline ::torch::Tensor as_image(const ::torch::Tensor& x, layout l) {
    return l == layout::vector ? x.reshape({x.size(0), x.size(1), 1, 1}) : x;
}
/// f applied over the channels of every position (nn.Linear or nn.LayerNorm on a channels-last
/// tensor): an image is moved to (N, H, W, C) and back.
template <class F>
::torch::Tensor channels_last(const ::torch::Tensor& x, layout l, F&& f) {
    if (l != layout::image) return f(x);
    return f(x.permute({0, 2, 3, 1})).permute({0, 3, 1, 2});
}

inline std::vector<std::int64_t> pair(hw v) { return {v.height, v.width}; }

/// The network as a libtorch module, built from its node records (netshape::nodes<Net>).
class network_module : public ::torch::nn::Module {
public:
    network_module(const layer_record* nodes, std::size_t size, shape input, const options& o)
        : input_(input), options_(o) {
        build(nodes, size);
    }

    /// The main output (the last node's).
    ::torch::Tensor forward(const ::torch::Tensor& x) { return run(x).back(); }
    /// Every output: the side outputs (output<Head>) in order, then the main one.
    std::vector<::torch::Tensor> forward_all(const ::torch::Tensor& x) { return run(x); }

    /// The input shape PyTorch expects for a batch of n: (n, C, H, W), (n, L, C) or (n, C).
    std::vector<std::int64_t> input_sizes(std::int64_t n = 1) const {
        if (input_.rank == 1) return {n, input_.channels};
        if (input_.rank == 2) return {n, input_.width, input_.channels};
        return {n, input_.channels, input_.height, input_.width};
    }

    /// Copies every parameter and buffer of a TorchScript module (torch.jit.script or trace of
    /// the PyTorch model, saved with .save()) into this one by name, and the `eps` of each of its
    /// normalisation modules. Every name of this module must be found with the same shape; names
    /// the file has and this module has not are an error too.
    void load(const std::string& path) {
        ::torch::jit::Module script = ::torch::jit::load(path);
        load(script);
    }
    void load(const ::torch::jit::Module& script) {
        ::torch::NoGradGuard no_grad;
        std::vector<std::string> theirs;
        const auto copy = [&](const std::string& name, ::torch::Tensor& mine, const ::torch::Tensor& source) {
            if (!mine.sizes().equals(source.sizes()))
                fail("load: " + name + " has shape " + shape_text(source) + " in the file, " + shape_text(mine) + " here");
            mine.copy_(source);
        };
        auto params = named_parameters(true);
        auto buffers = named_buffers(true);
        std::size_t matched = 0;
        for (const auto& p : script.named_parameters(true)) {
            theirs.push_back(p.name);
            if (auto* mine = params.find(p.name)) copy(p.name, *mine, p.value), ++matched;
            else fail("load: the file's parameter " + p.name + " has no counterpart here");
        }
        for (const auto& b : script.named_buffers(true)) {
            theirs.push_back(b.name);
            if (auto* mine = buffers.find(b.name)) copy(b.name, *mine, b.value), ++matched;
            else if (auto* as_param = params.find(b.name)) copy(b.name, *as_param, b.value), ++matched;
            else fail("load: the file's buffer " + b.name + " has no counterpart here");
        }
        if (matched != params.size() + buffers.size())
            fail("load: the file has " + std::to_string(matched) + " of this module's " +
                 std::to_string(params.size() + buffers.size()) + " parameters and buffers");
        for (const auto& m : script.named_modules()) {
            if (!m.value.hasattr("eps")) continue;
            const auto found = eps_.find(m.name);
            if (found != eps_.end()) found->second(m.value.attr("eps").toDouble());
        }
    }

private:
    static std::string shape_text(const ::torch::Tensor& t) {
        std::string s = "(";
        for (std::int64_t i = 0; i < t.dim(); ++i) s += (i ? ", " : "") + std::to_string(t.size(i));
        return s + ")";
    }

    /// Registers a leaf's state under its name in `owner` (or kind_index when unnamed).
    std::string leaf_name(const layer_record& r) const {
        if (r.name != nullptr && r.name[0] != '\0') return r.name;
        return std::string(name_of(r.kind)) + "_" + std::to_string(r.index);
    }

    void build(const layer_record* nodes, std::size_t size) {
        // The owners: this module, then one submodule per open named block; each with its path.
        struct owner {
            ::torch::nn::Module* module;
            std::string path;
            bool named;
        };
        std::vector<owner> owners{{this, "", false}};
        std::vector<layout> merge_inputs;
        layout current = input_.rank == 1 ? layout::vector : input_.rank == 2 ? layout::sequence : layout::image;
        const auto join = [](const std::string& path, const std::string& name) { return path.empty() ? name : path + "." + name; };
        std::vector<layout> branch_outputs;
        for (std::size_t i = 0; i < size; ++i) {
            const layer_record& r = nodes[i];
            const bool named = r.name != nullptr && r.name[0] != '\0';
            step s{r, current, {}};
            switch (r.kind) {
                case kind::block_begin:
                case kind::merge_begin:
                    if (named) {
                        // A name its siblings already use is the same submodule, continued: a
                        // module split across merges (a backbone whose intermediate output a
                        // head reads) is one module in PyTorch.
                        ::torch::nn::Module* parent = owners.back().module;
                        const auto children = parent->named_children();
                        ::torch::nn::Module* child = nullptr;
                        if (const auto* existing = children.find(r.name)) {
                            child = existing->get();
                        } else {
                            auto made = std::make_shared<::torch::nn::Module>();
                            parent->register_module(r.name, made);
                            child = made.get();
                        }
                        owners.push_back({child, join(owners.back().path, r.name), true});
                    } else {
                        owners.push_back({owners.back().module, owners.back().path, false});
                    }
                    if (r.kind == kind::merge_begin) merge_inputs.push_back(current);
                    break;
                case kind::branch:
                    current = merge_inputs.back();
                    break;
                case kind::block_end:
                    owners.pop_back();
                    break;
                case kind::merge_end:
                    owners.pop_back();
                    // The merge's output: its branches' layout (all agree), or its input for a side output.
                    if (r.how == merge::output) current = merge_inputs.back();
                    merge_inputs.pop_back();
                    break;
                default:
                    make_state(s, owners.back().module, join(owners.back().path, leaf_name(r)), leaf_name(r));
                    current = layout_after(r.kind, r, current);
                    break;
            }
            steps_.push_back(std::move(s));
        }
    }

    /// A leaf's libtorch state, registered in `owner` under `name` (`path` is its full name), and
    /// how the leaf runs with it.
    void make_state(step& s, ::torch::nn::Module* owner, const std::string& path, const std::string& name) {
        const layer_record& r = s.record;
        const layout l = s.in;
        const std::int64_t c = r.input_shape.channels;
        namespace nn = ::torch::nn;
        switch (r.kind) {
            case kind::conv2d: {
                auto m = owner->register_module(name, nn::Conv2d(nn::Conv2dOptions(c, r.units, pair(r.kernel))
                                                                     .stride(pair(r.stride))
                                                                     .padding(pair(r.pad))
                                                                     .dilation(pair(r.dilation))
                                                                     .groups(r.groups)
                                                                     .bias(r.bias)));
                s.run = [m, l](const ::torch::Tensor& x) { return m->forward(as_image(x, l)); };
                break;
            }
            case kind::conv_transpose2d: {
                auto m = owner->register_module(name, nn::ConvTranspose2d(nn::ConvTranspose2dOptions(c, r.units, pair(r.kernel))
                                                                              .stride(pair(r.stride))
                                                                              .padding(pair(r.pad))
                                                                              .output_padding(pair(r.output_padding))
                                                                              .dilation(pair(r.dilation))
                                                                              .groups(r.groups)
                                                                              .bias(r.bias)));
                s.run = [m, l](const ::torch::Tensor& x) { return m->forward(as_image(x, l)); };
                break;
            }
            case kind::dense: {
                const bool each = r.per_pixel || l != layout::image;
                const std::int64_t inputs = each ? c : r.input_shape.elements();
                auto m = owner->register_module(name, nn::Linear(nn::LinearOptions(inputs, r.units).bias(r.bias)));
                if (r.per_pixel) s.run = [m, l](const ::torch::Tensor& x) { return channels_last(x, l, [&](const ::torch::Tensor& t) { return m->forward(t); }); };
                else s.run = [m, l](const ::torch::Tensor& x) { return m->forward(l == layout::image ? x.flatten(1) : x); };
                break;
            }
            case kind::batch_norm: {
                auto m = owner->register_module(name, nn::BatchNorm2d(nn::BatchNorm2dOptions(c)
                                                                          .eps(options_.batch_norm_eps)
                                                                          .momentum(options_.batch_norm_momentum)));
                s.run = [m, l](const ::torch::Tensor& x) {
                    const ::torch::Tensor y = m->forward(as_image(x, l));
                    return l == layout::vector ? y.flatten(1) : y;
                };
                eps_[path] = [m](double e) { m->options.eps(e); };
                break;
            }
            case kind::frozen_batch_norm: {
                auto m = owner->register_module(name, std::make_shared<frozen_batch_norm>(c, options_.batch_norm_eps));
                s.run = [m](const ::torch::Tensor& x) { return m->forward(x); };
                eps_[path] = [m](double e) { m->eps = e; };
                break;
            }
            case kind::layer_norm: {
                auto m = owner->register_module(name, nn::LayerNorm(nn::LayerNormOptions({c}).eps(options_.layer_norm_eps)));
                s.run = [m, l](const ::torch::Tensor& x) { return channels_last(x, l, [&](const ::torch::Tensor& t) { return m->forward(t); }); };
                eps_[path] = [m](double e) { m->options.eps(e); };
                break;
            }
            case kind::group_norm: {
                auto m = owner->register_module(name, nn::GroupNorm(nn::GroupNormOptions(r.groups, c).eps(options_.group_norm_eps)));
                s.run = [m](const ::torch::Tensor& x) { return m->forward(x); };
                eps_[path] = [m](double e) { m->options.eps(e); };
                break;
            }
            case kind::instance_norm: {
                auto m = owner->register_module(name, nn::InstanceNorm2d(nn::InstanceNorm2dOptions(c)
                                                                             .affine((r.mode & netshape::detail::affine_bit) != 0)
                                                                             .track_running_stats((r.mode & netshape::detail::running_stats_bit) != 0)));
                s.run = [m, l](const ::torch::Tensor& x) { return m->forward(as_image(x, l)); };
                break;
            }
            case kind::multi_head_attention: {
                auto m = owner->register_module(name, std::make_shared<attention>(c, r.units, r.bias));
                s.run = [m](const ::torch::Tensor& x) { return m->forward(x); };
                break;
            }
            case kind::layer_scale: {
                ::torch::Tensor gamma = owner->register_parameter(
                    name, ::torch::full(l == layout::image ? std::vector<std::int64_t>{c, 1, 1} : std::vector<std::int64_t>{c},
                                        options_.layer_scale_init));
                s.run = [gamma](const ::torch::Tensor& x) { return x * gamma; };
                break;
            }
            case kind::prelu: {  // nn.PReLU's weight: (num_parameters), applied along dimension 1
                ::torch::Tensor slopes = owner->register_parameter(name, ::torch::full({r.units}, options_.prelu_init));
                s.run = [slopes](const ::torch::Tensor& x) { return ::torch::prelu(x, slopes); };
                break;
            }
            case kind::class_token: {
                ::torch::Tensor token = owner->register_parameter(name, ::torch::zeros({1, 1, c}));
                s.run = [token](const ::torch::Tensor& x) { return ::torch::cat({token.expand({x.size(0), -1, -1}), x}, 1); };
                break;
            }
            case kind::position_embedding: {
                ::torch::Tensor table = owner->register_parameter(name, ::torch::empty({1, r.input_shape.length(), c}).normal_(0.0, 0.02));
                s.run = [table](const ::torch::Tensor& x) { return x + table; };
                break;
            }
            case kind::max_pool: case kind::avg_pool: case kind::adaptive_avg_pool: case kind::adaptive_max_pool:
            case kind::flatten: case kind::lrn: case kind::dropout: case kind::activation: case kind::identity:
            case kind::channel_shuffle: case kind::channel_slice: case kind::upsample: case kind::resize:
            case kind::pixel_shuffle: case kind::pixel_unshuffle: case kind::to_tokens: case kind::select_token:
            case kind::zero_pad:
                break;  // no state: apply_leaf runs it
            default:
                fail(std::string("no libtorch counterpart for kind ") + name_of(r.kind) + " (" + path + ")");
        }
    }

    /// A leaf without state (a leaf with state runs its step's `run`).
    ::torch::Tensor apply_leaf(const step& s, const ::torch::Tensor& x) {
        namespace F = ::torch::nn::functional;
        if (s.run) return s.run(x);
        const layer_record& r = s.record;
        const layout l = s.in;
        switch (r.kind) {
            case kind::flatten: return l == layout::vector ? x : x.flatten(1);
            case kind::lrn:
                return F::local_response_norm(x, F::LocalResponseNormFuncOptions(r.units)
                                                     .alpha(options_.lrn_alpha)
                                                     .beta(options_.lrn_beta)
                                                     .k(options_.lrn_k));
            case kind::max_pool:
                return ::torch::max_pool2d(x, pair(r.kernel), pair(r.stride), pair(r.pad), pair(r.dilation), r.ceil);
            case kind::avg_pool: return ::torch::avg_pool2d(x, pair(r.kernel), pair(r.stride), pair(r.pad), r.ceil, true);
            case kind::adaptive_avg_pool: return ::torch::adaptive_avg_pool2d(x, pair(r.kernel));
            case kind::adaptive_max_pool: return std::get<0>(::torch::adaptive_max_pool2d(x, pair(r.kernel)));
            case kind::dropout: return F::dropout(x, F::DropoutFuncOptions().p(options_.dropout).training(is_training()));
            case kind::identity: return x;
            case kind::activation: return activate(r.fn, x, channel_dim(l));
            case kind::channel_shuffle: {
                const std::int64_t g = r.units, c = x.size(1);
                return x.reshape({x.size(0), g, c / g, x.size(2), x.size(3)}).transpose(1, 2).reshape(x.sizes());
            }
            case kind::channel_slice: return x.narrow(channel_dim(l), r.first, r.units);
            case kind::upsample:
            case kind::resize: {
                auto o = F::InterpolateFuncOptions().size(std::vector<std::int64_t>{r.output_shape.height, r.output_shape.width});
                if ((r.mode & netshape::detail::bilinear_bit) != 0)
                    o = o.mode(::torch::kBilinear).align_corners((r.mode & netshape::detail::align_corners_bit) != 0);
                else
                    o = o.mode(::torch::kNearest);
                return F::interpolate(x, o);
            }
            case kind::pixel_shuffle: return ::torch::pixel_shuffle(x, r.units);
            case kind::pixel_unshuffle: return ::torch::pixel_unshuffle(x, r.units);
            case kind::zero_pad:  // F.pad's order: (left, right, top, bottom)
                return F::pad(x, F::PadFuncOptions({r.pad.width, r.output_padding.width, r.pad.height, r.output_padding.height}));
            case kind::to_tokens: return x.flatten(2).transpose(1, 2);
            case kind::select_token: return x.select(1, r.first < 0 ? x.size(1) + r.first : r.first);
            default: fail(std::string("no libtorch counterpart for kind ") + name_of(r.kind));
        }
    }

    ::torch::Tensor activate(function fn, const ::torch::Tensor& x, std::int64_t channels) const {
        switch (fn) {
            case function::relu: return ::torch::relu(x);
            case function::relu6: return ::torch::hardtanh(x, 0.0, 6.0);
            case function::leaky_relu: return ::torch::leaky_relu(x, options_.leaky_relu_slope);
            case function::elu: return ::torch::elu(x, options_.elu_alpha);
            case function::gelu: return ::torch::gelu(x);
            case function::silu: return ::torch::silu(x);
            case function::sigmoid: return ::torch::sigmoid(x);
            case function::hardsigmoid: return ::torch::hardsigmoid(x);
            case function::hardswish: return ::torch::hardswish(x);
            case function::tanh: return ::torch::tanh(x);
            case function::softmax: return ::torch::softmax(x, channels);
            case function::mish: return ::torch::mish(x);
            case function::selu: return ::torch::selu(x);
            case function::softplus: return ::torch::softplus(x, options_.softplus_beta, options_.softplus_threshold);
            case function::celu: return ::torch::celu(x, options_.celu_alpha);
            case function::thresholded_relu: return ::torch::threshold(x, options_.threshold, 0.0);
            case function::none: return x;
        }
        return x;
    }

    std::vector<::torch::Tensor> run(const ::torch::Tensor& input) {
        std::vector<::torch::Tensor> outputs;
        std::vector<open_merge> merges;
        ::torch::Tensor x = input;
        layout current = input_.rank == 1 ? layout::vector : input_.rank == 2 ? layout::sequence : layout::image;
        for (const step& s : steps_) {
            const layer_record& r = s.record;
            switch (r.kind) {
                case kind::block_begin:
                case kind::block_end: break;
                case kind::merge_begin: merges.push_back({r.how, x, current, {}, current, false}); break;
                case kind::branch: {
                    open_merge& m = merges.back();
                    if (m.started) m.done.push_back(x);
                    m.started = true;
                    x = m.input;
                    current = m.in;
                    break;
                }
                case kind::merge_end: {
                    open_merge& m = merges.back();
                    m.done.push_back(x);
                    if (m.how == merge::output) {
                        outputs.push_back(m.done.front());
                        x = m.input;
                        current = m.in;
                    } else if (m.how == merge::concat) {
                        x = ::torch::cat(m.done, channel_dim(current));
                    } else {
                        x = m.done.front();
                        for (std::size_t b = 1; b < m.done.size(); ++b)
                            x = m.how == merge::add ? x + m.done[b] : x * m.done[b];
                    }
                    merges.pop_back();
                    break;
                }
                default:
                    x = apply_leaf(s, x);
                    current = layout_after(r.kind, r, current);
                    break;
            }
        }
        outputs.push_back(x);
        return outputs;
    }

    shape input_;
    options options_;
    std::vector<step> steps_;
    std::map<std::string, std::function<void(double)>> eps_;  // each norm's epsilon, by path
};

}  // namespace detail

/// Net as a libtorch module: parameters and buffers named as PyTorch names them (named<>'s
/// names, joined with dots), forward() the main output, forward_all() every output.
template <class Net>
class module : public detail::network_module {
public:
    explicit module(const options& o = {})
        : detail::network_module(netshape::nodes<Net>.data(), netshape::nodes<Net>.size(), netshape::input_shape<Net>, o) {}
};

}  // namespace netshape::torch
