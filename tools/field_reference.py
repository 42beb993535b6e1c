#!/usr/bin/env python3
"""Measures the receptive field of small hand-written networks that go down and up by PyTorch's
gradients, and writes tests/data/field_reference.hpp: each network as a netshape type (written from
the same description as the PyTorch module, so the two cannot drift apart) and PyTorch's figures,
which tests/test_receptive.cpp compares netshape's receptive_field<Net> with
(tests/zoo_reference_field.cmake checks that the committed header is what this script writes today).

Run with Debian's python3 (python3-torch): /usr/bin/python3 tools/field_reference.py [--out FILE]

The networks mix strides 2 and 3 with every way up (transposed convolutions with dilation, output
padding and gaps, nearest and bilinear upsampling, align_corners, resizes by 3/2, pixel_shuffle),
adaptive pooling and concatenated or added skips. One channel, or as many as pixel_shuffle needs.
Besides images, a volume network (Conv3d, ConvTranspose3d, AvgPool3d, AdaptiveAvgPool3d, each axis
with its own kernel, stride, padding and dilation) and a signal network (the 1-D kinds): the walk's
depth axis and every rank's windows.

The figure (docs/figures.md, "Receptive field"), per axis: the widest gradient support, first to last
input position with a nonzero gradient, of one output position, over P consecutive outputs
around the centre of the output (P: a multiple of the network's period), every weight
positive (each kernel 1/fan-in, biases 0), average pools (a max pool's gradient reaches only the
maximum), in float64 on an input of ones; no support may touch the input's edge. The stride: how far
the support of output o + P lies from that of o, divided by P (a fraction).
align_corners is left out: its map scales about the corner, so its period spans the whole image and
no period of outputs stays clear of the borders (tests/test_layers.cpp checks it by its formula).
Exit status: 0 written, 1 failure, 2 usage, 77 torch missing.
"""
import argparse
import fractions
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netshape_script import ROOT, require  # noqa: E402

