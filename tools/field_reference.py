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

# A network: (name, input side, period, layers); the period a multiple of the network's own (the
# outputs after which every layer's index map repeats). A layer:
#   ("conv", filters, k, stride, pad, dilation)         nn.Conv2d / ns::conv2d
#   ("pool", k, stride, pad)                             nn.AvgPool2d / ns::avg_pool
#   ("adaptive", side)                                   nn.AdaptiveAvgPool2d / ns::adaptive_avg_pool
#   ("tconv", filters, k, stride, pad, dilation, outpad) nn.ConvTranspose2d / ns::conv_transpose2d
#   ("up", factor, mode, align_corners)                  nn.Upsample(scale_factor) / ns::upsample
#   ("resize", side, mode, align_corners)                F.interpolate(size) / ns::resize
#   ("shuffle", r)                                       nn.PixelShuffle / ns::pixel_shuffle
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
]


def torch_layer(torch, spec, channels):
    """(module, output channels) for one layer description."""
    nn = torch.nn
    kind = spec[0]
    if kind == "conv":
        _, f, k, s, p, d = spec
        return nn.Conv2d(channels, f, k, stride=s, padding=p, dilation=d), f
    if kind == "pool":
        _, k, s, p = spec
        return nn.AvgPool2d(k, stride=s, padding=p), channels
    if kind == "adaptive":
        return nn.AdaptiveAvgPool2d(spec[1]), channels
    if kind == "tconv":
        _, f, k, s, p, d, op = spec
        return nn.ConvTranspose2d(channels, f, k, stride=s, padding=p, output_padding=op, dilation=d), f
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
    if kind in ("concat", "add"):
        branches = [torch_sequence(torch, b, channels) for b in spec[1:]]

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


def torch_sequence(torch, layers, channels):
    modules = []
    for spec in layers:
        m, channels = torch_layer(torch, spec, channels)
        modules.append(m)
    return torch.nn.Sequential(*modules), channels


def cpp_layer(spec):
    """The netshape spelling of one layer description."""
    kind = spec[0]

    def options(pairs):
        return "".join(", ns::%s<%d>" % (name, v) for name, v, default in pairs if v != default)
    if kind == "conv":
        _, f, k, s, p, d = spec
        return "ns::conv2d<%d, %d%s>" % (f, k, options([("stride", s, 1), ("pad", p, 0), ("dilation", d, 1)]))
    if kind == "pool":
        _, k, s, p = spec
        return "ns::avg_pool<%d%s>" % (k, options([("stride", s, k), ("pad", p, 0)]))
    if kind == "adaptive":
        return "ns::adaptive_avg_pool<%d>" % spec[1]
    if kind == "tconv":
        _, f, k, s, p, d, op = spec
        return "ns::conv_transpose2d<%d, %d%s>" % (
            f, k, options([("stride", s, 1), ("pad", p, 0), ("dilation", d, 1), ("output_padding", op, 0)]))
    if kind in ("up", "resize"):
        _, v, mode, align = spec
        args = "%d, %d" % (v, v) if kind == "resize" else "%d" % v
        return "ns::%s<%s, ns::interpolation::%s%s>" % ("upsample" if kind == "up" else "resize", args, mode,
                                                         ", ns::align_corners" if align else "")
    if kind == "shuffle":
        return "ns::pixel_shuffle<%d>" % spec[1]
    if kind in ("concat", "add"):
        return "ns::%s<%s>" % (kind, ", ".join(cpp_sequence(b) for b in spec[1:]))
    raise ValueError(kind)


def cpp_sequence(layers):
    if not layers:
        return "ns::identity"
    if len(layers) == 1:
        return cpp_layer(layers[0])
    return "ns::sequential<%s>" % ", ".join(cpp_layer(s) for s in layers)


def measure(torch, side, period, layers):
    """(height, width, stride_h, stride_w) of the network, by gradients (see the docstring)."""
    nn = torch.nn
    model, _ = torch_sequence(torch, layers, 1)
    model = model.double().eval()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                m.weight.fill_(1.0 / m.weight[0].numel())
                m.bias.fill_(0.0)
    count = 2 * period  # two periods: the stride compares an output with the same phase a period on
    x = torch.ones(count, 1, side, side, dtype=torch.float64, requires_grad=True)
    y = model(x)
    out = int(y.shape[2])
    assert int(y.shape[3]) == out
    first = out // 2 - period
    assert first >= 0 and first + count <= out, "output %d too small for two periods of %d" % (out, period)
    sum(y[b, :, first + b, first + b].sum() for b in range(count)).backward()
    g = x.grad[:, 0]
    spans = []
    for b in range(count):
        rows = torch.nonzero(g[b].abs().sum(dim=1) > 0).flatten()
        cols = torch.nonzero(g[b].abs().sum(dim=0) > 0).flatten()
        if len(rows) == 0:
            spans.append(None)  # an output that reads no input (a transposed convolution's gap)
            continue
        s = (int(rows[0]), int(rows[-1]), int(cols[0]), int(cols[-1]))
        if s[0] == 0 or s[2] == 0 or s[1] == side - 1 or s[3] == side - 1:
            raise RuntimeError("a support touches the input's edge: enlarge the input")
        spans.append(s)
    height = max(s[1] - s[0] + 1 for s in spans[:period] if s)
    width = max(s[3] - s[2] + 1 for s in spans[:period] if s)
    b = next(i for i in range(period) if spans[i])  # the first output that reads something
    stride_h = fractions.Fraction(spans[b + period][0] - spans[b][0], period)
    stride_w = fractions.Fraction(spans[b + period][2] - spans[b][2], period)
    return height, width, stride_h, stride_w


def write(path, torch, rows):
    with open(path, "w") as f:
        f.write("// Generated by tools/field_reference.py with torch %s: do not edit.\n" % torch.__version__)
        f.write("// Hand-written networks that go down and up, as netshape types, and their receptive field as\n"
                "// PyTorch's gradients give it: the widest support of one output over a period of outputs, and the\n"
                "// stride (fractions: num/den).\n")
        f.write("#pragma once\n\n#include <netshape/netshape.hpp>\n\nnamespace field_reference {\n\n"
                "namespace ns = netshape;\n\n"
                "struct measured {\n    const char* name;\n    ns::count_t height, width;\n"
                "    ns::count_t stride_h_num, stride_h_den, stride_w_num, stride_w_den;\n};\n")
        for name, side, _, layers, (h, w, sh, sw) in rows:
            f.write("\nusing %s = ns::network<ns::input<%d, %d, 1>, %s>;\n" % (name, side, side, ", ".join(
                cpp_layer(s) for s in layers)))
            f.write("inline constexpr measured %s_field{\"%s\", %d, %d, %d, %d, %d, %d};\n"
                    % (name, name, h, w, sh.numerator, sh.denominator, sw.numerator, sw.denominator))
        f.write("\n}  // namespace field_reference\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "field_reference.hpp"),
                    help="header to write (default: tests/data/field_reference.hpp)")
    args = ap.parse_args(argv)
    torch = require("torch")
    torch.set_num_threads(1)
    rows = [(name, side, period, layers, measure(torch, side, period, layers)) for name, side, period, layers in NETS]
    write(args.out, torch, rows)
    print("wrote %s: %d networks" % (args.out, len(rows)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
