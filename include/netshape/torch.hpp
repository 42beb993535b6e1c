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
// Tensors are PyTorch's layouts: an image is (N, C, H, W), a volume (N, C, D, H, W), a sequence
// either tokens (N, L, C: attention, class token, dense per token) or a signal (N, C, L: conv1d,
// the 1-D pools, batch norm), transposed between the two where a layer needs the other; a vector
// (N, C) (after flatten, dense or select_token); flatten and dense on an image flatten in PyTorch's
// C, H, W order. What netshape's types do not hold (norm epsilons, dropout probabilities, the
// slope of leaky_relu, LRN's constants) comes from `options`; load() copies epsilons from a
// TorchScript module along with the weights. docs/bridges.md lists the kinds and what each maps to.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
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
#include <netshape/layers/attention.hpp>
#include <netshape/layers/multiscale.hpp>
#include <netshape/layers/norm.hpp>
#include <netshape/layers/resample.hpp>

namespace netshape::torch {

/// Which torchvision module a window_attention is. netshape's kind stands for both (their figures
/// are equal); their parameter names and their scaling differ:
///   swin    ShiftedWindowAttention: qkv, proj, relative_position_bias_table, relative_position_index
///           (flat, (Wh·Ww)²); q scaled by head_dim^-1/2; the image padded to whole windows.
///   maxvit  RelativePositionalMultiHeadAttention in a window partition: to_qkv, merge,
///           relative_position_bias_table, relative_position_index (Wh·Ww × Wh·Ww); k scaled by
///           channels^-1/2.
///   automatic  maxvit in a network that has a grid_attention (torchvision pairs them in MaxViT),
///           swin otherwise.
/// grid_attention is always MaxViT's, cosine_window_attention Swin V2's.
enum class attention_style : unsigned char { automatic, swin, maxvit };

/// Which torchvision parameter a class_token is (netshape's kind stands for both):
///   vit   VisionTransformer's: a (1, 1, C) parameter, named as the leaf is ("class_token").
///   mvit  MViT's PositionalEncoding's: a (C) parameter "class_token" of the module the leaf's
///         name names ("pos_encoding.class_token"; unnamed, of the module around it).
///   automatic  mvit in a network that has a multiscale_attention or separable_position_embedding
///         (the MViT kinds), vit otherwise.
enum class class_token_style : unsigned char { automatic, vit, mvit };

/// What a network's type does not say and PyTorch's modules need (PyTorch's defaults).
struct options {
    attention_style window_attention = attention_style::automatic;
    class_token_style class_token = class_token_style::automatic;
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

/// How a tensor is laid out in PyTorch: image (N, C, H, W), sequence (tokens: N, L, C), vector
/// (N, C), signal (a sequence as nn.Conv1d takes it: N, C, L), volume (N, C, D, H, W).
enum class layout : unsigned char { image, sequence, vector, signal, volume };

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

/// Self-attention within groups of an image's positions, with a relative position bias over a
/// Wh×Ww window (or grid): torchvision's ShiftedWindowAttention (swin), ShiftedWindowAttentionV2
/// (swin_v2: cosine attention, continuous position bias) and MaxViT's
/// RelativePositionalMultiHeadAttention over a window or grid partition (maxvit), with their
/// parameter and buffer names. Input and output (N, C, H, W).
class grouped_attention : public ::torch::nn::Module {
public:
    enum class variant : unsigned char { swin, swin_v2, maxvit };
    enum class grouping : unsigned char { window, grid };

    grouped_attention(std::int64_t channels, std::int64_t heads, hw window, bool shifted, bool bias, variant v, grouping g)
        : channels_(channels), heads_(heads), window_(window), shifted_(shifted), variant_(v), grouping_(g) {
        namespace nn = ::torch::nn;
        const std::int64_t wh = window.height, ww = window.width, offsets = (2 * wh - 1) * (2 * ww - 1);
        const bool maxvit = v == variant::maxvit;
        qkv = register_module(maxvit ? "to_qkv" : "qkv", nn::Linear(nn::LinearOptions(channels, 3 * channels).bias(bias)));
        proj = register_module(maxvit ? "merge" : "proj", nn::Linear(nn::LinearOptions(channels, channels).bias(bias)));
        if (v == variant::swin_v2) {
            logit_scale = register_parameter("logit_scale", ::torch::full({heads, 1, 1}, std::log(10.0)));
            cpb_mlp = register_module("cpb_mlp", nn::Sequential(nn::Linear(2, 512), nn::ReLU(),
                                                                nn::Linear(nn::LinearOptions(512, heads).bias(false))));
            // The offsets' coordinates, each scaled to [-8, 8] and log-spaced: sign·log2(|x| + 1)/3.
            const auto h = ::torch::arange(-(wh - 1), wh, ::torch::kFloat32) / static_cast<double>(wh > 1 ? wh - 1 : 1);
            const auto w = ::torch::arange(-(ww - 1), ww, ::torch::kFloat32) / static_cast<double>(ww > 1 ? ww - 1 : 1);
            const auto grid = ::torch::meshgrid({h, w}, "ij");
            const auto table = ::torch::stack({grid[0], grid[1]}).permute({1, 2, 0}).unsqueeze(0) * 8.0;
            relative_coords_table = register_buffer("relative_coords_table", table.sign() * ::torch::log2(table.abs() + 1.0) / 3.0);
            if (bias) {
                ::torch::NoGradGuard no_grad;
                qkv->bias.narrow(0, channels, channels).zero_();
            }
        } else {
            // torchvision: trunc_normal_(std=0.02), cut at ±2 (a hundred deviations: a normal's in practice).
            relative_position_bias_table =
                register_parameter("relative_position_bias_table", ::torch::empty({offsets, heads}).normal_(0.0, 0.02));
        }
        // Every pair of the window's positions: (dh + Wh − 1)·(2·Ww − 1) + (dw + Ww − 1).
        const auto grid = ::torch::meshgrid({::torch::arange(wh), ::torch::arange(ww)}, "ij");
        const auto flat = ::torch::stack({grid[0].flatten(), grid[1].flatten()});  // 2, T
        const auto relative = (flat.unsqueeze(2) - flat.unsqueeze(1)).permute({1, 2, 0});  // T, T, 2
        ::torch::Tensor index = (relative.select(2, 0) + (wh - 1)) * (2 * ww - 1) + (relative.select(2, 1) + (ww - 1));
        relative_position_index = register_buffer("relative_position_index", maxvit ? index : index.flatten());
    }

    ::torch::Tensor forward(const ::torch::Tensor& image) {
        return grouping_ == grouping::grid ? grid_forward(image) : window_forward(image);
    }

