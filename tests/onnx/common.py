"""Helpers for the case files: a tiny graph builder over onnx.helper."""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


class Graph:
    def __init__(self, c, h, w, dims=None):
        """An N×C×H×W input [1, c, h, w], or any other dims (a string is a symbolic dimension)."""
        self.nodes, self.inits, self.k = [], [], 0
        self.input = helper.make_tensor_value_info("x", TensorProto.FLOAT, dims or [1, c, h, w])

    def tensor(self, shape, value=None):
        self.k += 1
        name = f"t{self.k}"
        arr = np.full(shape, value, np.float32) if value is not None else np.zeros(shape, np.float32)
        self.inits.append(numpy_helper.from_array(arr, name))
        return name

    def ints(self, values):
        self.k += 1
        name = f"i{self.k}"
        self.inits.append(numpy_helper.from_array(np.array(values, np.int64), name))
        return name

    def op(self, op, inputs, name, outputs=1, **attrs):
        outs = [f"{name}_out{i}" for i in range(outputs)]
        self.nodes.append(helper.make_node(op, inputs, outs, name=name, **attrs))
        return outs[0] if outputs == 1 else outs

    def conv(self, x, cin, cout, k, name, bias=True, group=1, **attrs):
        ins = [x, self.tensor([cout, cin // group, k, k])] + ([self.tensor([cout])] if bias else [])
        return self.op("Conv", ins, name, kernel_shape=[k, k], group=group, **attrs)

    def model(self, out, opset=13, declared=None):
        """The model; its output's shape is declared as an exporter would (the one ONNX infers),
        or as `declared` says (a list of dims) for files that contradict themselves."""
        g = helper.make_graph(self.nodes, "g", [self.input],
                              [helper.make_tensor_value_info(out, TensorProto.FLOAT, declared)], self.inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])
        if declared is None:
            inferred = onnx.shape_inference.infer_shapes(m).graph.output[0].type
            m.graph.output[0].type.CopyFrom(inferred)
        return m
