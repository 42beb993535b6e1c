#!/usr/bin/env python3
"""Measures PyTorch's modules for the layer kinds of issue 13 and writes tests/data/pytorch_kinds.hpp,
which tests/test_pytorch_kinds.cpp compares netshape against (tests/zoo_reference.cmake checks
that the committed header is what this script writes today).

Run with Debian's python3 (python3-torch): /usr/bin/python3 tools/pytorch_kind_reference.py [--out FILE]

Every figure is what PyTorch returned, or -1 where PyTorch raised an error:
  output   the output tensor's height and width (and channels) for a zero input of one image
  weights  elements of the module's `weight` parameter (0 without one)
  biases   elements of its `bias` parameter
  buffers  elements of its buffers except num_batches_tracked (as batch norm's, docs/figures.md)
  macs     conv_transpose2d: input positions x elements of the weight PyTorch allocated
           (every input element meets every tap of its group's filters once)
  span     the input positions one output reads on an axis (pixel (un)shuffle: input rows, over
           every channel and column), away from the edges: a batch of one-hot
           inputs (row i is input position i) through the layer with positive weights; for each
           output, the distance between the first and last input with a nonzero effect, plus one;
           the widest over the outputs that do not touch the edges
  prelu    nn.PReLU(num_parameters)'s weight, and whether its forward accepts the channels; selu,
           softplus, celu, thresholded_relu (nn.Threshold(1, 0)): no parameters, shape unchanged
  zero_pad nn.ZeroPad2d's output size (negative counts crop), and that its output holds the input's
           kept elements and zeros only
  neg_inf_pad  F.pad(value=-inf)'s output size (negative counts crop), then nn.MaxPool2d's on it (the
           ONNX MaxPool with unequal pads that onnx2netshape writes so), and whether every output of
           the pool is finite (no window of padding alone); nn.AvgPool2d's output size with
           count_include_pad=False (exclude_pad), which must equal its size with True
  jump     upsample and resize: the distance in input positions between neighbouring outputs, as
           a fraction: the mean input position an output reads (weighted by PyTorch's weights),
           over one period of the map (outputs o and o + P, P the outputs after which the map
           repeats), divided by P; spans and jumps are measured in 1-D (F.interpolate's "linear" is
           bilinear's one axis) on sizes scaled up so that outputs clear of the edges exist
Exit status: 0 written, 1 failure, 2 usage, 77 torch missing.
"""
import argparse
import fractions
import itertools
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netshape_script import ROOT, require  # noqa: E402

# conv_transpose2d, per axis: (input, kernel, stride, padding, output padding, dilation).
T_SIZES = [1, 2, 3, 5, 7]
T_KERNELS = [1, 2, 3, 4, 5]
T_STRIDES = [1, 2, 3]
T_PADS = [0, 1, 2]
T_OUTPUT_PADS = [0, 1, 2]
T_DILATIONS = [1, 2]
# (in_channels, filters, groups, bias), cycled through the grid.
T_CHANNELS = [(1, 1, 1, True), (4, 6, 2, False), (6, 4, 2, True), (3, 9, 3, True), (4, 4, 4, False), (2, 5, 1, True)]


def transposed_axes():
    return [dict(n=n, k=k, s=s, p=p, op=op, d=d) for n, k, s, p, op, d in
            itertools.product(T_SIZES, T_KERNELS, T_STRIDES, T_PADS, T_OUTPUT_PADS, T_DILATIONS)]


def elements(t):
    return int(t.numel()) if t is not None else 0


def measure_transposed(torch, h, w, channels):
    c, f, g, bias = channels
    try:
        m = torch.nn.ConvTranspose2d(c, f, (h["k"], w["k"]), stride=(h["s"], w["s"]), padding=(h["p"], w["p"]),
                                     output_padding=(h["op"], w["op"]), groups=g, bias=bias,
                                     dilation=(h["d"], w["d"]))
        with torch.no_grad():
            y = m(torch.zeros(1, c, h["n"], w["n"]))
    except (RuntimeError, ValueError):
        return None
    weight = elements(m.weight)
    return dict(out_h=y.shape[2], out_w=y.shape[3], weights=weight, biases=elements(m.bias),
                macs=h["n"] * w["n"] * weight)