# A network: (name, input side, period, layers[, dims]); the period a multiple of the network's own (the
# outputs after which every layer's index map repeats); dims 2 (an image, the default), 3 (a volume
# side³: k, s, p, d, outpad may be (depth, height, width) triples) or 1 (a signal of side samples; only
# conv, pool, adaptive, tconv and merges). A layer:
#   ("conv", filters, k, stride, pad, dilation)         nn.Conv2d / ns::conv2d
#   ("pool", k, stride, pad)                             nn.AvgPool2d / ns::avg_pool
#   ("adaptive", side)                                   nn.AdaptiveAvgPool2d / ns::adaptive_avg_pool
#   ("tconv", filters, k, stride, pad, dilation, outpad) nn.ConvTranspose2d / ns::conv_transpose2d
#   ("up", factor, mode, align_corners)                  nn.Upsample(scale_factor) / ns::upsample
#   ("resize", side, mode, align_corners)                F.interpolate(size) / ns::resize
#   ("shuffle", r)                                       nn.PixelShuffle / ns::pixel_shuffle
#   ("zpad", top, left, bottom, right)                   nn.ZeroPad2d / ns::zero_pad (negative counts crop)
#   ("identity", n)                                      n × nn.Identity / ns::identity (nodes for the walk)
#   ("concat", [layers...], [layers...]), ("add", ...)   torch.cat(dim=1) / sum; [] is the identity
NETS = [
    ("up_conv_pool", 64, 4, [("up", 2, "nearest", False), ("conv", 1, 3, 1, 1, 1), ("pool", 2, 2, 0)]),
    ("strides_2_3_up", 216, 12, [
        ("conv", 1, 3, 2, 1, 1), ("conv", 1, 3, 3, 1, 1), ("conv", 1, 3, 1, 1, 1),
        ("tconv", 1, 3, 3, 0, 1, 0), ("conv", 1, 3, 1, 1, 1), ("up", 2, "bilinear", False), ("conv", 1, 3, 1, 1, 1)]),
    ("skip_strides_2_3", 216, 12, [
        ("conv", 1, 3, 1, 1, 1),
        ("concat", [], [("pool", 2, 2, 0), ("conv", 1, 3, 1, 1, 1), ("conv", 1, 3, 3, 0, 1), ("conv", 1, 3, 1, 1, 1),
                        ("up", 3, "nearest", False), ("conv", 1, 3, 1, 1, 1), ("tconv", 1, 2, 2, 0, 1, 0)]),
        ("conv", 1, 3, 1, 1, 1)]),
    ("nested_skips", 192, 12, [
        ("conv", 1, 3, 1, 1, 1),
        ("add", [], [("conv", 1, 3, 2, 1, 1),
                     ("concat", [("conv", 1, 1, 1, 0, 1)],
                      [("pool", 3, 3, 0), ("conv", 1, 3, 1, 1, 1), ("up", 3, "bilinear", False)]),
                     ("conv", 1, 3, 1, 1, 1), ("tconv", 1, 4, 2, 1, 1, 0)]),
        ("conv", 1, 3, 1, 1, 1)]),
    ("dilated_transposed_gaps", 64, 12, [
        ("conv", 1, 3, 2, 1, 1), ("tconv", 1, 1, 3, 0, 1, 0), ("conv", 1, 3, 1, 2, 2),
        ("tconv", 1, 3, 2, 2, 2, 1), ("conv", 1, 2, 1, 0, 1)]),
    ("resize_three_halves", 96, 18, [
        ("conv", 1, 3, 2, 1, 1), ("resize", 72, "bilinear", False), ("conv", 1, 3, 1, 1, 1),
        ("resize", 108, "nearest", False), ("conv", 1, 5, 1, 2, 1)]),
    ("shuffle_and_adaptive", 96, 20, [
        ("conv", 4, 3, 3, 1, 1), ("shuffle", 2), ("conv", 1, 3, 1, 1, 1), ("adaptive", 40),
        ("up", 2, "nearest", False), ("conv", 1, 3, 1, 1, 1)]),
    # A long period (resizes 232 → 204 → 232: 58 outputs) over many nodes (300 identities): more phases
    # than one constant evaluation walks, so the walk runs in chunks (detail::long_axis).
    ("chunked_phases", 464, 58, [
        ("conv", 1, 3, 2, 1, 1),
        ("concat", [], [("resize", 204, "bilinear", False), ("identity", 300), ("conv", 1, 3, 1, 1, 1),
                        ("resize", 232, "bilinear", False)]),
        ("conv", 1, 3, 1, 1, 1)]),
    # Chunked too (the same 314 nodes, 58 phases, 26 a chunk), its widest phases in the second chunk:
    # the concat's outputs -2 .. 1 modulo 58 read 13 inputs, all others 11 (232 -> 228 -> 232 repeats
    # every 58 outputs, its one irregular spot about output -1/2), and the 1x1 convolution padded by 37
    # makes output o the concat's o - 37: phases 35 .. 38. Only the widest over the chunks gives 13.
    ("chunked_widest_late", 464, 58, [
        ("conv", 1, 3, 2, 1, 1),
        ("concat", [], [("resize", 228, "bilinear", False), ("identity", 300), ("conv", 1, 3, 1, 1, 1),
                        ("resize", 232, "bilinear", False)]),
        ("conv", 1, 1, 1, 37, 1)]),
    # Padding that shifts positions: a crop-and-pad of the same size (-1, -1, 1, 1) moves every window
    # by one, and an unequal one changes the size.
    ("pad_shifts", 64, 4, [
        ("up", 2, "nearest", False), ("zpad", -1, -1, 1, 1), ("conv", 1, 2, 2, 0, 1),
        ("zpad", 2, 0, 1, 3), ("conv", 1, 3, 1, 0, 1), ("up", 2, "bilinear", False), ("conv", 1, 3, 2, 1, 1)]),
    ("volume_down_up", 64, 12, [
        ("conv", 1, (3, 3, 1), (2, 1, 2), (1, 1, 0), 1), ("conv", 1, 3, (1, 3, 1), (2, 1, 1), (2, 1, 1)),
        ("concat", [], [("pool", 2, 2, 0), ("tconv", 1, (3, 3, 2), 2, (1, 2, 0), (1, 2, 1), (1, 1, 0))]),
        ("tconv", 1, (4, 3, 3), (2, 3, 2), (1, 0, 1), 1, (0, 0, 1)), ("conv", 1, (3, 1, 3), 1, (1, 0, 1), 1),
        ("tconv", 1, (2, 1, 1), (2, 1, 1), 0, 1, 0), ("conv", 1, (3, 1, 1), 1, (1, 0, 0), 1), ("pool", (2, 1, 1), (2, 1, 1), 0)], 3),
    ("signal_down_up", 192, 12, [
        ("adaptive", 128), ("conv", 1, 5, 2, 2, 1), ("conv", 1, 3, 3, 1, 1),
        ("add", [], [("pool", 2, 2, 0), ("tconv", 1, 3, 2, 2, 2, 1), ("conv", 1, 3, 1, 1, 1)]),
        ("tconv", 1, 4, 3, 1, 1, 0), ("conv", 1, 3, 1, 2, 2)], 1),
]


