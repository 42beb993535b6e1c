"""x·sigmoid(x) is silu, x·HardSigmoid(x) hardswish, the Erf expression gelu, Clip(0, 6) relu6,
x·Tanh(Softplus(x)) mish, LRN of an odd size local_response_norm; what differs from them is refused."""
import math
import os
import sys

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
    g = Graph(4, 6, 6)
    yield {"name": "softplus_alone", "model": g.model(g.op("Softplus", ["x"], "sp")),
           "error": "node 'sp' (Softplus): a Softplus outside the Mish pattern"}
    g = Graph(4, 6, 6)
    yield {"name": "hardsigmoid_onnx_default", "model": g.model(g.op("HardSigmoid", ["x"], "hs")),
           "error": "node 'hs' (HardSigmoid): alpha 0.2, beta 0.5: netshape's hardsigmoid is PyTorch's"}
