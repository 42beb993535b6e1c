#!/usr/bin/env python3
"""Measures torchvision's MViT modules (torchvision.models.video.mvit: MultiscaleAttention, Pool with
nn.MaxPool3d, PositionalEncoding) on token grids of unusual sizes and writes
tests/data/pytorch_multiscale.hpp, which tests/test_multiscale.cpp compares netshape's
multiscale_attention, grid_max_pool and separable_position_embedding against
(tests/zoo_reference_multiscale.cmake checks that the committed header is what this script writes).

Run with Debian's python3 (python3-torch, python3-torchvision):
    /usr/bin/python3 tools/pytorch_multiscale_reference.py [--out FILE]

Every module is called as MViT calls it, on a sequence (1, 1 + T*H*W, C) (token 0 the class token)
and its grid (T, H, W). Figures, each what PyTorch returned:
  weights   elements of the module's parameters whose name does not end in "bias" (linear and
            convolution weights, layer norm weights, rel_pos_h/w/t, the position tables)
  biases    elements of those whose name ends in "bias"
  length    the output sequence's length (class token included); channels its last dimension
  grid      the grid the module returns (T, H, W)
  macs      tools/pytorch_macs.py's measurement of the call: PyTorch's profiler over every matrix
            product (aten::mm, addmm, bmm, baddbmm: the linears, Q.K^T, A.V, the relative position
            einsums and matmul), plus forward hooks for the Conv3d poolings
Exit status: 0 written, 1 failure, 2 usage, 77 torch or torchvision missing.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netshape_script import ROOT, require  # noqa: E402

# MultiscaleAttention: grid (T, H, W), embed_dim, output_dim, heads, kernel_q, stride_q, kernel_kv,
# stride_kv, residual_pool, rel_pos_embed. A kernel and stride of (1, 1, 1): that projection is not pooled.
ATTENTION = [
    ((8, 56, 56), 96, 96, 1, (3, 3, 3), (1, 1, 1), (3, 3, 3), (1, 8, 8), True, True),   # mvit_v2_s's first
    ((3, 7, 5), 12, 18, 3, (3, 3, 3), (1, 2, 2), (3, 3, 3), (1, 2, 3), True, True),
    ((2, 9, 6), 10, 10, 2, (1, 3, 3), (2, 2, 2), (3, 1, 3), (1, 3, 2), True, True),
    ((5, 4, 7), 8, 16, 4, (3, 3, 3), (1, 1, 1), (3, 3, 3), (1, 1, 1), False, True),
    ((4, 6, 6), 12, 12, 2, (1, 1, 1), (1, 1, 1), (3, 3, 3), (1, 2, 2), False, False),  # v1's unpooled queries
    ((3, 5, 8), 6, 9, 3, (3, 3, 3), (1, 2, 2), (1, 1, 1), (1, 1, 1), False, False),    # no key/value pool
    ((1, 3, 3), 4, 4, 1, (1, 1, 1), (1, 1, 1), (1, 1, 1), (1, 1, 1), True, False),     # no pool at all
    ((6, 5, 5), 16, 8, 2, (5, 3, 3), (3, 2, 1), (2, 2, 3), (2, 2, 2), False, False),   # even kernels
    # Axes of one element in the relative position terms (the einsums still reach bmm).
    ((2, 2, 2), 8, 8, 2, (3, 3, 3), (1, 1, 1), (3, 3, 3), (1, 2, 2), True, True),
    ((1, 1, 1), 8, 8, 2, (1, 1, 1), (1, 1, 1), (1, 1, 1), (1, 1, 1), True, True),
    ((3, 1, 5), 8, 8, 2, (3, 3, 3), (1, 1, 1), (3, 3, 3), (1, 1, 2), True, True),
]

# Pool(nn.MaxPool3d(kernel, stride, padding), None): grid, channels, kernel, stride, padding.
POOLS = [
    ((8, 56, 56), 96, (1, 3, 3), (1, 2, 2), (0, 1, 1)),
    ((5, 9, 7), 3, (3, 3, 3), (2, 2, 3), (1, 1, 1)),
    ((3, 4, 11), 5, (2, 1, 4), (1, 1, 2), (1, 0, 2)),
    ((2, 2, 2), 1, (1, 1, 1), (1, 1, 1), (0, 0, 0)),
]

# PositionalEncoding(embed_size, spatial_size=(H, W), temporal_size=T, rel_pos_embed=False): grid, channels.
POSITIONS = [((8, 56, 56), 96), ((3, 5, 7), 11), ((1, 1, 1), 2)]


def split(module):
    weights = sum(p.numel() for n, p in module.named_parameters() if not n.endswith("bias"))
    biases = sum(p.numel() for n, p in module.named_parameters() if n.endswith("bias"))
    return weights, biases


def call(torch, macs, module, grid, channels, with_grid=True):
    t, h, w = grid
    x = torch.zeros(1, 1 + t * h * w, channels)
    with torch.no_grad():
        if with_grid:
            (y, thw), m = macs.measure(module, lambda: module(x, grid))
        else:
            y, m = macs.measure(module, lambda: module(x))
            thw = grid
    return list(y.shape[1:]) + list(thw), m


def measure(torch, mvit, macs):
    attention, pools, positions = [], [], []
    for grid, c_in, d, heads, kq, sq, kkv, skv, residual, rel in ATTENTION:
        torch.manual_seed(0)
        m = mvit.MultiscaleAttention(list(grid), c_in, d, heads, list(kq), list(kkv), list(sq), list(skv),
                                     residual_pool=residual, residual_with_cls_embed=True, rel_pos_embed=rel).eval()
        (length, channels, *thw), n = call(torch, macs, m, grid, c_in)
        attention.append((grid, c_in, d, heads, kq, sq, kkv, skv, residual, rel) + split(m) + (length, channels, thw, n))
    for grid, c, k, s, p in POOLS:
        m = mvit.Pool(torch.nn.MaxPool3d(k, stride=s, padding=p), None).eval()
        (length, channels, *thw), n = call(torch, macs, m, grid, c)
        pools.append((grid, c, k, s, p) + split(m) + (length, channels, thw, n))
    for grid, c in POSITIONS:
        t, h, w = grid
        m = mvit.PositionalEncoding(c, (h, w), t, rel_pos_embed=False).eval()
        x = torch.zeros(1, t * h * w, c)
        with torch.no_grad():
            y, n = macs.measure(m, lambda: m(x))
        positions.append((grid, c) + split(m) + (y.shape[1], y.shape[2], list(grid), n))
    return attention, pools, positions


def write(path, torch, torchvision, attention, pools, positions):
    def d(v):
        return "{%d, %d, %d}" % tuple(v)

    def b(v):
        return "true" if v else "false"

    out = [
        "// tests/data/pytorch_multiscale.hpp: GENERATED by tools/pytorch_multiscale_reference.py; do not edit.",
        f"// Measured with torch {torch.__version__} and torchvision {torchvision.__version__}: torchvision's",
        "// MultiscaleAttention, Pool(MaxPool3d) and PositionalEncoding on a class token and a T x H x W grid.",
        "#pragma once",
        "",
        "#include <cstdint>",
        "",
        "namespace pytorch_multiscale {",
        "",
        "struct thw {",
        "    std::int64_t t, h, w;",
        "};",
        "",
        "/// What the module returned: weights, biases, output length (class token included), channels,",
        "/// grid, MACs.",
        "struct figures {",
        "    std::int64_t weights, biases, length, channels;",
        "    thw grid;",
        "    std::int64_t macs;",
        "};",
        "",
        "struct attention_case {",
        "    thw grid;",
        "    std::int64_t in, out, heads;",
        "    thw kernel_q, stride_q, kernel_kv, stride_kv;",
        "    bool residual_pool, relative_position;",
        "    figures measured;",
        "};",
        "",
        "struct pool_case {",
        "    thw grid;",
        "    std::int64_t channels;",
        "    thw kernel, stride, pad;",
        "    figures measured;",
        "};",
        "",
        "struct position_case {",
        "    thw grid;",
        "    std::int64_t channels;",
        "    figures measured;",
        "};",
        "",
    ]

    def fig(weights, biases, length, channels, grid, macs):
        return "{%d, %d, %d, %d, %s, %d}" % (weights, biases, length, channels, d(grid), macs)

    out.append("inline constexpr attention_case attention[] = {")
    for grid, c_in, dd, heads, kq, sq, kkv, skv, residual, rel, wt, bs, ln, ch, thw, n in attention:
        out.append("    {%s, %d, %d, %d, %s, %s, %s, %s, %s, %s, %s}," % (
            d(grid), c_in, dd, heads, d(kq), d(sq), d(kkv), d(skv), b(residual), b(rel), fig(wt, bs, ln, ch, thw, n)))
    out.append("};")
    out.append("")
    out.append("inline constexpr pool_case pools[] = {")
    for grid, c, k, s, p, wt, bs, ln, ch, thw, n in pools:
        out.append("    {%s, %d, %s, %s, %s, %s}," % (d(grid), c, d(k), d(s), d(p), fig(wt, bs, ln, ch, thw, n)))
    out.append("};")
    out.append("")
    out.append("inline constexpr position_case positions[] = {")
    for grid, c, wt, bs, ln, ch, thw, n in positions:
        out.append("    {%s, %d, %s}," % (d(grid), c, fig(wt, bs, ln, ch, thw, n)))
    out.append("};")
    out.append("")
    out.append("}  // namespace pytorch_multiscale")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "pytorch_multiscale.hpp"),
                    help="header to write (default: tests/data/pytorch_multiscale.hpp)")
    out_path = ap.parse_args(argv).out
    torch, torchvision = require("torch", "torchvision")
    from torchvision.models.video import mvit
    import pytorch_macs as macs
    torch.set_num_threads(1)
    attention, pools, positions = measure(torch, mvit, macs)
    write(out_path, torch, torchvision, attention, pools, positions)
    print("wrote %s: %d attentions, %d pools, %d position encodings" % (out_path, len(attention), len(pools),
                                                                          len(positions)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
