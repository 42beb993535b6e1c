#!/usr/bin/env python3
"""Measures torchvision's Vision Transformers, Swin Transformers (V1 and V2) and MaxViT, PyTorch's
nn.MultiheadAttention and torchvision's window attentions, and writes tests/data/vit_reference.hpp,
which tests/test_zoo_vit.cpp and tests/test_zoo_swin.cpp (MaxViT too) compare netshape against
(tests/zoo_reference_vit.cmake checks that the committed header is what this script writes today).

Run with Debian's python3 (python3-torch, python3-torchvision):
    /usr/bin/python3 tools/vit_reference.py [--out FILE] [--real]

Every figure is what PyTorch returned, or -1 where PyTorch raised an error:
  params   elements of the module's parameters (ViT: conv_proj, class_token, pos_embedding, ...)
  buffers  elements of its buffers, except batch norm's num_batches_tracked counters (as netshape
           and tools/torchvision_reference.py count them)
  output   the output's elements for one example (a vector of classes)
  macs     PyTorch's profiler (torch.profiler.profile(with_flops=True)) on one forward pass of one
           example in eval mode under torch.no_grad, as tools/pytorch_macs.py measures it (the
           convention of docs/figures.md, shared with tools/torchvision_reference.py): the FLOPs of
           every matrix product (aten::conv2d, mm, addmm, bmm, baddbmm), halved, plus forward hooks
           for the convolutions the profiler does not count (1-D, 3-D, transposed: none here).
           Elementwise ops (aten::add, aten::mul) are not counted. nn.MultiheadAttention
           without biases runs with autograd on (torch 1.13's fast path refuses bias=False).
  buffers of Swin: every relative_position_index (V2 also relative_coords_table), as buffers() and
           state_dict() hold them (the script fails if the two disagree)
  tensors  for swin_t, swin_v2_t and maxvit_t: every parameter and buffer by its qualified name and
           elements (state_dict's names), so that each layer's counts are checked by its path
The attention grids and the small models run on CPU tensors. The torchvision models are
measured with the same profiler on the `meta` device (shapes only, no arithmetic: the profiler's
FLOPs depend only on the shapes), which takes seconds instead of minutes; vit_b_32 and swin_t are
measured both ways and the script fails if they differ. --real measures every model on CPU tensors.
Exit status: 0 written, 1 failure, 2 usage, 77 torch or torchvision missing.
"""
import argparse
import itertools
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netshape_script import ROOT, require  # noqa: E402
import pytorch_macs  # noqa: E402

# nn.MultiheadAttention(width, heads, bias=bias) on a sequence of `length` tokens.
A_LENGTHS = [1, 3, 7, 50]
A_WIDTHS = [8, 12, 48, 64]
A_HEADS = [1, 2, 3, 4, 5, 8]

# torchvision's builders at their defaults: (name, patch, layers, heads, hidden, mlp).
MODELS = [("vit_b_16", 16, 12, 12, 768, 3072), ("vit_b_32", 32, 12, 12, 768, 3072),
          ("vit_l_16", 16, 24, 16, 1024, 4096), ("vit_l_32", 32, 24, 16, 1024, 4096),
          ("vit_h_14", 14, 32, 16, 1280, 5120)]
# VisionTransformer(image_size, patch_size, num_layers, num_heads, hidden_dim, mlp_dim, num_classes=...).
SMALL = [("vit_small", 64, 8, 4, 3, 192, 768, 10), ("vit_no_layers", 32, 8, 0, 1, 12, 4, 5),
         ("vit_one_layer", 30, 10, 1, 2, 6, 7, 3)]