    ::torch::nn::Linear qkv{nullptr}, proj{nullptr};
    ::torch::nn::Sequential cpb_mlp{nullptr};
    ::torch::Tensor relative_position_bias_table, relative_position_index, logit_scale, relative_coords_table;

private:
    /// Swin's windows (MaxViT's window partition is the same when the window divides the image):
    /// padded at the bottom and right to whole windows, rolled back by half a window when shifted,
    /// each window's positions row by row.
    ::torch::Tensor window_forward(const ::torch::Tensor& image) {
        const std::int64_t n = image.size(0), h = image.size(2), w = image.size(3), c = channels_;
        const std::int64_t wh = window_.height, ww = window_.width;
        const std::int64_t ph = (h + wh - 1) / wh * wh, pw = (w + ww - 1) / ww * ww;
        ::torch::Tensor x = ::torch::constant_pad_nd(image.permute({0, 2, 3, 1}), {0, 0, 0, pw - w, 0, ph - h});
        // torchvision shifts by window // 2, not along an axis the window covers whole.
        const std::int64_t sh = shifted_ && wh < ph ? wh / 2 : 0, sw = shifted_ && ww < pw ? ww / 2 : 0;
        if (sh + sw > 0) x = ::torch::roll(x, {-sh, -sw}, {1, 2});
        const std::int64_t windows = (ph / wh) * (pw / ww);
        x = x.reshape({n, ph / wh, wh, pw / ww, ww, c}).permute({0, 1, 3, 2, 4, 5}).reshape({n * windows, wh * ww, c});
        ::torch::Tensor mask;
        if (sh + sw > 0) {
            // The regions a shifted window joins from apart: 0, 1, 2 per axis, count = 3·row + column.
            const auto region = [](std::int64_t size, std::int64_t win, std::int64_t shift) {
                ::torch::Tensor r = ::torch::zeros({size}, ::torch::kFloat32);
                r.narrow(0, size - win, win - shift).fill_(1.0);
                if (shift > 0) r.narrow(0, size - shift, shift).fill_(2.0);
                return r;
            };
            const ::torch::Tensor ids = region(ph, wh, sh).unsqueeze(1) * 3.0 + region(pw, ww, sw).unsqueeze(0);
            const ::torch::Tensor per_window = ids.reshape({ph / wh, wh, pw / ww, ww}).permute({0, 2, 1, 3}).reshape({windows, wh * ww});
            const ::torch::Tensor differ = per_window.unsqueeze(1) - per_window.unsqueeze(2);
            mask = ::torch::zeros_like(differ).masked_fill(differ != 0, -100.0).to(image.device());
        }
        x = attend(x, mask, windows);
        x = x.reshape({n, ph / wh, pw / ww, wh, ww, c}).permute({0, 1, 3, 2, 4, 5}).reshape({n, ph, pw, c});
        if (sh + sw > 0) x = ::torch::roll(x, {sh, sw}, {1, 2});
        return x.narrow(1, 0, h).narrow(2, 0, w).permute({0, 3, 1, 2}).contiguous();
    }

    /// MaxViT's grid: a Gh×Gw grid of positions H/Gh rows and W/Gw columns apart; every offset
    /// within an (H/Gh)×(W/Gw) cell is a group, its positions row by row over the grid.
    ::torch::Tensor grid_forward(const ::torch::Tensor& image) {
        const std::int64_t n = image.size(0), h = image.size(2), w = image.size(3), c = channels_;
        const std::int64_t gh = window_.height, gw = window_.width, ch = h / gh, cw = w / gw;
        ::torch::Tensor x = image.permute({0, 2, 3, 1}).reshape({n, gh, ch, gw, cw, c});
        x = x.permute({0, 2, 4, 1, 3, 5}).reshape({n * ch * cw, gh * gw, c});
        x = attend(x, {}, 1);
        x = x.reshape({n, ch, cw, gh, gw, c}).permute({0, 3, 1, 4, 2, 5}).reshape({n, h, w, c});
        return x.permute({0, 3, 1, 2}).contiguous();
    }

    /// Attention in every group of x (G, T, C); mask (windows, T, T) is added per window when defined.
    ::torch::Tensor attend(const ::torch::Tensor& x, const ::torch::Tensor& mask, std::int64_t windows) {
        const std::int64_t groups = x.size(0), t = x.size(1), d = channels_ / heads_;
        ::torch::Tensor qkv_bias = qkv->bias;
        if (variant_ == variant::swin_v2 && qkv_bias.defined()) {
            qkv_bias = qkv_bias.clone();
            qkv_bias.narrow(0, channels_, channels_).zero_();
        }
        const auto parts = ::torch::nn::functional::linear(x, qkv->weight, qkv_bias)
                               .reshape({groups, t, 3, heads_, d}).permute({2, 0, 3, 1, 4});
        const ::torch::Tensor q = parts[0], k = parts[1], v = parts[2];
        ::torch::Tensor scores;
        if (variant_ == variant::swin_v2) {
            namespace F = ::torch::nn::functional;
            scores = ::torch::matmul(F::normalize(q, F::NormalizeFuncOptions().dim(-1)),
                                     F::normalize(k, F::NormalizeFuncOptions().dim(-1)).transpose(-2, -1));
            scores = scores * ::torch::clamp(logit_scale, c10::nullopt, std::log(100.0)).exp();
        } else if (variant_ == variant::maxvit) {
            scores = ::torch::matmul(q, (k * std::pow(static_cast<double>(channels_), -0.5)).transpose(-2, -1));
        } else {
            scores = ::torch::matmul(q * std::pow(static_cast<double>(d), -0.5), k.transpose(-2, -1));
        }
        scores = scores + position_bias(t);
        if (mask.defined())
            scores = (scores.reshape({groups / windows, windows, heads_, t, t}) + mask.unsqueeze(1).unsqueeze(0))
                         .reshape({groups, heads_, t, t});
        const ::torch::Tensor mixed = ::torch::matmul(scores.softmax(-1), v).transpose(1, 2).reshape({groups, t, channels_});
        return proj->forward(mixed);
    }

    /// (1, heads, T, T): the table looked up by the index (Swin V2: the MLP of the offsets, 16·sigmoid).
    ::torch::Tensor position_bias(std::int64_t t) {
        const ::torch::Tensor table = variant_ == variant::swin_v2 ? cpb_mlp->forward(relative_coords_table).reshape({-1, heads_})
                                                                   : relative_position_bias_table;
        ::torch::Tensor bias = table.index_select(0, relative_position_index.flatten()).reshape({t, t, heads_}).permute({2, 0, 1}).unsqueeze(0);
        return variant_ == variant::swin_v2 ? 16.0 * ::torch::sigmoid(bias) : bias;
    }

