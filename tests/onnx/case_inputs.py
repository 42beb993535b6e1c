"""Inputs as exporters write them: a symbolic batch (one sample, no --input needed), a dynamic size
given with --input, an N×F vector (an MLP: input_vector<F>, and every tensor a vector), large
weights read as dimensions only (one aliased by an Identity, as exporters share weights), and a
ceil-mode pool whose size ONNX and PyTorch agree on."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import Graph  # noqa: E402


def cases():
    g = Graph(3, 8, 8, dims=["N", 3, 8, 8])
    y = g.conv("x", 3, 4, 3, "conv", pads=[1, 1, 1, 1])
    yield {"name": "symbolic_batch", "model": g.model(y), "contains": ["ns::input<8, 8, 3>"],
           "figures": {"params": 4 * 3 * 9 + 4, "macs": 8 * 8 * 4 * 27, "output": (8, 8, 4)}}

    g = Graph(3, 8, 8, dims=["N", 3, "H", "W"])
    y = g.conv("x", 3, 4, 3, "conv", strides=[2, 2])
    yield {"name": "dynamic_size_given", "model": g.model(y), "args": ["--input", "9,7,3"],
           "contains": ["ns::input<9, 7, 3>"],  # (9 - 3) / 2 + 1 = 4, (7 - 3) / 2 + 1 = 3
           "figures": {"params": 4 * 27 + 4, "macs": 4 * 3 * 4 * 27, "output": (4, 3, 4)}}

    g = Graph(3, 8, 8, dims=["N", 20])
    y = g.op("Gemm", ["x", g.tensor([16, 20]), g.tensor([16])], "fc1", transB=1)
    y = g.op("Relu", [y], "relu")
    y = g.op("Gemm", [y, g.tensor([16, 10]), g.tensor([10])], "fc2")
    yield {"name": "mlp", "model": g.model(y), "contains": ["ns::input_vector<20>", '"fc2", ns::dense<10>',
                                                              "ns::output_shape<net> == ns::shape::vector(10)"],
           "figures": {"params": 20 * 16 + 16 + 16 * 10 + 10, "macs": 20 * 16 + 16 * 10, "output": (10,)}}

    # An N×F input through batch norm (BatchNorm1d), PRelu per feature, softmax and a side output.
    g = Graph(3, 8, 8, dims=["N", 12])
    y = g.op("Gemm", ["x", g.tensor([8, 12]), g.tensor([8])], "fc1", transB=1)
    y = g.op("BatchNormalization", [y] + [g.tensor([8], 1.0) for _ in range(4)], "bn")
    y = g.op("PRelu", [y, g.tensor([8], 0.25)], "act")
    y = g.op("Gemm", [y, g.tensor([8, 4]), g.tensor([4])], "fc2")
    y = g.op("Softmax", [y], "prob", axis=1)
    yield {"name": "mlp_norm", "model": g.model(y), "contains": ["ns::input_vector<12>", '"bn", ns::batch_norm',
                                                                   '"act", ns::prelu<8>'],
           "figures": {"params": 12 * 8 + 8 + 2 * 8 + 8 + 8 * 4 + 4, "buffers": 2 * 8, "macs": 12 * 8 + 8 * 4,
                       "output": (4,)}}

    g = Graph(64, 6, 6)
    w = g.tensor([64, 64, 3, 3])  # 36,864 elements: read as dimensions only
    shared = g.op("Identity", [w], "shared_weight")
    y = g.op("Conv", ["x", shared], "conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    y = g.op("MaxPool", [y], "pool", kernel_shape=[3, 3], strides=[2, 2], ceil_mode=1)  # (6 - 3 + 1) / 2 + 1 = 3
    yield {"name": "large_weights_ceil_pool", "model": g.model(y),
           "contains": ["ns::conv2d<64, 3, ns::pad<1>, ns::no_bias>", "ns::ceil_mode"],
           "figures": {"params": 64 * 64 * 9, "macs": 6 * 6 * 64 * 64 * 9, "output": (3, 3, 64)}}