# torchvision's Swin builders at their defaults: (name, image, patch, embed, depths, heads, window).
SWIN_MODELS = [("swin_t", 224, 4, 96, [2, 2, 6, 2], [3, 6, 12, 24], 7),
               ("swin_s", 224, 4, 96, [2, 2, 18, 2], [3, 6, 12, 24], 7),
               ("swin_b", 224, 4, 128, [2, 2, 18, 2], [4, 8, 16, 32], 7),
               ("swin_v2_t", 256, 4, 96, [2, 2, 6, 2], [3, 6, 12, 24], 8),
               ("swin_v2_s", 256, 4, 96, [2, 2, 18, 2], [3, 6, 12, 24], 8),
               ("swin_v2_b", 256, 4, 128, [2, 2, 18, 2], [4, 8, 16, 32], 8)]
# SwinTransformer(patch_size=[p, p], embed_dim, depths, num_heads, window_size=[w, w], num_classes)
# at unusual sizes: images the windows do not divide (padded), one not square, windows larger than a stage's map,
# three and one stages; v2: block=SwinTransformerBlockV2, downsample_layer=PatchMergingV2.
SWIN_SMALL = [("swin_small", False, (100, 100), 4, 24, [2, 2, 1], [1, 2, 4], 5, 10),
              ("swin_one_stage", False, (30, 30), 3, 16, [3], [2], 4, 7),
              ("swin_v2_small", True, (90, 70), 3, 12, [1, 3], [3, 2], 6, 5),
              ("swin_v2_one_stage", True, (20, 20), 2, 8, [2], [4], 3, 4)]
# ShiftedWindowAttention(V2)(dim, window, shift = window // 2, heads, qkv_bias, proj_bias) on H×W×dim.
W_SIZES = [(7, 7), (5, 9), (10, 3)]
W_DIMS = [6, 12]
W_HEADS = [1, 2, 4]
W_WINDOWS = [(7, 7), (3, 3), (2, 4), (8, 8)]
# MaxVit(input_size, stem_channels, partition_size, block_channels, block_layers, head_dim,
# stochastic_depth_prob, num_classes) at unusual sizes; maxvit_t is its builder at 224×224. Square only:
# torchvision's grid partition takes the height's count of partitions for both axes, so on H ≠ W its
# assertion or its position bias fails.
MAXVIT_SMALL = [("maxvit_small", (96, 96), 16, 4, [32, 48], [1, 2], 16, 10),
                ("maxvit_one_block", (60, 60), 8, 3, [24], [3], 8, 5)]
# torchvision's RelativePositionalMultiHeadAttention(dim, head_dim, partition²) on (1, groups, partition², dim).
R_DIMS = [8, 24, 48]
R_HEAD_DIMS = [4, 8, 16, 5]
R_PARTITIONS = [1, 3, 7]
R_GROUPS = [1, 6]


def macs(module, x, grad=False):
    """tools/pytorch_macs.py's MACs of module(x) in eval mode."""
    module.eval()
    return pytorch_macs.measure(module, lambda: module(x), grad)[1]


# The models whose every parameter and buffer is written by name.
TENSOR_MODELS = ["swin_t", "swin_v2_t", "maxvit_t"]


def tensors_of(model):
    """(qualified name, elements, is a parameter) of every parameter and buffer, in state_dict's order."""
    parameters = {name for name, _ in model.named_parameters()}
    return [(name, int(v.numel()), name in parameters) for name, v in model.state_dict().items()
            if not name.endswith("num_batches_tracked")]


def measure_model(torch, model, size, device):
    """size: the image's side, or (height, width)."""
    height, width = size if isinstance(size, tuple) else (size, size)
    model = model.to(device)
    params = sum(int(p.numel()) for p in model.parameters())
    buffers = sum(int(b.numel()) for name, b in model.named_buffers() if not name.endswith("num_batches_tracked"))
    state = sum(int(v.numel()) for name, v in model.state_dict().items() if not name.endswith("num_batches_tracked"))
    assert state == params + buffers, "state_dict holds %d elements, parameters and buffers %d" % (state, params + buffers)
    x = torch.zeros(1, 3, height, width, device=device)
    with torch.no_grad():
        out = model(x)
    return [height, width, 3, params, buffers, int(out[0].numel()), macs(model, x)]