    std::int64_t channels_, heads_;
    hw window_;
    bool shifted_;
    variant variant_;
    grouping grouping_;
};

/// MViT's pool of queries, keys or values (torchvision's Pool(Conv3d, LayerNorm)): each head's
/// grid tokens (B, heads, N, head_dim) through a depthwise Conv3d ("pool": kernel, stride, padding
/// kernel // 2, no bias) as a volume, the tokens before the grid (the class token) put back in
/// front, then nn.LayerNorm(head_dim) ("norm_act.0") over every token.
class grid_pool : public ::torch::nn::Module {
public:
    grid_pool(std::int64_t head_dim, dhw kernel, dhw stride, double eps) {
        namespace nn = ::torch::nn;
        const std::vector<std::int64_t> k{kernel.depth, kernel.height, kernel.width};
        pool = register_module("pool", nn::Conv3d(nn::Conv3dOptions(head_dim, head_dim, k)
                                                      .stride(std::vector<std::int64_t>{stride.depth, stride.height, stride.width})
                                                      .padding(std::vector<std::int64_t>{k[0] / 2, k[1] / 2, k[2] / 2})
                                                      .groups(head_dim).bias(false)));
        norm = nn::LayerNorm(nn::LayerNormOptions({head_dim}).eps(eps));
        norm_act = register_module("norm_act", nn::Sequential(norm));
    }
    /// x: (B, heads, extra + T·H·W, head_dim) on `grid`; the pooled tokens, and their grid in `grid`.
    ::torch::Tensor forward(const ::torch::Tensor& x, std::int64_t extra, dhw& grid) {
        const std::int64_t b = x.size(0), heads = x.size(1), d = x.size(3);
        ::torch::Tensor g = x.narrow(2, extra, x.size(2) - extra).transpose(2, 3)
                                .reshape({b * heads, d, grid.depth, grid.height, grid.width}).contiguous();
        g = pool->forward(g);
        grid = dhw{g.size(2), g.size(3), g.size(4)};
        g = g.reshape({b, heads, d, -1}).transpose(2, 3);
        return norm->forward(::torch::cat({x.narrow(2, 0, extra), g}, 2));
    }
    ::torch::nn::Conv3d pool{nullptr};
    ::torch::nn::Sequential norm_act{nullptr};
    ::torch::nn::LayerNorm norm{nullptr};
};

/// torchvision's MultiscaleAttention (MViT v1 and v2) on tokens (B, L, Cin) whose tokens after the
/// first `extra` (the class token) are a T×H×W grid: qkv, pool_q, pool_k, pool_v (where pooled),
/// rel_pos_h, rel_pos_w, rel_pos_t (relative positions), project.0. Residual pooling adds the
/// pooled queries to the grid's outputs (not the class token's: torchvision's mvit_v2_s,
/// residual_with_cls_embed=False). Output (B, extra + Tq·Hq·Wq, D).
class multiscale_attention : public ::torch::nn::Module {
public:
    multiscale_attention(const layer_record& r, double eps)
        : heads_(r.groups), channels_(r.units), head_dim_(r.units / r.groups), grid_(netshape::detail::grid_of(r)),
          residual_((r.mode & netshape::detail::residual_pool_bit) != 0) {
        namespace nn = ::torch::nn;
        using rule = kind_rule<kind::multiscale_attention>;
        const std::int64_t c = r.input_shape.channels;
        qkv = register_module("qkv", nn::Linear(nn::LinearOptions(c, 3 * channels_).bias(r.bias)));
        project = register_module("project", nn::Sequential(nn::Linear(nn::LinearOptions(channels_, channels_).bias(r.bias))));
        const dhw kq = rule::kernel_q(r), sq = rule::stride_q(r), kkv = rule::kernel_kv(r), skv = rule::stride_kv(r);
        if (netshape::detail::pools(kq, sq)) pool_q = register_module("pool_q", std::make_shared<grid_pool>(head_dim_, kq, sq, eps));
        if (netshape::detail::pools(kkv, skv)) {
            pool_k = register_module("pool_k", std::make_shared<grid_pool>(head_dim_, kkv, skv, eps));
            pool_v = register_module("pool_v", std::make_shared<grid_pool>(head_dim_, kkv, skv, eps));
        }
        if ((r.mode & netshape::detail::relative_position_bit) != 0) {
            // torchvision's sizes: max(H, W) over the height strides, and the frames.
            const std::int64_t size = std::max(grid_.height, grid_.width);
            const std::int64_t spatial = 2 * std::max(size / sq.height, size / skv.height) - 1, temporal = 2 * grid_.depth - 1;
            rel_pos_h = register_parameter("rel_pos_h", ::torch::empty({spatial, head_dim_}).normal_(0.0, 0.02));
            rel_pos_w = register_parameter("rel_pos_w", ::torch::empty({spatial, head_dim_}).normal_(0.0, 0.02));
            rel_pos_t = register_parameter("rel_pos_t", ::torch::empty({temporal, head_dim_}).normal_(0.0, 0.02));
        }
    }

    ::torch::Tensor forward(const ::torch::Tensor& x) {
        const std::int64_t b = x.size(0), l = x.size(1);
        const std::int64_t extra = l - grid_.depth * grid_.height * grid_.width;
        const auto parts = qkv->forward(x).reshape({b, l, 3, heads_, head_dim_}).transpose(1, 3).unbind(2);
        ::torch::Tensor q = parts[0], k = parts[1], v = parts[2];
        dhw q_grid = grid_, k_grid = grid_;
        if (pool_k) {
            k = pool_k->forward(k, extra, k_grid);
            dhw v_grid = grid_;
            v = pool_v->forward(v, extra, v_grid);
        }
        if (pool_q) q = pool_q->forward(q, extra, q_grid);
        ::torch::Tensor scores = ::torch::matmul((1.0 / std::sqrt(static_cast<double>(head_dim_))) * q, k.transpose(2, 3));
        if (rel_pos_h.defined()) add_relative_positions(scores, q, extra, q_grid, k_grid);
        ::torch::Tensor out = ::torch::matmul(scores.softmax(-1), v);
        if (residual_) {
            const std::int64_t n = out.size(2) - extra;
            out.narrow(2, extra, n).add_(q.narrow(2, extra, n));
        }
        return project->forward(out.transpose(1, 2).reshape({b, -1, channels_}));
    }