def widest_span(torch, layer, n):
    """The input positions one output reads through `layer` (1-D: a (batch, 1, n) -> (batch, 1, m)
    function), the widest over outputs whose inputs stay clear of both edges."""
    with torch.no_grad():
        y = layer(torch.eye(n).reshape(n, 1, n))  # row i: input position i set
    reach = (y.reshape(n, -1).abs() > 1e-9)  # reach[i, o]: input i affects output o
    widest = 0
    for o in range(reach.shape[1]):
        seen = [i for i in range(n) if reach[i, o]]
        if seen and seen[0] > 0 and seen[-1] < n - 1:
            widest = max(widest, seen[-1] - seen[0] + 1)
    return widest


def transposed_spans(torch):
    F = torch.nn.functional
    rows = []
    for k, s, d in itertools.product(range(1, 8), range(1, 5), range(1, 5)):
        w = torch.ones(1, 1, k)
        rows.append((k, s, d, widest_span(torch, lambda x: F.conv_transpose1d(x, w, stride=s, dilation=d), 48)))
    return rows


# upsample: per axis (input, scale); resize: per axis (input, size); each in every mode.
U_SIZES = [1, 2, 3, 5, 7]
U_SCALES = [0, 1, 2, 3, 4]
R_SIZES = [1, 2, 3, 5, 7, 8]
R_OUTPUTS = [0, 1, 2, 3, 4, 5, 7, 8, 12, 16]
MODES = [("nearest", False), ("bilinear", False), ("bilinear", True)]


def interpolation_axis(torch, n, m, mode, align):
    """(span, jump numerator, jump denominator) of one axis from n to m positions; jump 0/0 when it
    cannot be measured (one output). Measured on n·q -> m·q (align_corners: (n − 1)·q + 1 ->
    (m − 1)·q + 1), the same map with room away from the edges."""
    F = torch.nn.functional
    q = 80 // n + 2
    big_n, big_m = ((n - 1) * q + 1, (m - 1) * q + 1) if align else (n * q, m * q)
    kwargs = dict(align_corners=True) if align else {}
    with torch.no_grad():
        y = F.interpolate(torch.eye(big_n).reshape(big_n, 1, big_n), size=big_m,
                          mode="linear" if mode == "bilinear" else "nearest", **kwargs).reshape(big_n, big_m)
    reach = y.abs() > 1e-6
    interior, spans = [], []
    for o in range(big_m):
        seen = [i for i in range(big_n) if reach[i, o]]
        spans.append(seen[-1] - seen[0] + 1)
        if seen[0] > 0 and seen[-1] < big_n - 1:
            interior.append(o)
    span = max(spans[o] for o in interior) if interior else max(spans)
    if m == 1:
        return span, 0, 0
    period = (m - 1) // math.gcd(n - 1, m - 1) if align else m // math.gcd(n, m)
    first = interior[0] if interior else 0
    mean = [float((torch.arange(big_n, dtype=torch.float64) * y[:, o].double()).sum() / y[:, o].double().sum())
            for o in (first, first + period)]
    jump = fractions.Fraction(round(mean[1] - mean[0]), period)
    return span, jump.numerator, jump.denominator


def measure_interpolation(torch, kind, h, w, c, mode, align):
    """Output, parameters and buffers of nn.Upsample / F.interpolate(size=...), or None on error."""
    kwargs = dict(align_corners=True) if align else {}
    try:
        if kind == "upsample":
            m = torch.nn.Upsample(scale_factor=(h[1], w[1]), mode=mode, **kwargs)
        else:
            m = torch.nn.Upsample(size=(h[1], w[1]), mode=mode, **kwargs)
        with torch.no_grad():
            y = m(torch.zeros(1, c, h[0], w[0]))
    except (RuntimeError, ValueError):
        return None
    params = sum(int(p.numel()) for p in m.parameters())
    buffers = sum(int(b.numel()) for b in m.buffers())
    axes = [interpolation_axis(torch, n, out, mode, align) for n, out in ((h[0], y.shape[2]), (w[0], y.shape[3]))]
    return [y.shape[2], y.shape[3], y.shape[1], params, buffers] + list(axes[0]) + list(axes[1])