class SelfAttention:
    """nn.MultiheadAttention called as torchvision's EncoderBlock calls it."""

    def __init__(self, torch, width, heads, bias):
        self.m = torch.nn.MultiheadAttention(width, heads, bias=bias, batch_first=True)

    def eval(self):
        self.m.eval()

    def modules(self):  # what tools/pytorch_macs.py hooks
        return self.m.modules()

    def __call__(self, x):
        return self.m(x, x, x, need_weights=False)[0]


def attention_cases(torch):
    rows = []
    for length, width, heads, bias in itertools.product(A_LENGTHS, A_WIDTHS, A_HEADS, [True, False]):
        try:
            a = SelfAttention(torch, width, heads, bias)
        except (AssertionError, RuntimeError, ValueError):
            rows.append([length, width, heads, bias, -1, -1, -1])
            continue
        # torch 1.13's inference fast path fails without biases (qkv_bias must be a Tensor): those
        # run with autograd on, which takes the general path (the same matrix products).
        x = torch.zeros(1, length, width)
        with torch.set_grad_enabled(not bias):
            y = a(x)
        assert tuple(y.shape) == (1, length, width)
        params = sum(int(p.numel()) for p in a.m.parameters())
        buffers = sum(int(b.numel()) for b in a.m.buffers())
        rows.append([length, width, heads, bias, params, buffers, macs(a, x, grad=not bias)])
    return rows