def torch_layer(torch, spec, channels, dims=2):
    """(module, output channels) for one layer description."""
    nn = torch.nn
    kind = spec[0]
    suffix = "%dd" % dims
    if kind == "conv":
        _, f, k, s, p, d = spec
        return getattr(nn, "Conv" + suffix)(channels, f, k, stride=s, padding=p, dilation=d), f
    if kind == "pool":
        _, k, s, p = spec
        return getattr(nn, "AvgPool" + suffix)(k, stride=s, padding=p), channels
    if kind == "adaptive":
        return getattr(nn, "AdaptiveAvgPool" + suffix)(spec[1]), channels
    if kind == "tconv":
        _, f, k, s, p, d, op = spec
        return getattr(nn, "ConvTranspose" + suffix)(channels, f, k, stride=s, padding=p, output_padding=op, dilation=d), f
    assert dims == 2 or kind in ("concat", "add"), "%s: images only" % kind
    if kind == "up":
        _, factor, mode, align = spec
        return nn.Upsample(scale_factor=factor, mode=mode, align_corners=True if align else None), channels
    if kind == "resize":
        _, side, mode, align = spec

        class Resize(nn.Module):
            def forward(self, x):
                return torch.nn.functional.interpolate(x, size=(side, side), mode=mode,
                                                       align_corners=True if align else None)
        return Resize(), channels
    if kind == "shuffle":
        return nn.PixelShuffle(spec[1]), channels // (spec[1] * spec[1])
    if kind == "zpad":
        _, top, left, bottom, right = spec
        return nn.ZeroPad2d((left, right, top, bottom)), channels
    if kind == "identity":
        return nn.Sequential(*[nn.Identity() for _ in range(spec[1])]), channels
    if kind in ("concat", "add"):
        branches = [torch_sequence(torch, b, channels, dims) for b in spec[1:]]

        class Merge(nn.Module):
            def __init__(self):
                super().__init__()
                self.branches = nn.ModuleList([m for m, _ in branches])

            def forward(self, x):
                outs = [m(x) for m in self.branches]
                return torch.cat(outs, dim=1) if kind == "concat" else sum(outs)
        out = sum(c for _, c in branches) if kind == "concat" else branches[0][1]
        return Merge(), out
    raise ValueError(kind)


def torch_sequence(torch, layers, channels, dims=2):
    modules = []
    for spec in layers:
        m, channels = torch_layer(torch, spec, channels, dims)
        modules.append(m)
    return torch.nn.Sequential(*modules), channels


def cpp_layer(spec, dims=2):
    """The netshape spelling of one layer description."""
    kind = spec[0]
    suffix = {1: "1d", 2: "2d", 3: "3d"}[dims]
    window = {1: "1d", 2: "", 3: "3d"}[dims]  # the pools' suffixes

    def values(v):  # one value, or a volume's (depth, height, width)
        return ", ".join(str(x) for x in v) if isinstance(v, tuple) else str(v)

    def options(pairs):
        return "".join(", ns::%s<%s>" % (name, values(v)) for name, v, default in pairs if v != default)

    def kernel(k):
        return "ns::dhw{%s}" % values(k) if isinstance(k, tuple) else str(k)
    if kind == "conv":
        _, f, k, s, p, d = spec
        return "ns::conv%s<%d, %s%s>" % (suffix, f, kernel(k), options([("stride", s, 1), ("pad", p, 0), ("dilation", d, 1)]))
    if kind == "pool":
        _, k, s, p = spec
        return "ns::avg_pool%s<%s%s>" % (window, kernel(k), options([("stride", s, k), ("pad", p, 0)]))
    if kind == "adaptive":
        return "ns::adaptive_avg_pool%s<%s>" % (window, values(spec[1]))
    if kind == "tconv":
        _, f, k, s, p, d, op = spec
        return "ns::conv_transpose%s<%d, %s%s>" % (suffix, f, kernel(k), options(
            [("stride", s, 1), ("pad", p, 0), ("dilation", d, 1), ("output_padding", op, 0)]))
    if kind in ("up", "resize"):
        _, v, mode, align = spec
        args = "%d, %d" % (v, v) if kind == "resize" else "%d" % v
        return "ns::%s<%s, ns::interpolation::%s%s>" % ("upsample" if kind == "up" else "resize", args, mode,
                                                         ", ns::align_corners" if align else "")
    if kind == "shuffle":
        return "ns::pixel_shuffle<%d>" % spec[1]
    if kind == "zpad":
        return "ns::zero_pad<%d, %d, %d, %d>" % spec[1:]
    if kind == "identity":
        return "ns::sequential<%s>" % ", ".join(["ns::identity"] * spec[1])
    if kind in ("concat", "add"):
        return "ns::%s<%s>" % (kind, ", ".join(cpp_sequence(b, dims) for b in spec[1:]))
    raise ValueError(kind)


