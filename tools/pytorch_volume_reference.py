#!/usr/bin/env python3
"""Measures two hand-written PyTorch networks of unusual sizes, one over a volume (Conv3d, pools 3-D,
ConvTranspose3d, norms, adaptive pooling) and one over a sequence (Conv1d, pools 1-D,
ConvTranspose1d), and writes tests/data/pytorch_volumes.hpp, which tests/test_video.cpp compares
netshape's own writing of the same networks against (tests/zoo_reference.cmake re-runs this script
and checks that the committed header is what it writes today).

Run with Debian's python3 (python3-torch): /usr/bin/python3 tools/pytorch_volume_reference.py [--out FILE]

Every figure is what PyTorch returned, per layer in order:
  output   the output tensor's shape for one example (NCDHW, NCL), written as netshape's D, H, W, C
           (a sequence: D = H = 1, W = L; a flattened tensor: D = H = W = 1)
  weights  elements of the module's `weight` (0 without one), biases of its `bias`
  buffers  elements of its buffers except num_batches_tracked (as batch norm's, docs/figures.md)
  macs     tools/pytorch_macs.py's measurement of the module's forward (hooks for conv1d, conv3d and
           the transposes, which PyTorch's profiler does not count; the profiler for Linear)
  field    the receptive field of the networks' first layers (up to the second convolution) per
           axis: the extent of the input positions whose gradient reaches one central output, with
           every weight one, each max pool measured as a depthwise convolution of ones over the
           same window (a max passes one input's gradient; the inputs it may pass are those it
           reads), on an input large enough that the output is clear of the edges
Exit status: 0 written, 1 failure, 2 usage, 77 torch missing.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netshape_script import ROOT, require  # noqa: E402

VOLUME_INPUT = (3, 11, 23, 17)    # C, D, H, W
SEQUENCE_INPUT = (5, 997)         # C, L


def volume_layers(nn):
    return [
        nn.Conv3d(3, 10, (3, 5, 4), stride=(1, 2, 3), padding=(1, 2, 0), dilation=(2, 1, 1), bias=False),
        nn.BatchNorm3d(10),
        nn.ReLU(),
        nn.MaxPool3d((2, 3, 2), stride=(1, 2, 2), padding=(1, 1, 0), dilation=(1, 1, 2), ceil_mode=True),
        nn.Conv3d(10, 12, 3, padding=1, groups=2),
        nn.GroupNorm(3, 12),
        nn.ConvTranspose3d(12, 6, (2, 3, 3), stride=(2, 1, 2), padding=(0, 1, 1), output_padding=(1, 0, 1)),
        nn.InstanceNorm3d(6, affine=True),
        nn.AvgPool3d((3, 2, 2), stride=(2, 2, 1), padding=(1, 0, 1), ceil_mode=True),
        nn.AdaptiveMaxPool3d((2, 3, 5)),
        nn.Conv3d(6, 4, 1),
        nn.AdaptiveAvgPool3d(1),
        nn.Flatten(),
        nn.Linear(4, 7),
    ]


def sequence_layers(nn):
    return [
        nn.Conv1d(5, 9, 7, stride=3, padding=2, dilation=2),
        nn.BatchNorm1d(9),
        nn.ReLU(),
        nn.MaxPool1d(5, stride=2, padding=2, dilation=3, ceil_mode=True),
        nn.Conv1d(9, 12, 4, groups=3, bias=False),
        nn.ConvTranspose1d(12, 4, 5, stride=3, padding=1, output_padding=2),
        nn.AvgPool1d(3, stride=2, padding=1, ceil_mode=True),
        nn.AdaptiveAvgPool1d(13),
        nn.Flatten(),
        nn.Linear(52, 11),
    ]


# Layers up to and with the second convolution: the prefix whose receptive field is measured.
FIELD_PREFIX = {"volume": 5, "sequence": 5}


def as_netshape(shape):
    """A one-example tensor shape (without the batch) as netshape's D, H, W, C."""
    if len(shape) == 4:
        return shape[1], shape[2], shape[3], shape[0]
    if len(shape) == 2:
        return 1, 1, shape[1], shape[0]
    return 1, 1, 1, shape[0]


def measure_layers(torch, macs, layers, x):
    rows = []
    for layer in layers:
        layer.eval()
        y, m = macs.measure(layer, lambda: layer(x))
        weight = getattr(layer, "weight", None)
        bias = getattr(layer, "bias", None)
        buffers = sum(int(b.numel()) for n, b in layer.named_buffers() if not n.endswith("num_batches_tracked"))
        rows.append(as_netshape(tuple(y.shape[1:])) + (int(weight.numel()) if weight is not None else 0,
                                                        int(bias.numel()) if bias is not None else 0, buffers, m))
        x = y
    return rows


