"""Layer names: torch.onnx.export's scope names become PyTorch module paths
('/layers/layers.8/layers.8.0/layers/layers.0/Conv' is 'layers.8.0.layers.0'); a path several
layers of the header share, or an empty one, keeps the operator part ('block/Mul', 'Flatten');
--onnx-names keeps the file's names; names of another form, and unnamed nodes (named by their
output tensor), are kept as they are."""
import os
import sys

from onnx import helper

sys.path.insert(0, os.path.dirname(__file__))
from common import Graph  # noqa: E402

CONV = 8 * 8 * 9 + 8


def scoped():
    g = Graph(8, 6, 6)
    y = g.conv("x", 8, 8, 3, "/layers/layers.8/layers.8.0/layers/layers.0/Conv", pads=[1, 1, 1, 1])
    y = g.op("Relu", [y], "/layers/layers.8/layers.8.0/layers/layers.1/Relu")
    s = g.op("Mul", [y, g.tensor([8, 1, 1])], "/block/Mul")  # a functional op: the block's scope
    y = g.op("Add", [y, s], "/block/Add")                    # another one there: both keep 'Mul', 'Add'
    y = g.op("Relu", [y], "/block/act_1/Relu")               # a module called twice: torch's suffix stays
    y = g.op("Relu", [y], "/Relu")                           # at the top (a functional relu): 'Relu'
    y = g.op("GlobalAveragePool", [y], "/pool/GlobalAveragePool")
    y = g.op("Flatten", [y], "/Flatten")                     # at the top: no module
    y = g.op("Gemm", [y, g.tensor([4, 8]), g.tensor([4])], "/fc/Gemm", transB=1)
    return g.model(y)


FIGURES = {"params": CONV + 8 + 8 * 4 + 4, "macs": 6 * 6 * 8 * 72 + 8 * 4, "output": (1, 1, 4)}


def cases():
    yield {"name": "module_paths", "model": scoped(), "figures": FIGURES,
           "contains": ['ns::named<"layers.8.0.layers.0", ns::conv2d<8, 3', 'ns::named<"layers.8.0.layers.1", ns::relu>',
                        'ns::named<"block/Add", ns::add<', 'ns::named<"block/Mul", ns::layer_scale>',
                        'ns::named<"block.act_1", ns::relu>', 'ns::named<"pool", ns::global_avg_pool>', 'ns::named<"Relu", ns::relu>',
                        'ns::named<"fc", ns::dense<4>>']}
    yield {"name": "onnx_names", "model": scoped(), "figures": FIGURES, "args": ["--onnx-names"],
           "contains": ['ns::named<"/layers/layers.8/layers.8.0/layers/layers.0/Conv", ns::conv2d<8, 3',
                        'ns::named<"/block/Add", ns::add<', 'ns::named<"/fc/Gemm", ns::dense<4>>']}

    # No names at all (onnx.helper's default): each layer is named by the tensor it writes.
    g = Graph(8, 6, 6)
    g.nodes.append(helper.make_node("Conv", ["x", g.tensor([8, 8, 3, 3]), g.tensor([8])], ["c"], kernel_shape=[3, 3]))
    g.nodes.append(helper.make_node("Relu", ["c"], ["r"]))
    yield {"name": "unnamed_nodes", "model": g.model("r"),
           "contains": ['ns::named<"c", ns::conv2d<8, 3>>', 'ns::named<"r", ns::relu>'],
           "figures": {"params": CONV, "macs": 4 * 4 * 8 * 72, "output": (4, 4, 8)}}

    # Other exporters' names (tf2onnx's, older torch's 'Conv_0') are not scopes: kept.
    g = Graph(8, 6, 6)
    y = g.conv("x", 8, 8, 3, "Conv_0")
    y = g.op("Relu", [y], "model/block1/relu")
    yield {"name": "other_names", "model": g.model(y),
           "contains": ['ns::named<"Conv_0", ns::conv2d<8, 3>>', 'ns::named<"model/block1/relu", ns::relu>'],
           "figures": {"params": CONV, "macs": 4 * 4 * 8 * 72, "output": (4, 4, 8)}}
