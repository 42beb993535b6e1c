"""x·sigmoid(x) is silu, x·HardSigmoid(x) hardswish, the Erf expression gelu, Clip(0, 6) relu6,
x·Tanh(Softplus(x)) mish, LRN of an odd size local_response_norm; Softplus alone, Selu, Celu,
ThresholdedRelu and PRelu (a learned slope, one or one per channel: prelu); what differs is refused."""
import math
import os
import sys

import numpy as np
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(__file__))
from common import Graph  # noqa: E402


def cases():
    g = Graph(8, 10, 10)
    y = g.conv("x", 8, 16, 3, "conv", pads=[1, 1, 1, 1])
    s = g.op("Sigmoid", [y], "sig")
    y = g.op("Mul", [y, s], "silu")
    d = g.op("Div", [y, g.tensor([], math.sqrt(2))], "div")
    e = g.op("Erf", [d], "erf")
    a = g.op("Add", [e, g.tensor([], 1.0)], "one_plus")
    m = g.op("Mul", [y, a], "x_times")
    y = g.op("Mul", [m, g.tensor([], 0.5)], "gelu")
    h = g.op("HardSigmoid", [y], "hsig", alpha=1 / 6, beta=0.5)
    y = g.op("Mul", [y, h], "hswish")
    y = g.op("Clip", [y, g.tensor([], 0.0), g.tensor([], 6.0)], "relu6")
    conv = 16 * 8 * 9 + 16
    yield {"name": "activations", "model": g.model(y),
           "contains": ['"silu", ns::silu', '"gelu", ns::gelu', '"hswish", ns::hardswish', '"relu6", ns::relu6'],
           "figures": {"params": conv, "macs": 10 * 10 * 16 * 8 * 9, "output": (10, 10, 16)}}

    g = Graph(4, 6, 6)
    y = g.op("Clip", ["x", g.tensor([], 0.0), g.tensor([], 1.0)], "clip01")
    yield {"name": "clip_other", "model": g.model(y), "error": "node 'clip01' (Clip)"}

    g = Graph(4, 6, 6)
    sp = g.op("Softplus", ["x"], "softplus")
    y = g.op("Mul", ["x", g.op("Tanh", [sp], "tanh")], "mish")
    y = g.op("LRN", [y], "lrn", size=5, alpha=1e-4, beta=0.75, bias=2.0)
    y = g.op("HardSigmoid", [y], "hsig", alpha=1 / 6, beta=0.5)
    yield {"name": "mish_lrn", "model": g.model(y),
           "contains": ['"mish", ns::mish', '"lrn", ns::local_response_norm<5>', '"hsig", ns::hardsigmoid'],
           "figures": {"params": 0, "macs": 0, "output": (6, 6, 4)}}
    g = Graph(4, 6, 6)
    yield {"name": "lrn_even", "model": g.model(g.op("LRN", ["x"], "lrn4", size=4)),
           "error": "node 'lrn4' (LRN): size 4: ONNX centres an even window"}
    # Issue 19's functions: Softplus alone, Selu (nn.SELU's constants), Celu, ThresholdedRelu; PRelu's
    # learned slope of one element or one per channel (as nn.PReLU exports it: [C, 1, 1], or [1]).
    g = Graph(4, 6, 6)
    y = g.op("Softplus", ["x"], "sp")
    y = g.op("Selu", [y], "selu")
    y = g.op("Celu", [y], "celu", alpha=0.5)
    y = g.op("ThresholdedRelu", [y], "thr", alpha=2.0)
    y = g.op("PRelu", [y, g.tensor([4, 1, 1], 0.25)], "prelu_c")
    y = g.op("PRelu", [y, g.tensor([1, 4, 1, 1], 0.25)], "prelu_c4")
    y = g.op("PRelu", [y, g.tensor([1], 0.25)], "prelu_1")
    y = g.op("GlobalAveragePool", [y], "gap")
    y = g.op("Flatten", [y], "flat")
    y = g.op("Gemm", [y, g.tensor([3, 4]), g.tensor([3])], "fc", transB=1)
    y = g.op("PRelu", [y, g.tensor([3], 0.25)], "prelu_f")  # N×F: one slope per feature
    yield {"name": "issue19_functions", "model": g.model(y),
           "contains": ['"sp", ns::softplus', '"selu", ns::selu', '"celu", ns::celu', '"thr", ns::thresholded_relu',
                        '"prelu_c", ns::prelu<4>', '"prelu_c4", ns::prelu<4>', '"prelu_1", ns::prelu<>',
                        '"prelu_f", ns::prelu<3>'],
           "figures": {"params": 4 + 4 + 1 + (4 * 3 + 3) + 3, "macs": 4 * 3, "output": (1, 1, 3)}}
    g = Graph(4, 6, 6)
    yield {"name": "prelu_along_width", "model": g.model(g.op("PRelu", ["x", g.tensor([6], 0.25)], "pw")),
           "error": "node 'pw' (PRelu): a slope of shape [6] on a tensor [1, 4, 6, 6]: nn.PReLU has one slope, "
                    "or one per channel"}
    g = Graph(4, 6, 6)
    yield {"name": "prelu_per_position", "model": g.model(g.op("PRelu", ["x", g.tensor([4, 6, 6], 0.25)], "pp")),
           "error": "node 'pp' (PRelu): a slope of shape [4, 6, 6]"}
    g = Graph(4, 6, 6)
    slope = g.op("Constant", [], "slope", value=numpy_helper.from_array(np.full([1], 0.1, np.float32)))
    yield {"name": "prelu_constant_slope", "model": g.model(g.op("PRelu", ["x", slope], "pk")),
           "error": "node 'pk' (PRelu): the slope is a constant, not a learned parameter"}
    g = Graph(4, 6, 6)
    yield {"name": "selu_other_constants", "model": g.model(g.op("Selu", ["x"], "s2", alpha=2.0)),
           "error": "node 's2' (Selu): alpha 2, gamma 1.0507: netshape's selu is PyTorch's nn.SELU"}
    g = Graph(4, 6, 6)
    yield {"name": "hardsigmoid_onnx_default", "model": g.model(g.op("HardSigmoid", ["x"], "hs")),
           "error": "node 'hs' (HardSigmoid): alpha 0.2, beta 0.5: netshape's hardsigmoid is PyTorch's"}