def window_attention_cases(torch, torchvision):
    """torchvision's ShiftedWindowAttention and ShiftedWindowAttentionV2 on one H×W×dim map."""
    st = torchvision.models.swin_transformer
    rows = []
    for v2, (h, w), dim, heads, window, bias in itertools.product(
            [False, True], W_SIZES, W_DIMS, W_HEADS, W_WINDOWS, [True, False]):
        kind = st.ShiftedWindowAttentionV2 if v2 else st.ShiftedWindowAttention
        a = kind(dim, list(window), [window[0] // 2, window[1] // 2], heads, qkv_bias=bias, proj_bias=bias)
        x = torch.zeros(1, h, w, dim)
        try:
            with torch.no_grad():
                y = a(x)
        except RuntimeError:  # heads not dividing dim: the reshape into heads fails
            rows.append([v2, h, w, dim, heads, window[0], window[1], bias, -1, -1, -1])
            continue
        assert tuple(y.shape) == (1, h, w, dim)
        params = sum(int(p.numel()) for p in a.parameters())
        buffers = sum(int(b.numel()) for b in a.buffers())
        rows.append([v2, h, w, dim, heads, window[0], window[1], bias, params, buffers, macs(a, x)])
    return rows


def relative_attention_cases(torch, torchvision):
    """MaxViT's RelativePositionalMultiHeadAttention on `groups` windows (or grids) of partition² positions."""
    mv = torchvision.models.maxvit
    rows = []
    for dim, head_dim, partition, groups in itertools.product(R_DIMS, R_HEAD_DIMS, R_PARTITIONS, R_GROUPS):
        try:
            a = mv.RelativePositionalMultiHeadAttention(dim, head_dim, partition * partition)
        except ValueError:  # head_dim not dividing dim
            rows.append([dim, head_dim, partition, groups, -1, -1, -1])
            continue
        x = torch.zeros(1, groups, partition * partition, dim)
        with torch.no_grad():
            y = a(x)
        assert tuple(y.shape) == tuple(x.shape)
        params = sum(int(p.numel()) for p in a.parameters())
        buffers = sum(int(b.numel()) for b in a.buffers())
        rows.append([dim, head_dim, partition, groups, params, buffers, macs(a, x)])
    return rows


def write(out_path, torch, torchvision, attention, windows, relative, models, tensors):
    with open(out_path, "w") as f:
        f.write("// Generated by tools/vit_reference.py with torch %s, torchvision %s: do not edit.\n"
                % (torch.__version__, torchvision.__version__))
        f.write("// What PyTorch returned (-1: PyTorch raised an error); MACs: the profiler's matrix-product FLOPs / 2.\n")
        f.write("#pragma once\n\n#include <netshape/shape.hpp>\n\nnamespace vit_reference {\n\nusing netshape::count_t;\n\n")
        f.write("// nn.MultiheadAttention(width, heads, bias=bias, batch_first=True)(x, x, x, need_weights=False)\n"
                "// on one sequence of `length` tokens.\n"
                "struct attention_case {\n    count_t length, width, heads;\n    bool bias;\n"
                "    count_t params, buffers, macs;\n};\n\n")
        f.write("inline constexpr attention_case attention[] = {\n")
        for row in attention:
            f.write("    {%d, %d, %d, %s, %d, %d, %d},\n" % (row[0], row[1], row[2], "true" if row[3] else "false",
                                                          row[4], row[5], row[6]))
        f.write("};\n\n")
        f.write("// torchvision.models.swin_transformer.ShiftedWindowAttention (v2: ShiftedWindowAttentionV2)(dim,\n"
                "// [wh, ww], [wh // 2, ww // 2], heads, qkv_bias=bias, proj_bias=bias) on one height×width×dim map.\n"
                "struct window_case {\n    bool v2;\n    count_t height, width, dim, heads, window_height, window_width;\n"
                "    bool bias;\n    count_t params, buffers, macs;\n};\n\n")
        f.write("inline constexpr window_case windows[] = {\n")
        for row in windows:
            f.write("    {%s, %d, %d, %d, %d, %d, %d, %s, %d, %d, %d},\n" % tuple(
                ("true" if v else "false") if isinstance(v, bool) else v for v in row))
        f.write("};\n\n")
        f.write("// torchvision.models.maxvit.RelativePositionalMultiHeadAttention(dim, head_dim, partition²) on\n"
                "// `groups` windows of partition×partition positions, (1, groups, partition², dim).\n"
                "struct relative_case {\n    count_t dim, head_dim, partition, groups, params, buffers, macs;\n};\n\n")
        f.write("inline constexpr relative_case relative[] = {\n")
        for row in relative:
            f.write("    {%s},\n" % ", ".join(str(v) for v in row))
        f.write("};\n\n")
        f.write("// A torchvision VisionTransformer, SwinTransformer or MaxVit on one height×width×channels image: parameters, buffers, the\n"
                "// output's elements (its classes) and MACs.\n"
                "struct model {\n    const char* name;\n    count_t height, width, channels, params, buffers, outputs, macs;\n};\n\n")
        for name, row, what in models:
            f.write("// %s\ninline constexpr model %s{\"%s\", %s};\n" % (what, name, name, ", ".join(str(v) for v in row)))
        f.write("\n// Every parameter and buffer of a model by its qualified name (state_dict's; batch norm's\n"
                "// num_batches_tracked left out), its elements, and whether it is a parameter.\n"
                "struct tensor {\n    const char* name;\n    count_t elements;\n    bool parameter;\n};\n")
        for name, rows in tensors:
            f.write("\ninline constexpr tensor %s_tensors[] = {\n" % name)
            for tname, elements, parameter in rows:
                f.write("    {\"%s\", %d, %s},\n" % (tname, elements, "true" if parameter else "false"))
            f.write("};\n")
        f.write("\n}  // namespace vit_reference\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "vit_reference.hpp"),
                    help="header to write (default: tests/data/vit_reference.hpp)")
    ap.add_argument("--real", action="store_true", help="measure every model on CPU tensors, not on `meta`")
    args = ap.parse_args(argv)
    torch, torchvision = require("torch", "torchvision")
    torch.set_num_threads(1)
    torch.manual_seed(0)
    vt = torchvision.models.vision_transformer
    models = []
    for name, patch, layers, heads, hidden, mlp in MODELS:
        row = measure_model(torch, getattr(torchvision.models, name)(), 224, "cpu" if args.real else "meta")
        if name == "vit_b_32" and not args.real:
            real = measure_model(torch, torchvision.models.vit_b_32(), 224, "cpu")
            if real != row:
                print("vit_b_32 on meta %s, on cpu %s" % (row, real), file=sys.stderr)
                return 1
        models.append((name, row, "torchvision.models.%s() (patch %d, %d layers, %d heads, width %d, MLP %d)"
                       % (name, patch, layers, heads, hidden, mlp)))
    for name, size, patch, layers, heads, hidden, mlp, classes in SMALL:
        model = vt.VisionTransformer(size, patch, layers, heads, hidden, mlp, num_classes=classes)
        models.append((name, measure_model(torch, model, size, "cpu"),
                       "VisionTransformer(%d, %d, %d, %d, %d, %d, num_classes=%d)"
                       % (size, patch, layers, heads, hidden, mlp, classes)))
    tensors = []
    for name in TENSOR_MODELS:
        tensors.append((name, tensors_of(getattr(torchvision.models, name)())))
    for name, size, patch, embed, depths, heads, window in SWIN_MODELS:
        row = measure_model(torch, getattr(torchvision.models, name)(), size, "cpu" if args.real else "meta")
        if name == "swin_t" and not args.real:
            real = measure_model(torch, torchvision.models.swin_t(), size, "cpu")
            if real != row:
                print("swin_t on meta %s, on cpu %s" % (row, real), file=sys.stderr)
                return 1
        models.append((name, row, "torchvision.models.%s() on %d×%d (patch %d, embed %d, depths %s, heads %s, window %d)"
                       % (name, size, size, patch, embed, depths, heads, window)))
    st = torchvision.models.swin_transformer
    for name, v2, size, patch, embed, depths, heads, window, classes in SWIN_SMALL:
        extra = dict(block=st.SwinTransformerBlockV2, downsample_layer=st.PatchMergingV2) if v2 else {}
        model = st.SwinTransformer([patch, patch], embed, depths, heads, [window, window], num_classes=classes, **extra)
        models.append((name, measure_model(torch, model, size, "cpu"),
                       "SwinTransformer([%d, %d], %d, %s, %s, [%d, %d], num_classes=%d%s) on %d×%d"
                       % ((patch, patch, embed, depths, heads, window, window, classes,
                           ", block=SwinTransformerBlockV2, downsample_layer=PatchMergingV2" if v2 else "") + size)))
    models.append(("maxvit_t", measure_model(torch, torchvision.models.maxvit_t(), 224, "cpu" if args.real else "meta"),
                   "torchvision.models.maxvit_t() on 224×224 (stem 64, partition 7, channels [64, 128, 256, 512], "
                   "layers [2, 2, 5, 2], head_dim 32)"))
    mv = torchvision.models.maxvit
    for name, size, stem, partition, channels, layers, head_dim, classes in MAXVIT_SMALL:
        model = mv.MaxVit(size, stem, partition, channels, layers, head_dim, 0.2, num_classes=classes)
        models.append((name, measure_model(torch, model, size, "cpu"),
                       "MaxVit((%d, %d), %d, %d, %s, %s, %d, 0.2, num_classes=%d)"
                       % (size + (stem, partition, channels, layers, head_dim, classes))))
    attention = attention_cases(torch)
    windows = window_attention_cases(torch, torchvision)
    relative = relative_attention_cases(torch, torchvision)
    write(args.out, torch, torchvision, attention, windows, relative, models, tensors)
    print("wrote %s: %d attention configurations (%d rejected by PyTorch), %d window attentions (%d rejected), "
          "%d relative attentions (%d rejected), %d models"
          % (args.out, len(attention), sum(1 for r in attention if r[4] < 0), len(windows),
             sum(1 for r in windows if r[8] < 0), len(relative), sum(1 for r in relative if r[4] < 0), len(models)),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