    ::torch::nn::Linear qkv{nullptr};
    ::torch::nn::Sequential project{nullptr};
    std::shared_ptr<grid_pool> pool_q, pool_k, pool_v;
    ::torch::Tensor rel_pos_h, rel_pos_w, rel_pos_t;

private:
    /// A table of n rows linearly resized to d rows (F.interpolate, mode "linear"), as torchvision
    /// does when the pooled grids need more offsets than the table has.
    static ::torch::Tensor resized(const ::torch::Tensor& table, std::int64_t d) {
        if (table.size(0) == d) return table;
        namespace F = ::torch::nn::functional;
        return F::interpolate(table.permute({1, 0}).unsqueeze(0),
                              F::InterpolateFuncOptions().size(std::vector<std::int64_t>{d}).mode(::torch::kLinear).align_corners(false))
            .squeeze(0).permute({1, 0});
    }
    /// The rows of `table` for each query and key position along one axis (q and k positions, the
    /// coarser grid's positions stretched to the finer one's, offset so that the least is row 0).
    static ::torch::Tensor looked_up(const ::torch::Tensor& table, std::int64_t q, std::int64_t k) {
        const double q_ratio = std::max(static_cast<double>(k) / static_cast<double>(q), 1.0);
        const double k_ratio = std::max(static_cast<double>(q) / static_cast<double>(k), 1.0);
        const ::torch::Tensor dist = ::torch::arange(q).unsqueeze(1) * q_ratio -
                                     (::torch::arange(k).unsqueeze(0) + (1.0 - static_cast<double>(k))) * k_ratio;
        return resized(table, 2 * std::max(q, k) - 1).index({dist.to(::torch::kLong).to(table.device())});
    }
    /// The decomposed relative positions: each grid query times the looked-up rows of the key's
    /// offset along height, width and time, summed, added to the grid's scores.
    void add_relative_positions(::torch::Tensor& scores, const ::torch::Tensor& q, std::int64_t extra, dhw qg, dhw kg) const {
        const std::int64_t b = q.size(0), nq = qg.depth * qg.height * qg.width, nk = kg.depth * kg.height * kg.width;
        const ::torch::Tensor rh = looked_up(rel_pos_h, qg.height, kg.height), rw = looked_up(rel_pos_w, qg.width, kg.width),
                              rt = looked_up(rel_pos_t, qg.depth, kg.depth);
        const ::torch::Tensor r_q = q.narrow(2, extra, nq).reshape({b, heads_, qg.depth, qg.height, qg.width, head_dim_});
        const ::torch::Tensor h = ::torch::einsum("bythwc,hkc->bythwk", {r_q, rh});
        const ::torch::Tensor w = ::torch::einsum("bythwc,wkc->bythwk", {r_q, rw});
        const ::torch::Tensor t = ::torch::matmul(r_q.permute({2, 0, 1, 3, 4, 5}).reshape({qg.depth, -1, head_dim_}), rt.transpose(1, 2))
                                      .transpose(0, 1)
                                      .reshape({b, heads_, qg.height, qg.width, qg.depth, kg.depth})
                                      .permute({0, 1, 4, 2, 3, 5});
        const ::torch::Tensor positions =
            (h.unsqueeze(5).unsqueeze(7) + w.unsqueeze(5).unsqueeze(5) + t.unsqueeze(6).unsqueeze(7)).reshape({b, heads_, nq, nk});
        scores.narrow(2, extra, nq).narrow(3, extra, nk).add_(positions);
    }

    std::int64_t heads_, channels_, head_dim_;
    dhw grid_;
    bool residual_;
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
    std::vector<layout> done_in;  // each finished branch's layout
    layout out = layout::image;
    bool started = false;
    std::size_t slot = 0;  // a side output's place among the outputs: where its output<> begins
};

/// The layout a node's input has, given its record (netshape's rank) and what the previous
/// node left: rank 2 is a sequence; a vector, or the 1×1×n image flatten and dense make, a vector;
/// every other image is (N, C, H, W).
inline layout layout_after(kind k, const layer_record& r, layout in) {
    switch (k) {
        case kind::flatten: return layout::vector;
        case kind::dense: return r.per_pixel || (in != layout::image && in != layout::volume) ? in : layout::vector;
        case kind::to_tokens: return layout::sequence;
        case kind::select_token: return layout::vector;
        default: return in;
    }
}

/// The layout a leaf takes a sequence in: a signal (N, C, L) for conv1d, the 1-D pools, the
/// global pools, batch and group norm and PReLU (nn.Conv1d's, nn.MaxPool1d's, nn.BatchNorm1d's:
/// channels along dimension 1), tokens (N, L, C) for the rest (nn.Linear, nn.LayerNorm, layer
/// scale and attention over the last dimension). Other layouts are taken as they are.
inline layout wanted(kind k, layout in) {
    if (in != layout::sequence && in != layout::signal) return in;
    switch (k) {
        case kind::conv1d: case kind::conv_transpose1d: case kind::max_pool1d: case kind::avg_pool1d:
        case kind::adaptive_avg_pool1d: case kind::adaptive_avg_pool: case kind::adaptive_max_pool:
        case kind::batch_norm: case kind::group_norm: case kind::prelu:  // per channel, along dimension 1
            return layout::signal;
        case kind::activation: case kind::dropout: case kind::identity: case kind::channel_slice:
            return in;  // element-wise, or along a dimension channel_dim names
        default: return layout::sequence;
    }
}

/// x, a sequence in layout `from`, in layout `to` (tokens and signal are each other's transpose).
inline ::torch::Tensor relayout(const ::torch::Tensor& x, layout from, layout to) {
    return from == to || (from != layout::sequence && from != layout::signal) ? x : x.transpose(1, 2).contiguous();
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
    if (l == layout::volume) return f(x.permute({0, 2, 3, 4, 1})).permute({0, 4, 1, 2, 3});
    if (l != layout::image) return f(x);
    return f(x.permute({0, 2, 3, 1})).permute({0, 3, 1, 2});
}

inline std::vector<std::int64_t> pair(hw v) { return {v.height, v.width}; }
/// A 3-D window's (depth, height, width): the depth axis from spec::along_depth.
inline std::vector<std::int64_t> triple(count_t depth, hw v) { return {depth, v.height, v.width}; }
/// An average pool's count_include_pad: true unless it has exclude_pad.
inline bool counts_padding(const layer_record& r) { return (r.mode & netshape::detail::exclude_pad_bit) == 0; }
/// A 1-D window's length (netshape keeps it in the width).
inline std::vector<std::int64_t> single(hw v) { return {v.width}; }

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