def interpolation_cases(torch):
    rows = []
    for kind, sizes, args in [("upsample", U_SIZES, U_SCALES), ("resize", R_SIZES, R_OUTPUTS)]:
        grid = list(itertools.product(sizes, args))
        for i, h in enumerate(grid):
            w = grid[(i * 7 + 3) % len(grid)]
            c = 1 + i % 3
            for mode, align in MODES:
                got = measure_interpolation(torch, kind, h, w, c, mode, align)
                rows.append([kind, h[0], w[0], c, h[1], w[1], mode == "bilinear", align] + (got or [-1] * 11))
    return rows


# pixel_shuffle and pixel_unshuffle: factor, channels, height, width.
P_FACTORS = [0, 1, 2, 3]
P_CHANNELS = [1, 4, 8, 9, 18]
P_SIZES = [1, 2, 3, 4, 6]


def rows_axis(torch, module, c, n, factor, period):
    """(span, jump numerator, jump denominator) of a 2-D module along the height: one-hot inputs of
    c×n×factor, an output row reads the input rows that affect it (over every channel and column)."""
    count = c * n * factor
    with torch.no_grad():
        y = module(torch.eye(count).reshape(count, c, n, factor))
    reach = y.abs().amax(dim=(1, 3)) > 0  # reach[b, output row]
    rows = [sorted({(b // factor) % n for b in range(count) if reach[b, o]}) for o in range(y.shape[2])]
    interior = [o for o, seen in enumerate(rows) if seen[0] > 0 and seen[-1] < n - 1]
    span = max(rows[o][-1] - rows[o][0] + 1 for o in interior)
    first = interior[0]
    moved = sum(rows[first + period]) / len(rows[first + period]) - sum(rows[first]) / len(rows[first])
    jump = fractions.Fraction(round(moved), period)
    return span, jump.numerator, jump.denominator


def pixel_cases(torch):
    rows, fields = [], {}
    grid = list(itertools.product(P_FACTORS, P_CHANNELS, P_SIZES, P_SIZES))
    for kind, module in [("pixel_shuffle", torch.nn.PixelShuffle), ("pixel_unshuffle", torch.nn.PixelUnshuffle)]:
        for f, c, h, w in grid:
            try:
                m = module(f)
                with torch.no_grad():
                    y = m(torch.zeros(1, c, h, w))
            except (RuntimeError, ValueError):
                rows.append([kind, f, c, h, w] + [-1] * 8)
                continue
            counts = [sum(int(p.numel()) for p in m.parameters()), sum(int(b.numel()) for b in m.buffers())]
            # The field, measured once per factor on a tall input (channels f² so that both kinds apply).
            if (kind, f) not in fields:
                fields[kind, f] = rows_axis(torch, m, f * f, 8 * f, f, f if kind == "pixel_shuffle" else 1)
            rows.append([kind, f, c, h, w, y.shape[1], y.shape[2], y.shape[3]] + counts + list(fields[kind, f]))
    return rows


# group_norm and instance_norm: every rank as (rank, dims after the channels), channels.
N_SHAPES = [(1, ()), (2, (7,)), (3, (5, 3)), (4, (2, 3, 4))]
N_CHANNELS = [1, 2, 6, 8, 12]
N_GROUPS = [0, 1, 2, 3, 4, 6, 8]


def norm_module(torch, kind, rank, c, arg):
    if kind == "group_norm":
        return torch.nn.GroupNorm(arg, c)
    if rank == 1:
        return None  # no InstanceNorm takes (N, C): InstanceNorm1d reads it as one unbatched (C, L)
    module = [torch.nn.InstanceNorm1d, torch.nn.InstanceNorm2d, torch.nn.InstanceNorm3d][rank - 2]
    return module(c, affine=arg & 1 != 0, track_running_stats=arg & 2 != 0)


def norm_cases(torch):
    rows = []
    for kind, args in [("group_norm", N_GROUPS), ("instance_norm", [0, 1, 2, 3])]:
        for (rank, dims), c, arg in itertools.product(N_SHAPES, N_CHANNELS, args):
            try:
                m = norm_module(torch, kind, rank, c, arg)
                if m is None:
                    raise ValueError("rank")
                m.eval()
                with torch.no_grad():  # two examples: GroupNorm refuses groups of one value per batch
                    y = m(torch.zeros(2, c, *dims))
            except (RuntimeError, ValueError, ZeroDivisionError):
                rows.append([kind, rank, c, arg] + [-1] * 4)
                continue
            weight = int(m.weight.numel()) if getattr(m, "weight", None) is not None else 0
            bias = int(m.bias.numel()) if getattr(m, "bias", None) is not None else 0
            buffers = sum(int(b.numel()) for n, b in m.named_buffers() if not n.endswith("num_batches_tracked"))
            same = int(tuple(y.shape) == (2, c) + tuple(dims))
            rows.append([kind, rank, c, arg, same, weight, bias, buffers])
    return rows


# prelu: nn.PReLU(num_parameters) for these counts (1, the channels, and others PyTorch refuses), and
# the element-wise functions of issue 19 with no parameters, on N_SHAPES and N_CHANNELS.
A_SLOPES = [0, 1, 2, 3, 6, 8, 12]
A_FUNCTIONS = [("selu", "SELU", ()), ("softplus", "Softplus", ()), ("celu", "CELU", ()),
               ("thresholded_relu", "Threshold", (1.0, 0.0))]  # ONNX ThresholdedRelu(alpha) is Threshold(alpha, 0)


def activation_cases(torch):
    rows = []
    configs = [("prelu", "none", lambda n: torch.nn.PReLU(n), A_SLOPES)]
    configs += [("activation", fn, lambda _, m=module, a=args: getattr(torch.nn, m)(*a), [0]) for fn, module, args in A_FUNCTIONS]
    for kind, fn, make, args in configs:
        for (rank, dims), c, arg in itertools.product(N_SHAPES, N_CHANNELS, args):
            try:
                m = make(arg).eval()
                with torch.no_grad():
                    y = m(torch.ones(2, c, *dims))
            except (RuntimeError, ValueError):
                rows.append([kind, fn, rank, c, arg] + [-1] * 4)
                continue
            weight = int(m.weight.numel()) if getattr(m, "weight", None) is not None else 0
            bias = int(m.bias.numel()) if getattr(m, "bias", None) is not None else 0
            buffers = sum(int(b.numel()) for _, b in m.named_buffers())
            same = int(tuple(y.shape) == (2, c) + tuple(dims))
            rows.append([kind, fn, rank, c, arg, same, weight, bias, buffers])
    return rows


# zero_pad: nn.ZeroPad2d((left, right, top, bottom)) on c×h×w, negative counts (cropping) included.
Z_SIZES = [(1, 2), (2, 1), (3, 5), (6, 2)]
Z_TOPS, Z_LEFTS, Z_BOTTOMS, Z_RIGHTS = [-2, 0, 1], [-2, -1, 0, 2], [-3, 0, 1, 3], [-1, 0, 3]


def zero_pad_cases(torch):
    rows = []
    for (h, w), t, l, b, r in itertools.product(Z_SIZES, Z_TOPS, Z_LEFTS, Z_BOTTOMS, Z_RIGHTS):
        try:
            m = torch.nn.ZeroPad2d((l, r, t, b))
            with torch.no_grad():
                y = m(torch.ones(1, 3, h, w))
            if y.numel() == 0:
                raise RuntimeError("empty")
            rows.append([h, w, t, l, b, r, int(y.shape[2]), int(y.shape[3]), int(y.shape[1]),
                         sum(int(p.numel()) for p in m.parameters()), int(y.sum()) == 3 * (min(h, h + min(t, 0) + min(b, 0)) * min(w, w + min(l, 0) + min(r, 0)))])
        except (RuntimeError, IndexError):
            rows.append([h, w, t, l, b, r, -1, -1, -1, -1, False])
    return rows


# neg_inf_pad then max_pool: F.pad(x, (left, right, top, bottom), value=-inf), then MaxPool2d(k, s, p,
# ceil_mode) on 3×h×w; and AvgPool2d(k, s, p, ceil_mode, count_include_pad=False) on the padded size.
N_SIZES = [(3, 4), (5, 2)]
N_PADS = [(0, 0, 1, 1), (1, 0, 2, 1), (2, 1, 0, 0), (-1, 0, 0, 2), (0, -2, 1, 0), (-3, 0, 0, 0)]
N_POOLS = [(k, s, p, ceil) for k in (2, 3) for s in (1, 2) for p in (0, 1, 2) for ceil in (False, True)]


def neg_inf_pool_cases(torch):
    rows = []
    for (h, w), (t, l, b, r), (k, s, p, ceil) in itertools.product(N_SIZES, N_PADS, N_POOLS):
        x = torch.ones(1, 3, h, w)
        try:
            y = torch.nn.functional.pad(x, (l, r, t, b), value=-float("inf"))
            if y.numel() == 0:
                raise RuntimeError("empty")
            padded = [int(y.shape[2]), int(y.shape[3])]
        except (RuntimeError, IndexError):
            rows.append([h, w, t, l, b, r, k, s, p, int(ceil), -1, -1, -1, -1, False, -1, -1])
            continue
        try:
            z = torch.nn.MaxPool2d(k, s, p, ceil_mode=ceil)(y)
            if z.numel() == 0:
                raise RuntimeError("empty")
            pooled = [int(z.shape[2]), int(z.shape[3])]
            finite = bool(torch.isfinite(z).all())
        except (RuntimeError, IndexError):
            pooled, finite = [-1, -1], False
        try:
            a = torch.nn.AvgPool2d(k, s, p, ceil_mode=ceil, count_include_pad=False)(torch.zeros_like(y))
            counted = torch.nn.AvgPool2d(k, s, p, ceil_mode=ceil, count_include_pad=True)(torch.zeros_like(y))
            assert a.shape == counted.shape
            averaged = [int(a.shape[2]), int(a.shape[3])] if a.numel() else [-1, -1]
        except (RuntimeError, IndexError):
            averaged = [-1, -1]
        rows.append([h, w, t, l, b, r, k, s, p, int(ceil)] + padded + pooled + [finite] + averaged)
    return rows


def write(out_path, torch, transposed, spans, nets, interpolations, pixels, norms, activations, zero_pads, neg_inf_pools):
    with open(out_path, "w") as f:
        f.write("// Generated by tools/pytorch_kind_reference.py with torch %s: do not edit.\n" % torch.__version__)
        f.write("// What PyTorch returned for each configuration (-1: PyTorch raised an error).\n")
        f.write("#pragma once\n\n#include <tuple>\n\n#include <netshape/netshape.hpp>\n\nnamespace pytorch_kinds {\n\n"
                "using netshape::count_t;\n\n")
        f.write("// nn.ConvTranspose2d(c, f, (k_h, k_w), stride, padding, output_padding, groups, bias, dilation)\n"
                "struct transposed_case {\n    count_t in_h, in_w, c, f, k_h, k_w, s_h, s_w, p_h, p_w, op_h, op_w, "
                "d_h, d_w, groups;\n    bool bias;\n    count_t out_h, out_w, weights, biases, macs;\n};\n\n")
        f.write("inline constexpr transposed_case transposed[] = {\n")
        for h, w, (c, fl, g, bias), m in transposed:
            got = m or dict(out_h=-1, out_w=-1, weights=-1, biases=-1, macs=-1)
            values = [h["n"], w["n"], c, fl] + [v for a in ("k", "s", "p", "op", "d") for v in (h[a], w[a])] + [g]
            values = [str(v) for v in values] + ["true" if bias else "false"]
            values += [str(got[a]) for a in ("out_h", "out_w", "weights", "biases", "macs")]
            f.write("    {%s},\n" % ", ".join(values))
        f.write("};\n\n")
        f.write("// Input positions one output of F.conv_transpose1d(kernel k, stride s, dilation d) reads.\n"
                "struct span_case {\n    count_t k, s, d, span;\n};\n\n")
        f.write("inline constexpr span_case transposed_spans[] = {\n")
        f.write("".join("    {%d, %d, %d, %d},\n" % row for row in spans))
        f.write("};\n\n")
        f.write("// nn.Upsample(scale_factor=(a_h, a_w)) or nn.Upsample(size=(a_h, a_w)), mode, align_corners;\n"
                "// span and jump per axis as the module docstring of tools/pytorch_kind_reference.py says\n"
                "// (jump 0/0: one output, nothing to measure).\n"
                "struct interpolation_case {\n    netshape::kind what;\n    count_t in_h, in_w, c, a_h, a_w;\n"
                "    bool bilinear, align_corners;\n    count_t out_h, out_w, out_c, params, buffers, span_h, jump_h_num, "
                "jump_h_den, span_w, jump_w_num, jump_w_den;\n};\n\n")
        f.write("inline constexpr interpolation_case interpolations[] = {\n")
        for row in interpolations:
            f.write("    {netshape::kind::%s, %s},\n" % (row[0], ", ".join(
                ("true" if v else "false") if isinstance(v, bool) else str(v) for v in row[1:])))
        f.write("};\n\n")
        f.write("// nn.PixelShuffle(factor) / nn.PixelUnshuffle(factor) on c×h×w; span and jump along the height.\n"
                "struct pixel_case {\n    netshape::kind what;\n    count_t factor, c, h, w, out_c, out_h, out_w, params, "
                "buffers, span, jump_num, jump_den;\n};\n\n")
        f.write("inline constexpr pixel_case pixels[] = {\n")
        f.write("".join("    {netshape::kind::%s, %s},\n" % (row[0], ", ".join(str(v) for v in row[1:])) for row in pixels))
        f.write("};\n\n")
        f.write("// nn.GroupNorm(arg, c) / nn.InstanceNorm{1,2,3}d(c, affine=arg & 1, track_running_stats=arg & 2) on\n"
                "// a batch of 2 of rank 1 (c), 2 (c, 7), 3 (c, 5, 3), 4 (c, 2, 3, 4), in eval mode; same_shape: output as input.\n"
                "struct norm_case {\n    netshape::kind what;\n    int rank;\n    count_t c, arg, same_shape, weights, biases, "
                "buffers;\n};\n\n")
        f.write("inline constexpr norm_case norms[] = {\n")
        f.write("".join("    {netshape::kind::%s, %s},\n" % (row[0], ", ".join(str(v) for v in row[1:])) for row in norms))
        f.write("};\n\n")
        f.write("// nn.PReLU(arg) (kind prelu), nn.SELU, nn.Softplus, nn.CELU and nn.Threshold(1, 0) (kind activation,\n"
                "// arg 0) on a batch of 2 of the ranks of norms; same_shape: output as input.\n"
                "struct activation_case {\n    netshape::kind what;\n    netshape::function fn;\n    int rank;\n"
                "    count_t c, arg, same_shape, weights, biases, buffers;\n};\n\n")
        f.write("inline constexpr activation_case activations[] = {\n")
        f.write("".join("    {netshape::kind::%s, netshape::function::%s, %s},\n" % (row[0], row[1], ", ".join(
            str(v) for v in row[2:])) for row in activations))
        f.write("};\n\n")
        f.write("// nn.ZeroPad2d((left, right, top, bottom)) on 3×h×w (-1: PyTorch raised an error or gave an empty\n"
                "// tensor); kept_ones: the output's sum is the ones kept of the input (zeros added, nothing else).\n"
                "struct zero_pad_case {\n    count_t h, w, top, left, bottom, right, out_h, out_w, out_c, params;\n"
                "    bool kept_ones;\n};\n\n")
        f.write("inline constexpr zero_pad_case zero_pads[] = {\n")
        f.write("".join("    {%s},\n" % ", ".join(("true" if v else "false") if isinstance(v, bool) else str(v) for v in row)
                        for row in zero_pads))
        f.write("};\n\n")
        f.write("// F.pad(x, (left, right, top, bottom), value=-inf) on 3×h×w (pad_h, pad_w; -1: PyTorch raised an error or\n"
                "// gave an empty tensor), then nn.MaxPool2d(k, s, p, ceil_mode) on it (out_h, out_w; finite: no output\n"
                "// is -inf) and nn.AvgPool2d(k, s, p, ceil_mode, count_include_pad=False) (avg_h, avg_w).\n"
                "struct neg_inf_pool_case {\n    count_t h, w, top, left, bottom, right, k, s, p, ceil, pad_h, pad_w, out_h, out_w;\n"
                "    bool finite;\n    count_t avg_h, avg_w;\n};\n\n")
        f.write("inline constexpr neg_inf_pool_case neg_inf_pools[] = {\n")
        f.write("".join("    {%s},\n" % ", ".join(("true" if v else "false") if isinstance(v, bool) else str(v) for v in row)
                        for row in neg_inf_pools))
        f.write("};\n\n")
        f.write("template <class Net, count_t H, count_t W, count_t C, count_t Params>\nstruct net_case {\n"
                "    using net = Net;\n    static constexpr count_t out_h = H, out_w = W, out_c = C, params = Params;\n"
                "};\n\nusing nets = std::tuple<\n")
        f.write(",\n".join(nets) + ">;\n\n}  // namespace pytorch_kinds\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "pytorch_kinds.hpp"),
                    help="header to write (default: tests/data/pytorch_kinds.hpp)")
    out_path = ap.parse_args(argv).out
    torch = require("torch")
    torch.set_num_threads(1)
    grid = transposed_axes()
    transposed, nets = [], []
    for i, h in enumerate(grid):
        w = grid[(i * 7 + 3) % len(grid)]
        channels = T_CHANNELS[i % len(T_CHANNELS)]
        m = measure_transposed(torch, h, w, channels)
        transposed.append((h, w, channels, m))
        # Every 37th valid configuration is also compiled as a whole network.
        if m and i % 37 == 0:
            c, fl, g, bias = channels
            opts = ["stride<%d, %d>" % (h["s"], w["s"]), "pad<%d, %d>" % (h["p"], w["p"]),
                    "output_padding<%d, %d>" % (h["op"], w["op"]), "dilation<%d, %d>" % (h["d"], w["d"]),
                    "groups<%d>" % g] + ([] if bias else ["no_bias"])
            layer = "netshape::conv_transpose2d<%d, netshape::hw{%d, %d}, %s>" % (
                fl, h["k"], w["k"], ", ".join("netshape::" + o for o in opts))
            nets.append("    net_case<netshape::network<netshape::input<%d, %d, %d>, %s>, %d, %d, %d, %d>" % (
                h["n"], w["n"], c, layer, m["out_h"], m["out_w"], fl, m["weights"] + m["biases"]))
    interpolations = interpolation_cases(torch)
    pixels = pixel_cases(torch)
    norms = norm_cases(torch)
    activations = activation_cases(torch)
    zero_pads = zero_pad_cases(torch)
    neg_inf_pools = neg_inf_pool_cases(torch)
    write(out_path, torch, transposed, transposed_spans(torch), nets, interpolations, pixels, norms, activations, zero_pads,
          neg_inf_pools)
    print("wrote %s: %d conv_transpose2d configurations (%d rejected by PyTorch), %d upsample and resize "
          "configurations (%d rejected), %d pixel (un)shuffle configurations (%d rejected), %d norm configurations (%d rejected), %d networks" % (
              out_path, len(transposed), sum(1 for t in transposed if t[3] is None), len(interpolations),
              sum(1 for r in interpolations if r[8] < 0), len(pixels), sum(1 for r in pixels if r[5] < 0),
              len(norms), sum(1 for r in norms if r[4] < 0), len(nets)) +
          ", %d activation configurations (%d rejected), %d zero_pad configurations (%d rejected)" % (
              len(activations), sum(1 for r in activations if r[5] < 0), len(zero_pads), sum(1 for r in zero_pads if r[6] < 0)) +
          ", %d neg_inf_pad and pool configurations (%d pools rejected)" % (
              len(neg_inf_pools), sum(1 for r in neg_inf_pools if r[12] < 0)),
          file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
