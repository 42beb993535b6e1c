"""ConvNeXt's block as PyTorch exports it at opset 13 (issue 19): Transpose(0, 2, 3, 1) to channels
last, layer norm as ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add over the last axis,
nn.Linear as MatMul by a transposed weight plus a bias (per position: dense<F, per_pixel>), GELU,
Transpose(0, 3, 1, 2) back, and the layer scale as Mul by a learned (C, 1, 1); what reads a
channels-last tensor otherwise is refused."""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import Graph  # noqa: E402


def layer_norm(g, x, c, name):
    mean = g.op("ReduceMean", [x], name + "_mean", axes=[-1])
    sub = g.op("Sub", [x, mean], name + "_sub")
    var = g.op("ReduceMean", [g.op("Pow", [sub, g.tensor([], 2.0)], name + "_pow")], name + "_var", axes=[-1])
    std = g.op("Sqrt", [g.op("Add", [var, g.tensor([], 1e-6)], name + "_eps")], name + "_sqrt")
    y = g.op("Div", [sub, std], name + "_div")
    return g.op("Add", [g.op("Mul", [y, g.tensor([c], 1.0)], name + "_scale"), g.tensor([c])], name)


def linear(g, x, cin, cout, name):
    w = g.op("Transpose", [g.tensor([cout, cin])], name + "_wt", perm=[1, 0])
    return g.op("Add", [g.tensor([cout]), g.op("MatMul", [x, w], name)], name + "_bias")


def gelu(g, x, name):
    e = g.op("Erf", [g.op("Div", [x, g.tensor([], math.sqrt(2))], name + "_div")], name + "_erf")
    m = g.op("Mul", [x, g.op("Add", [e, g.tensor([], 1.0)], name + "_add")], name + "_mul")
    return g.op("Mul", [m, g.tensor([], 0.5)], name)


def cases():
    c, h = 8, 6
    g = Graph(c, h, h)
    y = g.conv("x", c, c, 7, "dw", group=c, pads=[3, 3, 3, 3])
    t = g.op("Transpose", [y], "to_last", perm=[0, 2, 3, 1])
    t = gelu(g, linear(g, layer_norm(g, t, c, "norm"), c, 4 * c, "fc1"), "gelu")
    t = g.op("Transpose", [linear(g, t, 4 * c, c, "fc2")], "to_first", perm=[0, 3, 1, 2])
    y = g.op("Add", [g.op("Mul", [g.tensor([c, 1, 1], 1e-6), t], "layer_scale"), "x"], "residual")
    params = (c * 49 + c) + 2 * c + (c * 4 * c + 4 * c) + (4 * c * c + c) + c
    yield {"name": "convnext_block", "model": g.model(y),
           "contains": ['"norm_mean", ns::layer_norm', '"fc1", ns::dense<32, ns::per_pixel>', '"gelu", ns::gelu',
                        '"layer_scale", ns::layer_scale'],
           "figures": {"params": params, "macs": h * h * c * 49 + 2 * h * h * c * 4 * c, "output": (h, h, c)}}

    g = Graph(c, h, h)
    t = g.op("Transpose", ["x"], "to_last", perm=[0, 2, 3, 1])
    yield {"name": "conv_on_channels_last", "model": g.model(g.conv(t, h, 4, 1, "conv")),
           "error": "node 'conv' (Conv): reads a channels-last tensor"}
    g = Graph(c, h, h)
    yield {"name": "other_transpose", "model": g.model(g.op("Transpose", ["x"], "swap", perm=[0, 1, 3, 2])),
           "error": "node 'swap' (Transpose): Transpose [0, 1, 3, 2] of a NCHW tensor"}
    g = Graph(c, h, h)
    t = g.op("Transpose", ["x"], "to_last", perm=[0, 2, 3, 1])
    mean = g.op("ReduceMean", [t], "mean", axes=[-1])
    sub = g.op("Sub", [t, mean], "sub")
    var = g.op("ReduceMean", [g.op("Pow", [sub, g.tensor([], 2.0)], "pow")], "var", axes=[-1])
    y = g.op("Div", [sub, g.op("Sqrt", [g.op("Add", [var, g.tensor([], 1e-6)], "eps")], "sqrt")], "div")
    y = g.op("Transpose", [y], "to_first", perm=[0, 3, 1, 2])
    yield {"name": "layer_norm_without_affine", "model": g.model(y),
           "error": "node 'mean' (ReduceMean): a layer norm without a learned per-channel scale and shift"}
