"""Graphs with several outputs (issue 13): the first output is the main path, every other one an
output<Head> placed where its head leaves the main path (Head: the layers only that output needs;
identity when the output is a tensor of the main path); and Inception v3's concat whose inputs share
layers (the exporter merges its inner Concat into the outer one), read by associativity."""
import os
import sys

from onnx import TensorProto, helper

sys.path.insert(0, os.path.dirname(__file__))
from common import Graph  # noqa: E402


def with_outputs(m, *extra):
    """The model with more graph outputs: (tensor, dims) each."""
    for name, dims in extra:
        m.graph.output.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, dims))
    return m


def cases():
    # An auxiliary classifier from the ReLU's output, that output itself, then the main path.
    g = Graph(3, 16, 16)
    y = g.op("Relu", [g.conv("x", 3, 8, 3, "c1", pads=[1, 1, 1, 1])], "r1")
    aux = g.op("GlobalAveragePool", [y], "aux_pool")
    aux = g.op("Gemm", [g.op("Flatten", [aux], "aux_flat"), g.tensor([5, 8]), g.tensor([5])], "aux_fc", transB=1)
    z = g.conv(y, 8, 16, 3, "c2", strides=[2, 2], pads=[1, 1, 1, 1])
    c1, fc, c2 = 8 * 27 + 8, 8 * 5 + 5, 16 * 72 + 16
    yield {"name": "aux_head", "model": with_outputs(g.model(z), (aux, [1, 5]), (y, [1, 8, 16, 16])),
           "contains": ['ns::output<  // the graph\'s output "aux_fc_out0"', '"aux_fc", ns::dense<5>'],
           "figures": {"params": c1 + fc + c2, "macs": 16 * 16 * 8 * 27 + 40 + 8 * 8 * 16 * 72,
                       "output": (8, 8, 16), "outputs": [(1, 1, 5), (16, 16, 8), (8, 8, 16)]}}

    # A side output that leaves from inside a residual branch.
    g = Graph(4, 8, 8)
    a = g.op("Relu", [g.conv("x", 4, 4, 3, "a", pads=[1, 1, 1, 1])], "ra")
    side = g.conv(a, 4, 2, 1, "side")
    y = g.op("Add", ["x", g.conv(a, 4, 4, 3, "b", pads=[1, 1, 1, 1])], "add")
    yield {"name": "side_inside_branch", "model": with_outputs(g.model(y), (side, [1, 2, 8, 8])),
           "figures": {"params": 2 * (4 * 36 + 4) + 2 * 4 + 2, "output": (8, 8, 4),
                       "outputs": [(8, 8, 2), (8, 8, 4)]}}

    # Inception v3's E block as torch 1.13 exports it: one Concat of four inputs, two of which
    # share the 1×1 convolution before them.
    g = Graph(8, 6, 6)
    b1 = g.conv("x", 8, 4, 1, "b1")
    mid = g.op("Relu", [g.conv("x", 8, 6, 1, "b3_1")], "b3_relu")
    b2a = g.conv(mid, 6, 3, 1, "b3_2a")
    b2b = g.conv(mid, 6, 5, 1, "b3_2b")
    pool = g.op("AveragePool", ["x"], "pool", kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    y = g.op("Concat", [b1, b2a, b2b, pool], "cat", axis=1)
    yield {"name": "concat_inputs_share_layers", "model": g.model(y),
           "contains": ['"cat[1:3]", ns::concat<'],
           "figures": {"params": 8 * 4 + 4 + 8 * 6 + 6 + 6 * 3 + 3 + 6 * 5 + 5, "output": (6, 6, 4 + 3 + 5 + 8)}}

    # Refusals: a head reading the main path at two tensors; inputs sharing layers that are not
    # neighbours in the concat.
    g = Graph(4, 8, 8)
    a = g.conv("x", 4, 4, 1, "a")
    b = g.conv(a, 4, 4, 1, "b")
    side = g.op("Add", ["x", b], "side_add")
    c = g.conv(b, 4, 4, 1, "c")
    yield {"name": "side_reads_two_tensors", "model": with_outputs(g.model(c), (side, [1, 4, 8, 8])),
           "error": "the side output 'side_add_out0' reads the main path at 2 tensors"}
    g = Graph(8, 6, 6)
    mid = g.conv("x", 8, 6, 1, "shared")
    y = g.op("Concat", [g.conv(mid, 6, 3, 1, "p"), g.conv("x", 8, 2, 1, "q"), g.conv(mid, 6, 5, 1, "r")], "cat",
             axis=1)
    yield {"name": "concat_sharing_apart", "model": g.model(y), "error": "node 'cat' (Concat): its inputs share layers"}
