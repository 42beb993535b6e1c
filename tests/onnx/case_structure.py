"""Forks and joins: squeeze-excitation (multiply with broadcasting), ShuffleNet's split, concat and
channel shuffle, a Pad folded into a conv, dense from Flatten/Reshape + MatMul + Add, and the graphs
that must be refused with the offending node's name."""
import os
import sys

import numpy as np
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(__file__))
from common import Graph  # noqa: E402


def cases():
    # Squeeze-excitation: x * sigmoid(conv(relu(conv(gap(x))))).
    g = Graph(16, 7, 7)
    s = g.op("GlobalAveragePool", ["x"], "gap")
    s = g.conv(s, 16, 4, 1, "fc1")
    s = g.op("Relu", [s], "relu")
    s = g.conv(s, 4, 16, 1, "fc2")
    s = g.op("Sigmoid", [s], "gate")
    y = g.op("Mul", ["x", s], "scale")
    yield {"name": "squeeze_excitation", "model": g.model(y),
           "contains": ['ns::named<"scale", ns::multiply<\n        ns::identity,'],
           "figures": {"params": (16 * 4 + 4) + (4 * 16 + 16), "macs": 16 * 4 + 4 * 16, "output": (7, 7, 16)}}

    # ShuffleNet unit: split channels, transform one half, concatenate, shuffle with 2 groups.
    g = Graph(8, 5, 5)
    a, b = g.op("Split", ["x", g.ints([4, 4])], "split", outputs=2, axis=1)
    b = g.conv(b, 4, 4, 3, "dw", group=4, pads=[1, 1, 1, 1], bias=False)
    y = g.op("Concat", [a, b], "cat", axis=1)
    y = g.op("Reshape", [y, g.ints([1, 2, 4, 5, 5])], "view")
    y = g.op("Transpose", [y], "shuffle", perm=[0, 2, 1, 3, 4])
    y = g.op("Reshape", [y, g.ints([1, -1, 5, 5])], "back")
    yield {"name": "shuffle_unit", "model": g.model(y),
           "contains": ["ns::channel_slice<0, 4>", "ns::channel_slice<4, 4>", '"shuffle", ns::channel_shuffle<2>',
                        "ns::concat<"],
           "figures": {"params": 4 * 9, "macs": 5 * 5 * 4 * 9, "output": (5, 5, 8)}}

    # Pad folded into the conv after it: 1 row above and below (the conv's pad), 0 columns left and
    # 2 right (a zero_pad named after the Pad, before the conv: the same tensor, where a symmetric
    # split would shift it).
    g = Graph(3, 9, 9)
    y = g.op("Pad", ["x", g.ints([0, 0, 1, 0, 0, 0, 1, 2])], "pad", mode="constant")
    y = g.conv(y, 3, 6, 3, "conv", strides=[2, 2])
    # (9 + 2 - 3) / 2 + 1 = 5 on both axes
    yield {"name": "pad_fold", "model": g.model(y),
           "contains": ['"pad", ns::zero_pad<0, 0, 0, 2>', '"conv", ns::conv2d<6, 3, ns::stride<2>, ns::pad<1, 0>>'],
           "figures": {"params": 6 * 3 * 9 + 6, "macs": 5 * 5 * 6 * 3 * 9, "output": (5, 5, 6)}}

    # tf2onnx's SAME_UPPER stride-2 convolution as explicit pads (0 before, 1 after), and auto_pad itself.
    g = Graph(3, 8, 8)
    y = g.conv("x", 3, 4, 3, "same", strides=[2, 2], pads=[0, 0, 1, 1])
    y = g.conv(y, 4, 4, 3, "auto", strides=[2, 2], auto_pad="SAME_UPPER")
    yield {"name": "asymmetric_conv_pads", "model": g.model(y),
           "contains": ['"same[pad]", ns::zero_pad<0, 0, 1, 1>', '"same", ns::conv2d<4, 3, ns::stride<2>>',
                        '"auto[pad]", ns::zero_pad<0, 0, 1, 1>'],
           "figures": {"params": 2 * (4 * 4 * 9 + 4) - 4 * 9, "macs": 4 * 4 * 4 * 27 + 2 * 2 * 4 * 36, "output": (2, 2, 4)}}

    # A Pad no Conv follows: a zero_pad layer; a negative pad crops (ZeroPad2d's).
    g = Graph(3, 6, 6)
    y = g.op("Pad", ["x", g.ints([0, 0, 1, 2, 0, 0, 0, 1])], "pad", mode="constant")
    y = g.op("MaxPool", [y], "pool", kernel_shape=[2, 2], strides=[2, 2])
    y = g.op("Pad", [y, g.ints([0, 0, -1, 0, 0, 0, 0, -1])], "crop", mode="constant")
    yield {"name": "zero_pad", "model": g.model(y),
           "contains": ['"pad", ns::zero_pad<1, 2, 0, 1>', '"crop", ns::zero_pad<-1, 0, 0, -1>'],
           "figures": {"params": 0, "macs": 0, "output": (2, 3, 3)}}  # 7×9 → pool 3×4 → 2×3
    g = Graph(3, 6, 6)
    y = g.op("Pad", ["x", g.ints([0, 0, -7, 0, 0, 0, 2, 0])], "over", mode="constant")
    yield {"name": "zero_pad_crop_too_much", "model": g.model(y),
           "error": "node 'over' (Pad): pads [-7, 0, 2, 0] (top, left, bottom, right) crop more than the 6×6 input"}

    # Reshape to [1, -1], then MatMul + Add: one dense layer.
    g = Graph(4, 3, 3)
    y = g.op("Reshape", ["x", g.ints([1, -1])], "flat")
    y = g.op("MatMul", [y, g.tensor([36, 10])], "fc")
    y = g.op("Add", [y, g.tensor([10])], "fc_bias")
    yield {"name": "matmul_dense", "model": g.model(y), "contains": ['"fc", ns::dense<10>>'],
           "figures": {"params": 36 * 10 + 10, "macs": 360, "output": (1, 1, 10)}}

    # The Reshape target computed by a constant Cast (issue 12: onnx 1.12 has no
    # helper.tensor_dtype_to_np_dtype, and this failed there).
    g = Graph(4, 3, 3)
    target = g.op("Cast", [g.tensor([2], 1.0)], "to_int", to=7)  # [1.0, 1.0] as int64
    target = g.op("Mul", [target, g.ints([1, 36])], "target")     # [1, 36]
    y = g.op("Reshape", ["x", target], "flat")
    y = g.op("MatMul", [y, g.tensor([36, 10])], "fc")
    yield {"name": "cast_constant", "model": g.model(y, declared=[1, 10]), "contains": ['"fc", ns::dense<10, ns::no_bias>>'],
           "figures": {"params": 36 * 10, "macs": 360, "output": (1, 1, 10)}}

    # An odd total of pool padding: the row below is a neg_inf_pad (tests/onnx/case_pools.py).
    g = Graph(3, 8, 8)
    y = g.op("MaxPool", ["x"], "odd_pad", kernel_shape=[2, 2], pads=[0, 0, 1, 0])
    yield {"name": "asymmetric_pad", "model": g.model(y), "contains": ['"odd_pad[pad]", ns::neg_inf_pad<0, 0, 1, 0>'],
           "figures": {"output": (8, 7, 3)}}

    # Refusals, each naming the node.

    g = Graph(3, 8, 8)
    y = g.op("Softsign", ["x"], "softsign")
    yield {"name": "unknown_op", "model": g.model(y),
           "error": "node 'softsign' (Softsign): not supported: netshape has no layer computing this function"}

    g = Graph(3, 8, 8)
    y = g.op("Add", ["x", g.tensor([1, 3, 1, 1])], "shift")
    yield {"name": "constant_operand", "model": g.model(y), "error": "node 'shift' (Add)"}

    # x -> a, b; c = a + b; out = concat(c, a): a feeds two joins, not a nesting of blocks.
    g = Graph(3, 8, 8)
    a = g.op("Relu", ["x"], "a")
    b = g.op("Sigmoid", ["x"], "b")
    c = g.op("Add", [a, b], "c")
    y = g.op("Concat", [c, a], "out", axis=1)
    yield {"name": "not_series_parallel", "model": g.model(y), "error": "node 'out' (Concat)"}

    g = Graph(3, 6, 6)  # PyTorch's BatchNorm2d(3, affine=False): scale and shift from Constant nodes
    ones, zeros = g.op("Constant", [], "ones", value=numpy_helper.from_array(np.ones(3, np.float32))), \
        g.op("Constant", [], "zeros", value=numpy_helper.from_array(np.zeros(3, np.float32)))
    y = g.op("BatchNormalization", ["x", ones, zeros, g.tensor([3]), g.tensor([3], 1.0)], "bn")
    yield {"name": "batch_norm_not_affine", "model": g.model(y),
           "error": "node 'bn' (BatchNormalization): scale and shift are constants"}
