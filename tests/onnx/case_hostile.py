"""Malformed and hostile files (issue 19): whatever the file, onnx2netshape ends with a header or with
one line naming the node (or the file) and the reason, exit status 1, never a traceback. Every
file is generated here with onnx.helper; run_case.py checks the status, the single line and its
text."""
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(__file__))
from common import Graph  # noqa: E402


def raw_model(nodes, inputs, outputs, inits=(), opsets=(("", 13),)):
    """A model as a hostile file holds it: nothing checked, nothing inferred."""
    g = helper.make_graph(nodes, "g", inputs, outputs, list(inits))
    return helper.make_model(g, opset_imports=[helper.make_opsetid(d, v) for d, v in opsets])


def value(name, dims):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, dims)


def small_conv():
    g = Graph(3, 8, 8)
    y = g.conv("x", 3, 4, 3, "conv", pads=[1, 1, 1, 1])
    return g.model(g.op("Relu", [y], "relu"))


def cases():
    # The file itself.
    yield {"name": "missing_file", "error": "{path}: no such file"}
    whole = small_conv().SerializeToString()
    yield {"name": "truncated", "data": whole[:len(whole) // 2], "error": "{path}: not a readable ONNX file"}
    yield {"name": "garbage", "data": bytes(range(256)) * 8, "error": "{path}: not a readable ONNX file"}
    yield {"name": "empty_file", "data": b"", "error": "{path}: not an ONNX model"}

    # Opsets and domains.
    m = small_conv()
    m.opset_import[0].version = 3
    yield {"name": "opset_too_old", "model": m, "error": "opset 3 is outside what this tool reads"}
    m = small_conv()
    m.opset_import[0].version = 999
    yield {"name": "opset_too_new", "model": m, "error": "opset 999 is outside what this tool reads"}
    m = small_conv()
    m.opset_import[0].domain = "com.example"
    yield {"name": "no_default_opset", "model": m, "error": "imports no default-domain (ai.onnx) opset"}
    m = small_conv()
    m.graph.node[1].domain = "com.example"
    m.opset_import.append(helper.make_opsetid("com.example", 1))
    yield {"name": "foreign_domain", "model": m, "error": "node 'relu' (Relu): operator of domain 'com.example'"}

    # Graph structure.
    nodes = [helper.make_node("Relu", ["x", ], ["a"], name="first"),
             helper.make_node("Add", ["a", "c"], ["b"], name="add"),
             helper.make_node("Relu", ["b"], ["c"], name="loop")]
    yield {"name": "cycle", "model": raw_model(nodes, [value("x", [1, 3, 4, 4])], [value("c", None)]),
           "error": "node 'add' (Add): reads tensor 'c' before the node that writes it"}
    nodes = [helper.make_node("Relu", ["nowhere"], ["y"], name="orphan")]
    yield {"name": "dangling_input", "model": raw_model(nodes, [value("x", [1, 3, 4, 4])], [value("y", None)]),
           "error": "node 'orphan' (Relu): reads tensor 'nowhere', which nothing writes"}
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="one"), helper.make_node("Sigmoid", ["x"], ["y"], name="two")]
    yield {"name": "written_twice", "model": raw_model(nodes, [value("x", [1, 3, 4, 4])], [value("y", None)]),
           "error": "node 'two' (Sigmoid): writes tensor 'y', which node 'one' (Relu) writes too"}
    yield {"name": "no_nodes", "model": raw_model([], [value("x", [1, 3, 4, 4])], [value("x", None)]),
           "error": "the graph has no nodes"}

    # Dimensions.
    g = Graph(3, 8, 8, dims=[1, 3, 2 ** 40, 8])
    yield {"name": "huge_dim", "model": g.model(g.op("Relu", ["x"], "relu"), declared=[1, 3, 2 ** 40, 8]),
           "error": "tensor 'x' has dimension 1099511627776, beyond netshape's limit"}
    g = Graph(3, 8, 8, dims=[1, 3, 2 ** 30, 2 ** 30])
    y = g.conv("x", 3, 64, 1, "wide")
    yield {"name": "huge_counts", "model": g.model(y), "error": "node 'wide' (Conv): macs reach"}
    g = Graph(3, 8, 8, dims=[1, 0, 8, 8])
    yield {"name": "zero_dim", "model": g.model(g.op("Relu", ["x"], "relu"), declared=[1, 0, 8, 8]),
           "error": "tensor 'x' has dimension 0"}

    # Shapes that contradict each other or the operator's arithmetic.
    g = Graph(3, 8, 8)
    y = g.conv("x", 3, 4, 3, "conv")
    yield {"name": "declared_output_contradicts", "model": g.model(y, declared=[1, 4, 8, 8]),
           "error": "node 'conv' (Conv): ONNX shape inference fails"}
    g = Graph(3, 8, 8)
    w = g.tensor([4, 5, 3, 3])
    y = g.op("Conv", ["x", w], "conv", kernel_shape=[3, 3])
    yield {"name": "weight_contradicts_input", "model": g.model(y, declared=[1, 4, 6, 6]), "error": "node 'conv' (Conv)"}
    # torch 1.13's exporter and onnx 1.12 say 4×4; the operator (PyTorch, onnxruntime) computes 3×3:
    # the header follows the operator, a note says where the file disagreed, and what follows the
    # pool (a 2×2 conv, then a flatten by Shape arithmetic and a Gemm) is inferred from 3×3.
    g = Graph(3, 5, 5)
    y = g.op("MaxPool", ["x"], "pool", kernel_shape=[2, 2], strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=1)
    yield {"name": "ceil_mode_shape_disagrees", "model": g.model(y, declared=[1, 3, 4, 4]),
           "notes": ["node 'pool' (MaxPool): the file (or ONNX's inference) gives output [1, 3, 4, 4], the "
                     "operator's arithmetic [1, 3, 3, 3]"],
           "figures": {"output": (3, 3, 3)}}
    g = Graph(3, 5, 5)
    y = g.op("MaxPool", ["x"], "pool", kernel_shape=[2, 2], strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=1)
    y = g.conv(y, 3, 4, 2, "conv")  # 3×3 -> 2×2 (the file's 4×4 would give 3×3)
    shape = g.op("Shape", [y], "shape")
    batch = g.op("Gather", [shape, g.ints(0)], "batch", axis=0)
    flat = g.op("Concat", [g.op("Unsqueeze", [batch, g.ints([0])], "unsq"), g.ints([-1])], "target", axis=0)
    y = g.op("Reshape", [y, flat], "flatten")
    y = g.op("Gemm", [y, g.tensor([5, 16]), g.tensor([5])], "fc", transB=1)
    yield {"name": "ceil_mode_disagreement_propagates", "model": g.model(y, declared=["N", 5]),
           "notes": ["node 'pool' (MaxPool)"],
           "figures": {"output": (1, 1, 5), "params": 4 * 3 * 4 + 4 + 16 * 5 + 5,
                       "macs": 2 * 2 * 4 * 3 * 4 + 16 * 5}}

    # Pooling ONNX allows and PyTorch (so netshape's pools) does not (padding above half the kernel:
    # tests/onnx/case_pools.py expresses it with a padding layer); kernels of other ranks.
    g = Graph(3, 8, 8)
    y = g.op("AveragePool", ["x"], "avg", kernel_shape=[3, 3], pads=[0, 0, 4, 4])
    yield {"name": "avg_pool_asymmetric_pad_over_half", "model": g.model(y),
           "error": "node 'avg' (AveragePool): pads [0, 0, 4, 4] (top, left, bottom, right) let a window lie wholly"}
    g = Graph(3, 8, 8, dims=[1, 3, 16])  # a signal (issue 15): max_pool1d (tests/onnx/case_volumes.py)
    y = g.op("MaxPool", ["x"], "pool1d", kernel_shape=[3])
    yield {"name": "pool_1d", "model": g.model(y), "contains": ["ns::input_sequence<16, 3>", "ns::max_pool1d<3, ns::stride<1>>"],
           "figures": {"params": 0, "macs": 0}}
    yield {"name": "pool_1d_with_input", "model": g.model(y), "args": ["--input", "1,16,3"],
           "error": "--input H,W,C describes an N×C×H×W input; input 'x' has rank 3"}
    g = Graph(3, 8, 8)
    y = g.op("MaxPool", ["x"], "pool1k", kernel_shape=[3])
    yield {"name": "pool_1d_kernel_on_image", "model": g.model(y, declared=[1, 3, 6, 6]), "error": "node 'pool1k' (MaxPool)"}
    g = Graph(3, 8, 8, dims=[1, 3, 8, 8, 8])  # a clip (issue 15): max_pool3d
    y = g.op("MaxPool", ["x"], "pool3d", kernel_shape=[2, 2, 2])
    yield {"name": "pool_3d", "model": g.model(y), "contains": ["ns::input_volume<8, 8, 8, 3>", "ns::max_pool3d<2, ns::stride<1>>"],
           "figures": {"params": 0, "macs": 0}}
    g = Graph(3, 8, 8, dims=[1, 3, 8, 8, 8, 8])  # four spatial axes: no netshape rank
    y = g.op("MaxPool", ["x"], "pool4d", kernel_shape=[2, 2, 2, 2])
    yield {"name": "pool_4d", "model": g.model(y), "error": "input 'x' has shape [1, 3, 8, 8, 8, 8]"}

    # Inputs.
    g = Graph(3, 8, 8, dims=[2, 3, 8, 8])  # a static batch: one sample is described, with a note
    y = g.conv("x", 3, 4, 3, "conv")
    per_sample = {"params": 4 * 27 + 4, "macs": 6 * 6 * 4 * 27, "output": (6, 6, 4)}
    yield {"name": "static_batch_2", "model": g.model(y), "notes": ["input 'x' has a static batch of 2"],
           "figures": per_sample}
    yield {"name": "static_batch_2_with_input", "model": g.model(y), "args": ["--input", "8,8,3"],
           "notes": ["input 'x' has a static batch of 2"], "figures": per_sample}
    g = Graph(3, 8, 8, dims=[2, 3, 8, 8])  # the batch baked into a Reshape: not one sample's graph
    y = g.op("Reshape", [g.conv("x", 3, 4, 3, "conv"), g.ints([2, -1])], "flatten")
    yield {"name": "static_batch_in_reshape", "model": g.model(y), "error": "node 'flatten' (Reshape)"}
    g = Graph(3, 4, 5, dims=[2, 3, 4, 5])  # ONNX's test_flatten_axis0: [2, 3, 4, 5] -> [1, 120]
    yield {"name": "static_batch_flattened", "model": g.model(g.op("Flatten", ["x"], "flat", axis=0)),
           "error": "node 'flat' (Flatten): its output has 1 first where the file's batch is 2: it mixes the samples"}
    g = Graph(3, 4, 5, dims=[2, 3, 4, 5])  # samples mixed by a Reshape to [1, -1], then a dense layer
    y = g.op("Reshape", ["x", g.ints([1, -1])], "mix")
    yield {"name": "static_batch_mixed_by_reshape",
           "model": g.model(g.op("Gemm", [y, g.tensor([4, 120]), g.tensor([4])], "fc", transB=1)),
           "error": "node 'mix' (Reshape): its output has 1 first where the file's batch is 2"}
    g = Graph(3, 8, 8, dims=["N", 3, "H", "W"])
    y = g.conv("x", 3, 4, 3, "conv")
    yield {"name": "dynamic_size", "model": g.model(y), "error": "input 'x' has shape [-1, 3, -1, -1] (-1: not static): give --input H,W,C"}
    yield {"name": "input_contradicts_file", "model": g.model(y), "args": ["--input", "8,8,4"],
           "error": "--input 8,8,4 contradicts the file's input"}
    g = Graph(3, 8, 8, dims=[1, 3, 8, 8])
    w = numpy_helper.from_array(np.zeros([4, 3, 3, 3], np.float32), "w_big")
    g.inits.append(w)
    y = g.op("Conv", ["x", "w_big"], "conv", kernel_shape=[3, 3])
    m = g.model(y)
    yield {"name": "output_is_input", "error": "the graph's output 'x' is an input of the graph",
           "model": raw_model(m.graph.node, [value("x", [1, 3, 8, 8])], [value(y, None), value("x", None)], m.graph.initializer)}
    yield {"name": "unwritable_output", "model": m, "args": ["--out", "/nonexistent-dir/net.hpp"],
           "error": "{path}: FileNotFoundError"}