    /// The input shape PyTorch expects for a batch of n: (n, C, H, W), (n, C, D, H, W), (n, C) or,
    /// for a sequence, (n, C, L) where the first layer that cares takes a signal (conv1d, a 1-D pool,
    /// batch norm: M5's waveform) and (n, L, C) otherwise (tokens).
    std::vector<std::int64_t> input_sizes(std::int64_t n = 1) const {
        if (input_.rank == 1) return {n, input_.channels};
        if (input_.rank == 2)
            return input_layout_ == layout::signal ? std::vector<std::int64_t>{n, input_.channels, input_.width}
                                                   : std::vector<std::int64_t>{n, input_.width, input_.channels};
        if (input_.rank == 4) return {n, input_.channels, input_.depth, input_.height, input_.width};
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
        input_layout_ = input_.rank == 1 ? layout::vector : input_.rank == 4 ? layout::volume : layout::image;
        if (input_.rank == 2) {
            // A sequence comes as the first leaf that cares about its layout takes it.
            input_layout_ = layout::sequence;
            for (std::size_t i = 0; i < size; ++i) {
                if (is_structure(nodes[i].kind)) continue;
                const layout as_tokens = wanted(nodes[i].kind, layout::sequence);
                if (as_tokens != wanted(nodes[i].kind, layout::signal)) continue;  // takes either
                input_layout_ = as_tokens;
                break;
            }
        }
        layout current = input_layout_;
        const auto join = [](const std::string& path, const std::string& name) { return path.empty() ? name : path + "." + name; };
        // window_attention is MaxViT's where the network has a grid attention (attention_style::automatic).
        maxvit_windows_ = options_.window_attention == attention_style::maxvit;
        for (std::size_t i = 0; options_.window_attention == attention_style::automatic && i < size; ++i)
            maxvit_windows_ = maxvit_windows_ || nodes[i].kind == kind::grid_attention;
        // class_token is MViT's where the network has an MViT kind (class_token_style::automatic).
        mvit_tokens_ = options_.class_token == class_token_style::mvit;
        for (std::size_t i = 0; options_.class_token == class_token_style::automatic && i < size; ++i)
            mvit_tokens_ = mvit_tokens_ || nodes[i].kind == kind::multiscale_attention ||
                           nodes[i].kind == kind::separable_position_embedding;
        for (std::size_t i = 0; i < size; ++i) {
            const layer_record& r = nodes[i];
            // A shared<Tag, B> block is a submodule where named<> names it (its tag is no PyTorch
            // name); a repeat's blocks make none: its leaves run the first use's modules.
            const bool named = r.name != nullptr && r.name[0] != '\0' && r.repeat_of == no_node;
            step s{r, current, {}};
            switch (r.kind) {
                case kind::block_begin:
                case kind::merge_begin:
                    if (named) {
                        // A name its siblings already use is the same submodule, continued: a
                        // module split across merges (a backbone whose intermediate output a
                        // head reads) is one module in PyTorch.
                        owners.push_back({child(owners.back().module, r.name), join(owners.back().path, r.name), true});
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
                    s.in = wanted(r.kind, current);
                    make_state(s, i, owners.back().module, join(owners.back().path, leaf_name(r)), leaf_name(r));
                    current = layout_after(r.kind, r, s.in);
                    break;
            }
            steps_.push_back(std::move(s));
        }
    }

    /// The module of a leaf: made by `make` and registered in `owner` under `name`, or, for a node
    /// of a shared block's repeat, the first use's module (one module called again).
    template <class M, class Make>
    std::shared_ptr<M> own(const layer_record& r, std::size_t node, ::torch::nn::Module* owner, const std::string& name, Make&& make) {
        if (r.repeat_of != no_node) {
            const auto found = modules_.find(r.repeat_of);
            std::shared_ptr<M> first = found == modules_.end() ? nullptr : std::dynamic_pointer_cast<M>(found->second);
            if (!first) fail("the first use of the shared block of node " + std::to_string(node) + " has no module of its kind");
            return first;
        }
        std::shared_ptr<M> m = owner->register_module(name, std::shared_ptr<M>(make()));
        modules_[node] = m;
        return m;
    }
    /// The same for a leaf whose state is one parameter of its owner (layer_scale, class_token,
    /// position_embedding).
    ::torch::Tensor own_parameter(const layer_record& r, std::size_t node, ::torch::nn::Module* owner, const std::string& name,
                                  const ::torch::Tensor& initial) {
        if (r.repeat_of != no_node) {
            const auto found = parameters_.find(r.repeat_of);
            if (found == parameters_.end()) fail("the first use of the shared block of node " + std::to_string(node) + " has no parameter");
            return found->second;
        }
        ::torch::Tensor p = owner->register_parameter(name, initial);
        parameters_[node] = p;
        return p;
    }

    /// The module that holds a leaf's parameters under PyTorch's own names (MViT's
    /// PositionalEncoding): a submodule named as the leaf where it is named (the same one if a
    /// sibling made it), else `owner`.
    static ::torch::nn::Module* holder(const layer_record& r, ::torch::nn::Module* owner) {
        return r.name == nullptr || r.name[0] == '\0' ? owner : child(owner, r.name);
    }
    /// parent's submodule `name`: the one a sibling made, or a new empty one.
    static ::torch::nn::Module* child(::torch::nn::Module* parent, const std::string& name) {
        const auto children = parent->named_children();
        if (const auto* existing = children.find(name)) return existing->get();
        auto made = std::make_shared<::torch::nn::Module>();
        parent->register_module(name, made);
        return made.get();
    }

    /// A leaf's libtorch state, registered in `owner` under `name` (`path` is its full name), and
    /// how the leaf runs with it. Geometry that shapes no weight (stride, padding, dilation, output
    /// padding) is the node's own, so that a shared block's repeat may differ in it.
    void make_state(step& s, std::size_t node, ::torch::nn::Module* owner, const std::string& path, const std::string& name) {
        const layer_record& r = s.record;
        const layout l = s.in;
        const std::int64_t c = r.input_shape.channels;
        const bool first = r.repeat_of == no_node;
        namespace nn = ::torch::nn;
        switch (r.kind) {
            case kind::conv2d: {
                auto m = own<nn::Conv2dImpl>(r, node, owner, name, [&] {
                    return std::make_shared<nn::Conv2dImpl>(
                        nn::Conv2dOptions(c, r.units, pair(r.kernel)).stride(pair(r.stride)).padding(pair(r.pad))
                            .dilation(pair(r.dilation)).groups(r.groups).bias(r.bias));
                });
                s.run = [m, l, r](const ::torch::Tensor& x) {
                    return ::torch::conv2d(as_image(x, l), m->weight, m->bias, pair(r.stride), pair(r.pad), pair(r.dilation), r.groups);
                };
                break;
            }
            case kind::conv_transpose2d: {
                auto m = own<nn::ConvTranspose2dImpl>(r, node, owner, name, [&] {
                    return std::make_shared<nn::ConvTranspose2dImpl>(
                        nn::ConvTranspose2dOptions(c, r.units, pair(r.kernel)).stride(pair(r.stride)).padding(pair(r.pad))
                            .output_padding(pair(r.output_padding)).dilation(pair(r.dilation)).groups(r.groups).bias(r.bias));
                });
                s.run = [m, l, r](const ::torch::Tensor& x) {
                    return ::torch::conv_transpose2d(as_image(x, l), m->weight, m->bias, pair(r.stride), pair(r.pad),
                                                     pair(r.output_padding), r.groups, pair(r.dilation));
                };
                break;
            }
            case kind::conv3d: {
                const auto k = triple(r.along_depth.kernel, r.kernel);
                auto m = own<nn::Conv3dImpl>(r, node, owner, name, [&] {
                    return std::make_shared<nn::Conv3dImpl>(nn::Conv3dOptions(c, r.units, k).groups(r.groups).bias(r.bias));
                });
                const depth_axis a = r.along_depth;
                s.run = [m, r, a](const ::torch::Tensor& x) {
                    return ::torch::conv3d(x, m->weight, m->bias, triple(a.stride, r.stride), triple(a.pad, r.pad),
                                           triple(a.dilation, r.dilation), r.groups);
                };
                break;
            }
            case kind::conv_transpose3d: {
                const auto k = triple(r.along_depth.kernel, r.kernel);
                auto m = own<nn::ConvTranspose3dImpl>(r, node, owner, name, [&] {
                    return std::make_shared<nn::ConvTranspose3dImpl>(nn::ConvTranspose3dOptions(c, r.units, k).groups(r.groups).bias(r.bias));
                });
                const depth_axis a = r.along_depth;
                s.run = [m, r, a](const ::torch::Tensor& x) {
                    return ::torch::conv_transpose3d(x, m->weight, m->bias, triple(a.stride, r.stride), triple(a.pad, r.pad),
                                                     triple(a.output_padding, r.output_padding), r.groups, triple(a.dilation, r.dilation));
                };
                break;
            }
            case kind::conv1d: {
                auto m = own<nn::Conv1dImpl>(r, node, owner, name, [&] {
                    return std::make_shared<nn::Conv1dImpl>(nn::Conv1dOptions(c, r.units, single(r.kernel)).groups(r.groups).bias(r.bias));
                });
                s.run = [m, r](const ::torch::Tensor& x) {
                    return ::torch::conv1d(x, m->weight, m->bias, single(r.stride), single(r.pad), single(r.dilation), r.groups);
                };
                break;
            }
            case kind::conv_transpose1d: {
                auto m = own<nn::ConvTranspose1dImpl>(r, node, owner, name, [&] {
                    return std::make_shared<nn::ConvTranspose1dImpl>(
                        nn::ConvTranspose1dOptions(c, r.units, single(r.kernel)).groups(r.groups).bias(r.bias));
                });
                s.run = [m, r](const ::torch::Tensor& x) {
                    return ::torch::conv_transpose1d(x, m->weight, m->bias, single(r.stride), single(r.pad), single(r.output_padding),
                                                     r.groups, single(r.dilation));
                };
                break;
            }
            case kind::dense: {
                const bool each = r.per_pixel || (l != layout::image && l != layout::volume);
                const std::int64_t inputs = each ? c : r.input_shape.elements();
                auto m = own<nn::LinearImpl>(r, node, owner, name, [&] {
                    return std::make_shared<nn::LinearImpl>(nn::LinearOptions(inputs, r.units).bias(r.bias));
                });
                if (r.per_pixel) s.run = [m, l](const ::torch::Tensor& x) { return channels_last(x, l, [&](const ::torch::Tensor& t) { return m->forward(t); }); };
                else s.run = [m, l](const ::torch::Tensor& x) { return m->forward(l == layout::image || l == layout::volume ? x.flatten(1) : x); };
                break;
            }
            case kind::batch_norm:  // by the input's rank, as PyTorch's: (N, C) and (N, C, L), images, volumes
                if (l == layout::image) batch_norm<nn::BatchNorm2dImpl>(s, node, owner, path, name);
                else if (l == layout::volume) batch_norm<nn::BatchNorm3dImpl>(s, node, owner, path, name);
                else batch_norm<nn::BatchNorm1dImpl>(s, node, owner, path, name);
                break;
            case kind::frozen_batch_norm: {
                auto m = own<frozen_batch_norm>(r, node, owner, name, [&] { return std::make_shared<frozen_batch_norm>(c, options_.batch_norm_eps); });
                s.run = [m](const ::torch::Tensor& x) { return m->forward(x); };
                if (first) eps_[path] = [m](double e) { m->eps = e; };
                break;
            }
            case kind::layer_norm: {
                auto m = own<nn::LayerNormImpl>(r, node, owner, name, [&] {
                    return std::make_shared<nn::LayerNormImpl>(nn::LayerNormOptions({c}).eps(options_.layer_norm_eps));
                });
                s.run = [m, l](const ::torch::Tensor& x) { return channels_last(x, l, [&](const ::torch::Tensor& t) { return m->forward(t); }); };
                if (first) eps_[path] = [m](double e) { m->options.eps(e); };
                break;
            }
            case kind::group_norm: {
                auto m = own<nn::GroupNormImpl>(r, node, owner, name, [&] {
                    return std::make_shared<nn::GroupNormImpl>(nn::GroupNormOptions(r.groups, c).eps(options_.group_norm_eps));
                });
                s.run = [m](const ::torch::Tensor& x) { return m->forward(x); };
                if (first) eps_[path] = [m](double e) { m->options.eps(e); };
                break;
            }
            case kind::instance_norm: {
                auto m = own<nn::InstanceNorm2dImpl>(r, node, owner, name, [&] {
                    return std::make_shared<nn::InstanceNorm2dImpl>(
                        nn::InstanceNorm2dOptions(c)
                            .affine((r.mode & netshape::detail::affine_bit) != 0)
                            .track_running_stats((r.mode & netshape::detail::running_stats_bit) != 0));
                });
                s.run = [m, l](const ::torch::Tensor& x) { return m->forward(as_image(x, l)); };
                if (first) eps_[path] = [m](double e) { m->options.eps(e); };
                break;
            }
            case kind::multi_head_attention: {
                auto m = own<attention>(r, node, owner, name, [&] { return std::make_shared<attention>(c, r.units, r.bias); });
                s.run = [m](const ::torch::Tensor& x) { return m->forward(x); };
                break;
            }
            case kind::window_attention:
            case kind::cosine_window_attention:
            case kind::grid_attention: {
                using G = grouped_attention;
                const G::variant v = r.kind == kind::cosine_window_attention ? G::variant::swin_v2
                                     : r.kind == kind::grid_attention || maxvit_windows_ ? G::variant::maxvit
                                                                                         : G::variant::swin;
                const G::grouping g = r.kind == kind::grid_attention ? G::grouping::grid : G::grouping::window;
                const bool shifted = (r.mode & netshape::detail::shifted_bit) != 0;
                auto m = own<G>(r, node, owner, name, [&] { return std::make_shared<G>(c, r.units, r.kernel, shifted, r.bias, v, g); });
                s.run = [m](const ::torch::Tensor& x) { return m->forward(x); };
                break;
            }
            case kind::layer_scale: {
                ::torch::Tensor gamma = own_parameter(r, node, owner, name,
                    ::torch::full(l == layout::image ? std::vector<std::int64_t>{c, 1, 1} : std::vector<std::int64_t>{c},
                                  options_.layer_scale_init));
                s.run = [gamma](const ::torch::Tensor& x) { return x * gamma; };
                break;
            }
            case kind::prelu: {  // nn.PReLU's weight: (num_parameters), applied along dimension 1
                ::torch::Tensor slopes = own_parameter(r, node, owner, name, ::torch::full({r.units}, options_.prelu_init));
                s.run = [slopes](const ::torch::Tensor& x) { return ::torch::prelu(x, slopes); };
                break;
            }
            case kind::class_token: {
                ::torch::Tensor token = mvit_tokens_
                    ? own_parameter(r, node, holder(r, owner), "class_token", ::torch::zeros({c}))
                    : own_parameter(r, node, owner, name, ::torch::zeros({1, 1, c}));
                s.run = [token, c](const ::torch::Tensor& x) {
                    return ::torch::cat({token.reshape({1, 1, c}).expand({x.size(0), -1, -1}), x}, 1);
                };
                break;
            }
            case kind::separable_position_embedding: {
                // torchvision's PositionalEncoding: spatial_pos (H·W, C), temporal_pos (T, C) and,
                // with a class token, class_pos (C), parameters of the module the leaf's name names.
                const dhw g = netshape::detail::grid_of(r);
                const std::int64_t extra = r.input_shape.width - g.depth * g.height * g.width;
                std::vector<::torch::Tensor> tables;
                if (r.repeat_of != no_node) {
                    const auto found = tables_.find(r.repeat_of);
                    if (found == tables_.end()) fail("the first use of the shared block of node " + std::to_string(node) + " has no tables");
                    tables = found->second;
                } else {
                    ::torch::nn::Module* m = holder(r, owner);
                    tables.push_back(m->register_parameter("spatial_pos", ::torch::empty({g.height * g.width, c}).normal_(0.0, 0.02)));
                    tables.push_back(m->register_parameter("temporal_pos", ::torch::empty({g.depth, c}).normal_(0.0, 0.02)));
                    if (extra > 0) tables.push_back(m->register_parameter("class_pos", ::torch::empty({c}).normal_(0.0, 0.02)));
                    tables_[node] = tables;
                }
                s.run = [tables, g, c](const ::torch::Tensor& x) {
                    // Each frame's time vector plus each position's space vector, frame by frame.
                    ::torch::Tensor table = ::torch::repeat_interleave(tables[1], g.height * g.width, 0) + tables[0].repeat({g.depth, 1});
                    if (tables.size() > 2) table = ::torch::cat({tables[2].reshape({1, c}), table}, 0);
                    return x + table.unsqueeze(0);
                };
                break;
            }
            case kind::multiscale_attention: {
                auto m = own<multiscale_attention>(r, node, owner, name, [&] { return std::make_shared<multiscale_attention>(r, options_.layer_norm_eps); });
                s.run = [m](const ::torch::Tensor& x) { return m->forward(x); };
                if (first)
                    for (const auto& [pool, which] : {std::pair{"pool_q", m->pool_q}, std::pair{"pool_k", m->pool_k}, std::pair{"pool_v", m->pool_v}}) {
                        if (!which) continue;
                        std::shared_ptr<::torch::nn::LayerNormImpl> norm = which->norm.ptr();
                        eps_[path + "." + pool + ".norm_act.0"] = [norm](double e) { norm->options.eps(e); };
                    }
                break;
            }
            case kind::position_embedding: {
                // position_embedding_of<L>'s table is L long, which its rule requires to be the sequence's.
                ::torch::Tensor table = own_parameter(r, node, owner, name, ::torch::empty({1, r.input_shape.length(), c}).normal_(0.0, 0.02));
                s.run = [table](const ::torch::Tensor& x) { return x + table; };
                break;
            }
            case kind::max_pool: case kind::avg_pool: case kind::adaptive_avg_pool: case kind::adaptive_max_pool:
            case kind::flatten: case kind::lrn: case kind::dropout: case kind::activation: case kind::identity:
            case kind::channel_shuffle: case kind::channel_slice: case kind::upsample: case kind::resize:
            case kind::pixel_shuffle: case kind::pixel_unshuffle: case kind::to_tokens: case kind::select_token:
            case kind::patch_merging: case kind::zero_pad: case kind::neg_inf_pad: case kind::max_pool3d: case kind::avg_pool3d:
            case kind::adaptive_avg_pool3d: case kind::adaptive_max_pool3d: case kind::max_pool1d: case kind::avg_pool1d:
            case kind::adaptive_avg_pool1d: case kind::grid_max_pool:
                break;  // no state: apply_leaf runs it
            default:
                fail(std::string("no libtorch counterpart for kind ") + name_of(r.kind) + " (" + path + ")");
        }
    }

    /// A batch_norm leaf as M (nn.BatchNorm1d, 2d or 3d), which takes the step's input as it is.
    template <class M>
    void batch_norm(step& s, std::size_t node, ::torch::nn::Module* owner, const std::string& path, const std::string& name) {
        const std::int64_t c = s.record.input_shape.channels;
        auto m = own<M>(s.record, node, owner, name, [&] {
            return std::make_shared<M>(::torch::nn::BatchNormOptions(c).eps(options_.batch_norm_eps).momentum(options_.batch_norm_momentum));
        });
        s.run = [m](const ::torch::Tensor& x) { return m->forward(x); };
        if (s.record.repeat_of == no_node) eps_[path] = [m](double e) { m->options.eps(e); };
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
            case kind::avg_pool:
                return ::torch::avg_pool2d(x, pair(r.kernel), pair(r.stride), pair(r.pad), r.ceil, counts_padding(r));
            // global_avg_pool and global_max_pool (adaptive to 1) on a volume or a signal: the 3-D and 1-D pools.
            case kind::adaptive_avg_pool:
                if (l == layout::volume) return ::torch::adaptive_avg_pool3d(x, {1, 1, 1});
                if (l == layout::signal) return ::torch::adaptive_avg_pool1d(x, {1});
                return ::torch::adaptive_avg_pool2d(x, pair(r.kernel));
            case kind::adaptive_max_pool:
                if (l == layout::volume) return std::get<0>(::torch::adaptive_max_pool3d(x, {1, 1, 1}));
                if (l == layout::signal) return std::get<0>(::torch::adaptive_max_pool1d(x, {1}));
                return std::get<0>(::torch::adaptive_max_pool2d(x, pair(r.kernel)));
            case kind::max_pool3d: {
                const depth_axis& a = r.along_depth;
                return ::torch::max_pool3d(x, triple(a.kernel, r.kernel), triple(a.stride, r.stride), triple(a.pad, r.pad),
                                           triple(a.dilation, r.dilation), r.ceil);
            }
            case kind::avg_pool3d: {
                const depth_axis& a = r.along_depth;
                return ::torch::avg_pool3d(x, triple(a.kernel, r.kernel), triple(a.stride, r.stride), triple(a.pad, r.pad), r.ceil,
                                           counts_padding(r));
            }
            case kind::adaptive_avg_pool3d: return ::torch::adaptive_avg_pool3d(x, triple(r.along_depth.kernel, r.kernel));
            case kind::adaptive_max_pool3d: return std::get<0>(::torch::adaptive_max_pool3d(x, triple(r.along_depth.kernel, r.kernel)));
            case kind::max_pool1d:
                return ::torch::max_pool1d(x, single(r.kernel), single(r.stride), single(r.pad), single(r.dilation), r.ceil);
            case kind::avg_pool1d:
                return ::torch::avg_pool1d(x, single(r.kernel), single(r.stride), single(r.pad), r.ceil, counts_padding(r));
            case kind::adaptive_avg_pool1d: return ::torch::adaptive_avg_pool1d(x, single(r.kernel));
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
            case kind::neg_inf_pad:
                return F::pad(x, F::PadFuncOptions({r.pad.width, r.output_padding.width, r.pad.height, r.output_padding.height})
                                     .value(-std::numeric_limits<double>::infinity()));
            case kind::to_tokens: return x.flatten(2).transpose(1, 2);
            case kind::patch_merging: {
                // torchvision's _patch_merging_pad: padded to an even size, then the 2×2
                // neighbourhoods' positions (0, 0), (1, 0), (0, 1), (1, 1) (row, column) concatenated.
                const ::torch::Tensor p = ::torch::constant_pad_nd(x, {0, x.size(3) % 2, 0, x.size(2) % 2});
                const auto at = [&](std::int64_t row, std::int64_t column) {
                    return p.slice(2, row, p.size(2), 2).slice(3, column, p.size(3), 2);
                };
                return ::torch::cat({at(0, 0), at(1, 0), at(0, 1), at(1, 1)}, 1);
            }
            case kind::select_token: return x.select(1, r.first < 0 ? x.size(1) + r.first : r.first);
            case kind::grid_max_pool: {
                // MViT's pool_skip: the grid's tokens (N, T·H·W, C) max-pooled as a volume, the class token kept in front.
                const dhw g = netshape::detail::grid_of(r);
                const std::int64_t n = x.size(0), c = x.size(2), extra = x.size(1) - g.depth * g.height * g.width;
                const depth_axis& a = r.along_depth;
                const ::torch::Tensor grid = x.narrow(1, extra, x.size(1) - extra).transpose(1, 2).reshape({n, c, g.depth, g.height, g.width});
                const ::torch::Tensor pooled = ::torch::max_pool3d(grid, triple(a.kernel, r.kernel), triple(a.stride, r.stride), triple(a.pad, r.pad));
                return ::torch::cat({x.narrow(1, 0, extra), pooled.flatten(2).transpose(1, 2)}, 1);
            }
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
        layout current = input_layout_;
        for (const step& s : steps_) {
            const layer_record& r = s.record;
            switch (r.kind) {
                case kind::block_begin:
                case kind::block_end: break;
                case kind::merge_begin:
                    // A side output takes its place when its output<> begins: an output<> nested in
                    // another's branch comes after it (netshape's order, output_shapes<Net>).
                    merges.push_back({r.how, x, current, {}, {}, current, false, outputs.size()});
                    if (r.how == merge::output) outputs.emplace_back();
                    break;
                case kind::branch: {
                    open_merge& m = merges.back();
                    if (m.started) m.done.push_back(x), m.done_in.push_back(current);
                    m.started = true;
                    x = m.input;
                    current = m.in;
                    break;
                }
                case kind::merge_end: {
                    open_merge& m = merges.back();
                    m.done.push_back(x);
                    m.done_in.push_back(current);
                    // Branches that end in a sequence's two layouts meet in the last one's (as built).
                    for (std::size_t b = 0; b < m.done.size(); ++b) m.done[b] = relayout(m.done[b], m.done_in[b], current);
                    if (m.how == merge::output) {
                        outputs[m.slot] = m.done.front();
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
                    x = apply_leaf(s, relayout(x, current, s.in));
                    current = layout_after(r.kind, r, s.in);
                    break;
            }
        }
        outputs.push_back(x);
        return outputs;
    }

    shape input_;
    layout input_layout_ = layout::image;  // the input's layout (a sequence's: input_sizes)
    options options_;
    std::vector<step> steps_;
    std::map<std::string, std::function<void(double)>> eps_;  // each norm's epsilon, by path
    std::map<std::size_t, std::shared_ptr<::torch::nn::Module>> modules_;  // each leaf's module, by node
    std::map<std::size_t, ::torch::Tensor> parameters_;  // each leaf's parameter (layer_scale ...), by node
    bool maxvit_windows_ = false;  // window_attention is MaxViT's (options::window_attention)
    bool mvit_tokens_ = false;     // class_token is MViT's (options::class_token)
    std::map<std::size_t, std::vector<::torch::Tensor>> tables_;  // separable_position_embedding's, by node
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
