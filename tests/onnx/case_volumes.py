"""Issue 15's ranks: Conv, ConvTranspose, MaxPool, AveragePool, GlobalAveragePool and
BatchNormalization on a clip (N×C×D×H×W: conv3d ...) and on a signal (N×C×L: conv1d ...), in forms
PyTorch's exporter writes and forms it does not (tools/onnx_roundtrip.py round-trips r3d_18 and M5),
and the forms the tool must refuse, each naming the node. Figures are the layer formulas, by hand."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import Graph  # noqa: E402


def cases():
    # conv3d with a different value per axis: out = (n + 2p − d(k − 1) − 1)/s + 1 per axis:
    # depth (7 + 2 − 2·2 − 1)/1 + 1 = 5, height (9 + 4 − 4 − 1)/2 + 1 = 5, width (10 + 0 − 3 − 1)/3 + 1 = 3.
    g = Graph(3, 9, 10, dims=[1, 3, 7, 9, 10])
    y = g.op("Conv", ["x", g.tensor([6, 3, 3, 5, 4]), g.tensor([6])], "c3", kernel_shape=[3, 5, 4],
             strides=[1, 2, 3], pads=[1, 2, 0, 1, 2, 0], dilations=[2, 1, 1])
    bn = g.op("BatchNormalization", [y, g.tensor([6], 1), g.tensor([6]), g.tensor([6]), g.tensor([6], 1)], "bn")
    r = g.op("Relu", [bn], "relu")
    gap = g.op("GlobalAveragePool", [r], "gap")
    yield {"name": "conv3d_per_axis", "model": g.model(gap),
           "contains": ["ns::input_volume<7, 9, 10, 3>",
                        "ns::conv3d<6, ns::dhw{3, 5, 4}, ns::stride<1, 2, 3>, ns::pad<1, 2, 0>, ns::dilation<2, 1, 1>>",
                        '"bn", ns::batch_norm', '"gap", ns::global_avg_pool'],
           "figures": {"params": 6 * 3 * 60 + 6 + 2 * 6, "buffers": 2 * 6, "macs": 5 * 5 * 3 * 6 * 3 * 60}}
    # Grouped, no bias, one value for every axis; then a 3-D max pool (stride always spelled) and an
    # average pool in ceil mode.
    g = Graph(4, 8, 8, dims=[1, 4, 6, 8, 8])
    y = g.op("Conv", ["x", g.tensor([8, 2, 3, 3, 3])], "grouped", kernel_shape=[3, 3, 3], pads=[1] * 6, group=2)
    y = g.op("MaxPool", [y], "mp", kernel_shape=[1, 2, 2], strides=[1, 2, 2])
    y = g.op("AveragePool", [y], "ap", kernel_shape=[2, 3, 3], strides=[2, 2, 2], ceil_mode=1)
    yield {"name": "conv3d_grouped_pools", "model": g.model(y),
           "contains": ["ns::conv3d<8, 3, ns::pad<1>, ns::groups<2>, ns::no_bias>",
                        "ns::max_pool3d<ns::dhw{1, 2, 2}, ns::stride<1, 2, 2>>",
                        "ns::avg_pool3d<ns::dhw{2, 3, 3}, ns::stride<2>, ns::ceil_mode>"],
           "figures": {"params": 8 * 2 * 27, "macs": 6 * 8 * 8 * 8 * 2 * 27}}
    # ConvTranspose3d: (4 − 1)·2 − 0 + 1·(2 − 1) + 1 + 1 = 9 deep, (5 − 1)·1 − 2 + 2 + 0 + 1 = 5 high and wide.
    g = Graph(2, 5, 5, dims=[1, 2, 4, 5, 5])
    y = g.op("ConvTranspose", ["x", g.tensor([2, 3, 2, 3, 3]), g.tensor([3])], "up", kernel_shape=[2, 3, 3],
             strides=[2, 1, 1], pads=[0, 1, 1, 0, 1, 1], output_padding=[1, 0, 0])
    yield {"name": "conv_transpose3d", "model": g.model(y),
           "contains": ["ns::conv_transpose3d<3, ns::dhw{2, 3, 3}, ns::stride<2, 1, 1>, ns::pad<0, 1, 1>, "
                        "ns::output_padding<1, 0, 0>>"],
           "figures": {"params": 2 * 3 * 18 + 3, "macs": 4 * 5 * 5 * 2 * 3 * 18}}

    # A signal: conv1d, batch norm, max_pool1d with padding and dilation, conv_transpose1d, avg_pool1d.
    # (100 + 4 − 2·4 − 1)/3 + 1 = 32; pool (32 + 2 − 2·2 − 1)/2 + 1 = 15; transposed (15 − 1)·2 + 3 = 31.
    g = Graph(2, 1, 1, dims=[1, 2, 100])
    y = g.op("Conv", ["x", g.tensor([5, 2, 5]), g.tensor([5])], "c1", kernel_shape=[5], strides=[3], pads=[2, 2],
             dilations=[2])
    y = g.op("BatchNormalization", [y, g.tensor([5], 1), g.tensor([5]), g.tensor([5]), g.tensor([5], 1)], "bn1")
    y = g.op("MaxPool", [y], "mp1", kernel_shape=[3], strides=[2], pads=[1, 1], dilations=[2])
    y = g.op("ConvTranspose", [y, g.tensor([5, 4, 3])], "t1", kernel_shape=[3], strides=[2])
    y = g.op("AveragePool", [y], "ap1", kernel_shape=[4], strides=[4])
    yield {"name": "signal_layers", "model": g.model(y),
           "contains": ["ns::input_sequence<100, 2>", "ns::conv1d<5, 5, ns::stride<3>, ns::pad<2>, ns::dilation<2>>",
                        "ns::max_pool1d<3, ns::stride<2>, ns::pad<1>, ns::dilation<2>>",
                        "ns::conv_transpose1d<4, 3, ns::stride<2>, ns::no_bias>", "ns::avg_pool1d<4, ns::stride<4>>"],
           "figures": {"params": 5 * 2 * 5 + 5 + 2 * 5 + 5 * 4 * 3, "buffers": 2 * 5,
                       "macs": 32 * 5 * 2 * 5 + 15 * 5 * 4 * 3}}

    # Refused, naming the node.
    g = Graph(3, 8, 8, dims=[1, 3, 8, 8, 8])
    y = g.op("Conv", ["x", g.tensor([4, 3, 3, 3, 3])], "uneven", kernel_shape=[3, 3, 3], pads=[0, 1, 1, 1, 1, 1])
    yield {"name": "conv3d_odd_pads", "model": g.model(y),
           "error": "node 'uneven' (Conv): pads [0, 1, 1, 1, 1, 1]: netshape (PyTorch) pads both ends of an axis alike"}
    g = Graph(3, 8, 8, dims=[1, 3, 8, 8, 8])
    y = g.op("MaxPool", ["x"], "wide", kernel_shape=[2, 3, 3], pads=[2, 1, 1, 2, 1, 1])
    yield {"name": "pool3d_pad_over_half", "model": g.model(y),
           "error": "node 'wide' (MaxPool): padding [2, 1, 1] exceeds half the kernel [2, 3, 3]"}
    g = Graph(3, 8, 8, dims=[1, 3, 8, 8, 8])
    y = g.op("AveragePool", ["x"], "same", kernel_shape=[3, 3, 3], auto_pad="SAME_UPPER")
    yield {"name": "pool3d_same", "model": g.model(y), "error": "node 'same' (AveragePool): auto_pad SAME_UPPER"}
    g = Graph(3, 1, 1, dims=[1, 3, 50])  # unequal pads in ceil mode: no symmetric equivalent
    y = g.op("MaxPool", ["x"], "ceil", kernel_shape=[3], strides=[2], pads=[0, 1], ceil_mode=1)
    yield {"name": "pool1d_ceil_unequal_pads", "model": g.model(y),
           "error": "node 'ceil' (MaxPool): pads [0, 1]: netshape (PyTorch) pads both ends of an axis alike"}
