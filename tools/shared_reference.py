#!/usr/bin/env python3
"""Measures small PyTorch networks that call the same module several times (shared weights) and
writes tests/data/shared_reference.hpp, which tests/test_shared.cpp compares netshape's shared<Tag, B>
against (tests/zoo_reference_shared.cmake checks that the committed header is what this script writes
today).

Run with Debian's python3 (python3-torch): /usr/bin/python3 tools/shared_reference.py [--out FILE]

The networks (netshape's spelling of each is in tests/test_shared.cpp):
  retina   a RetinaNet-like detector on 64x64x3: three stride-2 stages ("c3", "c4", "c5": 3x3
           convolution and ReLU); on each stage's output the same classification head ("cls":
           conv 3x3, BatchNorm2d, ReLU, conv 3x3 to 9 anchors x 4 classes) and the same box head
           ("box": conv 3x3, ReLU, conv 3x3 to 9 x 4); it returns the six head outputs, level by level
  trident  a TridentNet-like block on 32x32x8: one 3x3 convolution's weights applied with dilation
           1, 2 and 3 (F.conv2d with the module's weight and bias), the three results concatenated
  siamese  one tower (conv 5x5, ReLU, max pool 2, conv 3x3, global average pool, flatten) called on a
           24x24x1 image and on its 2x2-max-pooled copy (12x12, F.max_pool2d), the two embeddings
           concatenated, then a linear layer to 2
Every figure is what PyTorch returned:
  params   sum(p.numel() for p in model.parameters()): a module called several times counts once
  buffers  elements of its buffers except num_batches_tracked (docs/figures.md)
  outputs  every returned tensor's shape, in order (height, width, channels; a vector as 1x1xN)
  macs     forward hooks on every convolution and linear layer, which fire at every call: Conv2d
           output elements x in/groups x kernel area; Linear input x output features; the trident's
           functional convolutions counted the same way by the script
Exit status: 0 written, 1 failure, 2 usage, 77 torch missing.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netshape_script import ROOT, require  # noqa: E402


def prod(shape):
    n = 1
    for v in shape:
        n *= int(v)
    return n


def conv_macs(m, out):
    return prod(out.shape[1:]) * (m.in_channels // m.groups) * prod(m.kernel_size)


def networks(torch):
    nn, F = torch.nn, torch.nn.functional

    class Retina(nn.Module):
        def __init__(self):
            super().__init__()
            self.c3 = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.ReLU())
            self.c4 = nn.Sequential(nn.Conv2d(16, 16, 3, stride=2, padding=1), nn.ReLU())
            self.c5 = nn.Sequential(nn.Conv2d(16, 16, 3, stride=2, padding=1), nn.ReLU())
            self.cls = nn.Sequential(nn.Conv2d(16, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
                                     nn.Conv2d(16, 9 * 4, 3, padding=1))
            self.box = nn.Sequential(nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 9 * 4, 3, padding=1))

        def forward(self, x):
            outs = []
            for stage in (self.c3, self.c4, self.c5):
                x = stage(x)
                outs += [self.cls(x), self.box(x)]
            return outs

    class Trident(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(8, 12, 3)
            self.extra = 0  # MACs of the functional calls (no hook sees them)

        def forward(self, x):
            ys = []
            for d in (1, 2, 3):
                y = F.conv2d(x, self.conv.weight, self.conv.bias, padding=d, dilation=d)
                self.extra += conv_macs(self.conv, y)
                ys.append(y)
            return [torch.cat(ys, dim=1)]

    class Siamese(nn.Module):
        def __init__(self):
            super().__init__()
            self.tower = nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 10, 3),
                                       nn.AdaptiveAvgPool2d(1), nn.Flatten())
            self.fc = nn.Linear(20, 2)

        def forward(self, x):
            a = self.tower(x)
            b = self.tower(F.max_pool2d(x, 2))
            return [self.fc(torch.cat([a, b], dim=1))]

    return [("retina", Retina(), (3, 64, 64)), ("trident", Trident(), (8, 32, 32)), ("siamese", Siamese(), (1, 24, 24))]


def measure(torch, name, model, chw):
    nn = torch.nn
    model.eval()
    macs = [0]

    def hook(m, inputs, out):
        if isinstance(m, nn.Conv2d):
            macs[0] += conv_macs(m, out)
        elif isinstance(m, nn.Linear):
            macs[0] += prod(out.shape[1:]) * m.in_features

    for m in model.modules():
        m.register_forward_hook(hook)
    with torch.no_grad():
        outs = model(torch.zeros(1, *chw))
    macs[0] += getattr(model, "extra", 0)
    shapes = [(int(o.shape[2]), int(o.shape[3]), int(o.shape[1])) if o.dim() == 4 else (1, 1, int(o.shape[1]))
              for o in outs]
    params = sum(int(p.numel()) for p in model.parameters())
    buffers = sum(int(b.numel()) for n, b in model.named_buffers() if not n.endswith("num_batches_tracked"))
    return dict(name=name, input=(chw[1], chw[2], chw[0]), params=params, buffers=buffers, macs=macs[0], outputs=shapes)


def write(path, torch, results):
    with open(path, "w") as f:
        f.write("// Generated by tools/shared_reference.py with torch %s: do not edit.\n" % torch.__version__)
        f.write("// PyTorch networks that call one module several times: parameters and buffers as PyTorch lists\n"
                "// them (once), MACs from forward hooks (every call), every output's shape.\n")
        f.write("#pragma once\n\n#include <netshape/shape.hpp>\n\nnamespace shared_reference {\n\nusing netshape::count_t;\n\n")
        f.write("struct hwc {\n    count_t height, width, channels;\n};\n\n"
                "struct model {\n    const char* name;\n    hwc input;\n    count_t params, buffers, macs;\n};\n\n")
        for r in results:
            i = r["input"]
            f.write("inline constexpr model %s{\"%s\", {%d, %d, %d}, %d, %d, %d};\n"
                    % (r["name"], r["name"], i[0], i[1], i[2], r["params"], r["buffers"], r["macs"]))
            f.write("inline constexpr hwc %s_outputs[] = {%s};\n"
                    % (r["name"], ", ".join("{%d, %d, %d}" % s for s in r["outputs"])))
        f.write("\n}  // namespace shared_reference\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "shared_reference.hpp"),
                    help="header to write (default: tests/data/shared_reference.hpp)")
    args = ap.parse_args(argv)
    torch = require("torch")
    torch.set_num_threads(1)
    torch.manual_seed(0)
    results = [measure(torch, name, model, chw) for name, model, chw in networks(torch)]
    write(args.out, torch, results)
    print("wrote %s: %d networks" % (args.out, len(results)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