def cpp_sequence(layers, dims=2):
    if not layers:
        return "ns::identity"
    if len(layers) == 1:
        return cpp_layer(layers[0], dims)
    return "ns::sequential<%s>" % ", ".join(cpp_layer(s, dims) for s in layers)


def cpp_input(side, dims):
    if dims == 1:
        return "ns::input_sequence<%d, 1>" % side
    if dims == 3:
        return "ns::input_volume<%d, %d, %d, 1>" % (side, side, side)
    return "ns::input<%d, %d, 1>" % (side, side)


def measure(torch, side, period, layers, dims=2):
    """Per netshape axis (height, width, depth): (field, stride), by gradients (see the docstring).
    A signal's length is netshape's width; axes a network does not have are (1, 1)."""
    nn = torch.nn
    model, _ = torch_sequence(torch, layers, 1, dims)
    model = model.double().eval()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Conv3d, nn.ConvTranspose1d, nn.ConvTranspose2d, nn.ConvTranspose3d)):
                m.weight.fill_(1.0 / m.weight[0].numel())
                m.bias.fill_(0.0)
    count = 2 * period  # two periods: the stride compares an output with the same phase a period on
    x = torch.ones((count, 1) + (side,) * dims, dtype=torch.float64, requires_grad=True)
    y = model(x)
    outs = [int(n) for n in y.shape[2:]]
    firsts = [out // 2 - period for out in outs]
    for out, first in zip(outs, firsts):
        assert first >= 0 and first + count <= out, "output %d too small for two periods of %d" % (out, period)
    sum(y[(b, slice(None)) + tuple(first + b for first in firsts)].sum() for b in range(count)).backward()
    g = x.grad[:, 0].abs()
    # torch's spatial axes, in netshape's order: height, width, depth
    torch_axis = {1: [None, 0, None], 2: [0, 1, None], 3: [1, 2, 0]}[dims]
    result = []
    for axis in torch_axis:
        if axis is None:
            result.append((1, fractions.Fraction(1)))
            continue
        spans = []
        for b in range(count):
            others = tuple(a for a in range(dims) if a != axis)
            rows = torch.nonzero(g[b].sum(dim=others) > 0 if others else g[b] > 0).flatten()
            if len(rows) == 0:
                spans.append(None)  # an output that reads no input (a transposed convolution's gap)
                continue
            if int(rows[0]) == 0 or int(rows[-1]) == side - 1:
                raise RuntimeError("a support touches the input's edge: enlarge the input")
            spans.append((int(rows[0]), int(rows[-1])))
        size = max(s[1] - s[0] + 1 for s in spans[:period] if s)
        b = next(i for i in range(period) if spans[i])  # the first output that reads something
        result.append((size, fractions.Fraction(spans[b + period][0] - spans[b][0], period)))
    return result


def write(path, torch, rows):
    with open(path, "w") as f:
        f.write("// Generated by tools/field_reference.py with torch %s: do not edit.\n" % torch.__version__)
        f.write("// Hand-written networks that go down and up, as netshape types, and their receptive field as\n"
                "// PyTorch's gradients give it: the widest support of one output over a period of outputs, and the\n"
                "// stride (fractions: num/den).\n")
        f.write("#pragma once\n\n#include <netshape/netshape.hpp>\n\nnamespace field_reference {\n\n"
                "namespace ns = netshape;\n\n"
                "struct measured {\n    const char* name;\n    ns::count_t height, width;\n"
                "    ns::count_t stride_h_num, stride_h_den, stride_w_num, stride_w_den;\n"
                "    ns::count_t depth = 1, stride_d_num = 1, stride_d_den = 1;  // a volume's depth\n};\n")
        for name, side, _, layers, dims, ((h, sh), (w, sw), (d, sd)) in rows:
            f.write("\nusing %s = ns::network<%s, %s>;\n" % (name, cpp_input(side, dims), ", ".join(
                cpp_layer(s, dims) for s in layers)))
            depth = ", %d, %d, %d" % (d, sd.numerator, sd.denominator) if dims == 3 else ""
            f.write("inline constexpr measured %s_field{\"%s\", %d, %d, %d, %d, %d, %d%s};\n"
                    % (name, name, h, w, sh.numerator, sh.denominator, sw.numerator, sw.denominator, depth))
        f.write("\n}  // namespace field_reference\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "field_reference.hpp"),
                    help="header to write (default: tests/data/field_reference.hpp)")
    args = ap.parse_args(argv)
    torch = require("torch")
    torch.set_num_threads(1)
    rows = []
    for name, side, period, layers, *dims in NETS:
        dims = dims[0] if dims else 2
        rows.append((name, side, period, layers, dims, measure(torch, side, period, layers, dims)))
    write(args.out, torch, rows)
    print("wrote %s: %d networks" % (args.out, len(rows)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
