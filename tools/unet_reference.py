#!/usr/bin/env python3
"""Measures a PyTorch U-Net of our own (the common padded U-Net, defined below as netshape's
zoo::unet_at builds it) and writes tests/data/unet_reference.hpp, which tests/test_zoo_unet.cpp
compares netshape against (tests/zoo_reference_unet.cmake checks that the committed header is what this
script writes today).

Run with Debian's python3 (python3-torch): /usr/bin/python3 tools/unet_reference.py [--out FILE]

The model: "inc" a double convolution (3x3 without bias, BatchNorm2d, ReLU, twice) to `base`
channels; for each level k = 1 .. depth "down<k>" (MaxPool2d(2), a double convolution to base*2^k);
then from the deepest level up, "up<k>" (ConvTranspose2d(c, c/2, 2, stride=2) with bias, or
Sequential(Upsample(scale_factor=2, mode="bilinear"), Conv2d(c, c/2, 1))), torch.cat([skip, up],
dim=1) and "dec<k>" (a double convolution to base*2^(k-1)); "outc" a 1x1 convolution to the classes.

Every figure is what PyTorch returned:
  params   sum(p.numel() for p in model.parameters())
  buffers  elements of its buffers except num_batches_tracked (docs/figures.md)
  output   the output tensor's shape for one zero image (eval mode)
  macs     every matrix product, as tools/pytorch_macs.py measures it (docs/figures.md, "MACs"): PyTorch's
           profiler for the Conv2d calls (aten::conv2d FLOPs, halved; output elements x in/groups x
           kernel area), forward hooks for the ConvTranspose2d ones, which the profiler does not count
           (input elements x out/groups x kernel area)
  layers   (the aliases) every leaf module's qualified name and output shape, in call order
  field    the receptive field, per axis: the gradient of one output position with respect to the
           input, through the same architecture with every weight positive (widths base 1, 1 input
           channel, 1 class: the field depends on kernels, strides, paddings and up steps only) and
           each max pool measured as an average pool of the same window (a max pool's gradient
           reaches only the maximum); the widest support, first to last input position with a
           nonzero gradient, over 2^depth consecutive outputs (one period of the map) on an input
           large enough that none of them touches an edge
The aliases are measured on the `meta` device (shapes only, no arithmetic), the others on CPU
tensors, and one of them both ways (the script fails if they differ).
  stride   the output stride: how far, in input positions, the supports of outputs o and
           o + 2^depth lie apart, divided by 2^depth
Exit status: 0 written, 1 failure, 2 usage, 77 torch missing.
"""
import argparse
import fractions
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netshape_script import ROOT, require  # noqa: E402
import pytorch_macs  # noqa: E402

# (name, height, width, input channels, classes, base, depth, bilinear): the aliases and others of
# odd depth, other base widths, non-square inputs and no levels at all.
CONFIGS = [
    ("unet", 256, 256, 3, 2, 64, 4, False),
    ("unet_bilinear", 256, 256, 3, 2, 64, 4, True),
    ("unet_96x64_depth3", 96, 64, 1, 5, 16, 3, False),
    ("unet_bilinear_96x64_depth3", 96, 64, 1, 5, 16, 3, True),
    ("unet_bilinear_64x160_depth5", 64, 160, 4, 3, 8, 5, True),
    ("unet_40x24_depth1", 40, 24, 2, 1, 12, 1, False),
    ("unet_20x30_depth0", 20, 30, 3, 2, 8, 0, False),
]
LAYERS_OF = {"unet", "unet_bilinear"}
CROSS_CHECK = "unet_bilinear_96x64_depth3"  # measured on `meta` and on CPU tensors: the two must agree