def receptive_field(torch, layers, channels, size):
    """Extent per spatial axis of the inputs that reach the central output of `layers`."""
    nn = torch.nn
    if any(isinstance(layer, (nn.MaxPool1d, nn.MaxPool3d)) for layer in layers):
        raise ValueError("a max pool passes one input's gradient: measure its window as a convolution")
    net = nn.Sequential(*layers).eval()
    with torch.no_grad():
        for p in net.parameters():
            p.fill_(1.0)
    x = torch.ones((1, channels) + size, dtype=torch.float64, requires_grad=True)
    net = net.double()
    y = net(x)
    centre = tuple(n // 2 for n in y.shape[2:])
    y[(0, 0) + centre].backward()
    reach = x.grad[0].abs().sum(0) > 0
    extents = []
    for axis in range(reach.dim()):
        other = tuple(a for a in range(reach.dim()) if a != axis)
        line = reach.permute((axis,) + other).reshape(reach.shape[axis], -1).any(1)
        idx = line.nonzero().flatten()
        if idx[0] == 0 or idx[-1] == line.numel() - 1:
            raise ValueError("receptive field touches the input's edge: enlarge the measured input")
        extents.append(int(idx[-1] - idx[0] + 1))
    return extents


def dilated_pool_field(torch, layers, channels, size):
    """The receptive field with each max pool replaced by a depthwise convolution of ones over the
    same window (stride, padding, dilation): the inputs a max may pass on are those it reads."""
    nn = torch.nn
    replaced = []
    c = channels
    for layer in layers:
        if isinstance(layer, (nn.MaxPool1d, nn.MaxPool3d)):
            conv = nn.Conv1d if isinstance(layer, nn.MaxPool1d) else nn.Conv3d
            k = layer.kernel_size
            replaced.append(conv(c, c, k, stride=layer.stride, padding=layer.padding, dilation=layer.dilation,
                                 groups=c, bias=False))
        else:
            replaced.append(layer)
            if isinstance(layer, (nn.Conv1d, nn.Conv3d)):
                c = layer.out_channels
    return receptive_field(torch, replaced, channels, size)


def write(out_path, torch, volume, sequence, volume_field, sequence_field):
    with open(out_path, "w") as f:
        f.write("// Generated by tools/pytorch_volume_reference.py with torch %s: do not edit.\n" % torch.__version__)
        f.write("// Per layer of two hand-written PyTorch networks: output D, H, W, C, weights, biases, buffers, MACs.\n")
        f.write("#pragma once\n\n#include <netshape/netshape.hpp>\n\nnamespace pytorch_volumes {\n\n")
        f.write("struct row {\n    netshape::count_t d, h, w, c, weights, biases, buffers, macs;\n};\n\n")
        for name, rows in (("volume_net", volume), ("sequence_net", sequence)):
            f.write("inline constexpr row %s[] = {\n" % name)
            for r in rows:
                f.write("    {%s},\n" % ", ".join(str(v) for v in r))
            f.write("};\n\n")
        f.write("// Receptive field of the first %d layers (depth, height, width; the length).\n" % FIELD_PREFIX["volume"])
        f.write("inline constexpr netshape::count_t volume_field[] = {%s};\n" % ", ".join(str(v) for v in volume_field))
        f.write("inline constexpr netshape::count_t sequence_field = %d;\n\n}  // namespace pytorch_volumes\n" % sequence_field[0])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "pytorch_volumes.hpp"),
                    help="header to write (default: tests/data/pytorch_volumes.hpp)")
    out_path = ap.parse_args(argv).out
    torch = require("torch")
    import pytorch_macs as macs
    torch.manual_seed(0)
    nn = torch.nn
    volume = measure_layers(torch, macs, volume_layers(nn), torch.zeros((1,) + VOLUME_INPUT))
    sequence = measure_layers(torch, macs, sequence_layers(nn), torch.zeros((1,) + SEQUENCE_INPUT))
    volume_field = dilated_pool_field(torch, volume_layers(nn)[:FIELD_PREFIX["volume"]], VOLUME_INPUT[0], (41, 61, 61))
    sequence_field = dilated_pool_field(torch, sequence_layers(nn)[:FIELD_PREFIX["sequence"]], SEQUENCE_INPUT[0], (301,))
    write(out_path, torch, volume, sequence, volume_field, sequence_field)
    print("wrote %s: %d + %d layers" % (out_path, len(volume), len(sequence)), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