def make_unet(torch, in_channels, classes, base, depth, bilinear):
    nn = torch.nn

    def double_conv(c_in, c_out):
        return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(inplace=True),
                             nn.Conv2d(c_out, c_out, 3, padding=1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(inplace=True))

    class UNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.depth = depth
            self.inc = double_conv(in_channels, base)
            for k in range(1, depth + 1):
                c = base << k
                setattr(self, "down%d" % k, nn.Sequential(nn.MaxPool2d(2), double_conv(c // 2, c)))
            for k in range(depth, 0, -1):  # registered in call order, deepest first
                c = base << k
                up = (nn.Sequential(nn.Upsample(scale_factor=2, mode="bilinear"), nn.Conv2d(c, c // 2, 1)) if bilinear
                      else nn.ConvTranspose2d(c, c // 2, 2, stride=2))
                setattr(self, "up%d" % k, up)
                setattr(self, "dec%d" % k, double_conv(c, c // 2))
            self.outc = nn.Conv2d(base, classes, 1)

        def forward(self, x):
            skips = [self.inc(x)]
            for k in range(1, self.depth + 1):
                skips.append(getattr(self, "down%d" % k)(skips[-1]))
            x = skips.pop()
            for k in range(self.depth, 0, -1):
                x = torch.cat([skips.pop(), getattr(self, "up%d" % k)(x)], dim=1)
                x = getattr(self, "dec%d" % k)(x)
            return self.outc(x)

    return UNet()


def prod(shape):
    n = 1
    for v in shape:
        n *= int(v)
    return n


def measure(torch, cfg, device):
    name, h, w, c, classes, base, depth, bilinear = cfg
    model = make_unet(torch, c, classes, base, depth, bilinear).eval().to(device)
    names = {m: n for n, m in model.named_modules()}
    rows = []

    def hook(m, inputs, out):
        if not list(m.children()):
            rows.append((names[m], tuple(int(v) for v in out.shape[1:])))

    handles = [m.register_forward_hook(hook) for m in model.modules()]
    image = torch.zeros(1, c, h, w, device=device)
    out, macs = pytorch_macs.measure(model, lambda: model(image))
    for handle in handles:
        handle.remove()
    params = sum(int(p.numel()) for p in model.parameters())
    buffers = sum(int(b.numel()) for n, b in model.named_buffers() if not n.endswith("num_batches_tracked"))
    return dict(name=name, cfg=cfg, params=params, buffers=buffers, output=tuple(int(v) for v in out.shape[1:]),
                macs=macs, layers=rows if name in LAYERS_OF else None)


def receptive_field(torch, depth, bilinear):
    """The widest gradient support of one output over a period of 2^depth outputs (see the docstring),
    per axis, and the output stride; grows the input until no measured support touches an edge."""
    nn = torch.nn
    period = 1 << depth
    side = 8 * period
    while True:
        model = make_unet(torch, 1, 1, 1, depth, bilinear).double().eval()
        for n, m in list(model.named_modules()):
            for child_name, child in list(m.named_children()):
                if isinstance(child, nn.MaxPool2d):
                    setattr(m, child_name, nn.AvgPool2d(child.kernel_size))
        with torch.no_grad():
            for m in model.modules():
                if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                    m.weight.fill_(1.0 / prod(m.weight.shape[1:]))
                    if m.bias is not None:
                        m.bias.fill_(0.0)
        # outputs (o, o) for o in one period around the centre and one more, a batch element each
        first = side // 2 - period // 2
        x = torch.ones(period + 1, 1, side, side, dtype=torch.float64, requires_grad=True)
        y = model(x)
        assert tuple(y.shape[2:]) == (side, side)
        sum(y[b, :, first + b, first + b].sum() for b in range(period + 1)).backward()
        g = x.grad[:, 0]
        spans = []
        for b in range(period + 1):
            rows = torch.nonzero(g[b].abs().sum(dim=1) > 0).flatten()
            cols = torch.nonzero(g[b].abs().sum(dim=0) > 0).flatten()
            spans.append((int(rows[0]), int(rows[-1]), int(cols[0]), int(cols[-1])))
        if all(s[0] > 0 and s[2] > 0 and s[1] < side - 1 and s[3] < side - 1 for s in spans):
            break
        side *= 2
        if side > 4096:
            raise RuntimeError("receptive field wider than 4096")
    height = max(s[1] - s[0] + 1 for s in spans[:period])
    width = max(s[3] - s[2] + 1 for s in spans[:period])
    stride_h = fractions.Fraction(spans[period][0] - spans[0][0], period)
    stride_w = fractions.Fraction(spans[period][2] - spans[0][2], period)
    assert stride_h == stride_w
    return (height, width), stride_h, side


def write(path, torch, results):
    with open(path, "w") as f:
        f.write("// Generated by tools/unet_reference.py with torch %s: do not edit.\n" % torch.__version__)
        f.write("// A PyTorch U-Net of our own (the script's make_unet) measured by PyTorch: parameters, buffers,\n"
                "// the output's shape, MACs (tools/pytorch_macs.py: profiler and hooks), the receptive field (gradients).\n")
        f.write("#pragma once\n\n#include <netshape/shape.hpp>\n\nnamespace unet_reference {\n\nusing netshape::count_t;\n\n")
        f.write("struct hwc {\n    count_t height, width, channels;\n};\n\n"
                "struct layer {\n    const char* name;\n    hwc output;\n};\n\n"
                "// make_unet(channels, classes, base, depth, bilinear) on one height x width image. field: the\n"
                "// widest gradient support of one output (height, width), measured on a field_side-square input;\n"
                "// stride: the output stride (a whole number here).\n"
                "struct model {\n    const char* name;\n    count_t height, width, channels, classes, base, depth;\n"
                "    bool bilinear;\n    count_t params, buffers;\n    hwc output;\n    count_t macs;\n"
                "    count_t field_height, field_width, stride, field_side;\n};\n\n")
        for r in results:
            name, h, w, c, classes, base, depth, bilinear = r["cfg"]
            assert r["stride"].denominator == 1
            o = r["output"]
            f.write("inline constexpr model %s{\"%s\", %d, %d, %d, %d, %d, %d, %s, %d, %d, {%d, %d, %d}, %d, %d, %d, %d, %d};\n"
                    % (name, name, h, w, c, classes, base, depth, "true" if bilinear else "false", r["params"],
                       r["buffers"], o[1], o[2], o[0], r["macs"], r["field"][0], r["field"][1], r["stride"].numerator,
                       r["side"]))
        for r in results:
            if r["layers"] is None:
                continue
            f.write("\n// %s: every leaf module's qualified name and output shape, in call order.\n" % r["name"])
            f.write("inline constexpr layer %s_layers[] = {\n" % r["name"])
            for n, s in r["layers"]:
                f.write("    {\"%s\", {%d, %d, %d}},\n" % (n, s[1], s[2], s[0]))
            f.write("};\n")
        f.write("\n}  // namespace unet_reference\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "unet_reference.hpp"),
                    help="header to write (default: tests/data/unet_reference.hpp)")
    args = ap.parse_args(argv)
    torch = require("torch")
    torch.set_num_threads(1)
    torch.manual_seed(0)
    results = []
    for cfg in CONFIGS:
        # The aliases on the `meta` device (shapes only: every figure here depends on shapes alone),
        # the smaller models on CPU tensors; one of them both ways, which must agree.
        r = measure(torch, cfg, "meta" if cfg[0] in LAYERS_OF or cfg[0] == CROSS_CHECK else "cpu")
        if cfg[0] == CROSS_CHECK and measure(torch, cfg, "cpu") != r:
            print("%s: meta and CPU measurements differ" % cfg[0], file=sys.stderr)
            return 1
        r["field"], r["stride"], r["side"] = receptive_field(torch, cfg[6], cfg[7])
        results.append(r)
    write(args.out, torch, results)
    print("wrote %s: %d models" % (args.out, len(results)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
