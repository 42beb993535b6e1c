"""MaxPool and AveragePool padding, exactly (issue 19): unequal pads and pads above half the kernel
are a padding layer whose fill is the pool's (neg_inf_pad before a max pool, zero_pad before an
average pool that counts its padding), then the pool padding both sides alike; an average pool that
does not count its padding (count_include_pad=0, ONNX's default) is avg_pool<..., exclude_pad>; a
Pad of −∞ is neg_inf_pad. tests/onnx/pool_exactness.py checks the tensors against PyTorch."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import Graph  # noqa: E402


def cases():
    # tf2onnx's SAME_UPPER stride-2 max pool: 0 rows and columns before, 1 after: (8 + 1 - 3) / 2 + 1 = 4.
    g = Graph(3, 8, 8)
    y = g.op("MaxPool", ["x"], "pool", kernel_shape=[3, 3], strides=[2, 2], pads=[0, 0, 1, 1])
    yield {"name": "max_pool_same_upper", "model": g.model(y),
           "contains": ['"pool[pad]", ns::neg_inf_pad<0, 0, 1, 1>', '"pool", ns::max_pool<3, ns::stride<2>>'],
           "figures": {"params": 0, "macs": 0, "output": (4, 4, 3)}}
    g = Graph(3, 8, 8)
    y = g.op("MaxPool", ["x"], "auto", kernel_shape=[3, 3], strides=[2, 2], auto_pad="SAME_UPPER")
    yield {"name": "max_pool_auto_pad", "model": g.model(y),
           "contains": ['"auto[pad]", ns::neg_inf_pad<0, 0, 1, 1>', '"auto", ns::max_pool<3, ns::stride<2>>'],
           "figures": {"output": (4, 4, 3)}}
    # Unequal on one axis, shared in part: pad<1, 0> and one more row at the bottom, one column at
    # the left (9 + 1 + 2 - 3) / 2 + 1 = 5 rows, (9 + 1 - 3) / 2 + 1 = 4 columns.
    g = Graph(2, 9, 9)
    y = g.op("MaxPool", ["x"], "mixed", kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 2, 0])
    yield {"name": "max_pool_partly_shared", "model": g.model(y),
           "contains": ['"mixed[pad]", ns::neg_inf_pad<0, 1, 1, 0>', '"mixed", ns::max_pool<3, ns::stride<2>, ns::pad<1, 0>>'],
           "figures": {"output": (5, 4, 2)}}
    # ONNX's own test_maxpool_2d_pads: 28×28, kernel 3, pads 2 (above half the kernel) -> 30×30.
    g = Graph(3, 28, 28)
    y = g.op("MaxPool", ["x"], "pool", kernel_shape=[3, 3], pads=[2, 2, 2, 2])
    yield {"name": "max_pool_pad_over_half_kernel", "model": g.model(y),
           "contains": ['"pool[pad]", ns::neg_inf_pad<1, 1, 1, 1>', '"pool", ns::max_pool<3, ns::stride<1>, ns::pad<1>>'],
           "figures": {"output": (30, 30, 3)}}
    # An average pool that counts its padding (PyTorch's export): the rest is zeros, zero_pad.
    g = Graph(3, 7, 7)
    y = g.op("AveragePool", ["x"], "avg", kernel_shape=[2, 2], strides=[2, 2], pads=[0, 0, 1, 1], count_include_pad=1)
    yield {"name": "avg_pool_counting_pad", "model": g.model(y),
           "contains": ['"avg[pad]", ns::zero_pad<0, 0, 1, 1>', '"avg", ns::avg_pool<2, ns::stride<2>>'],
           "figures": {"output": (4, 4, 3)}}
    # count_include_pad=0 (ONNX's default) with padding: exclude_pad; without padding not spelled.
    g = Graph(3, 7, 7)
    y = g.op("AveragePool", ["x"], "avg", kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])
    y = g.op("AveragePool", [y], "plain", kernel_shape=[2, 2], strides=[2, 2])
    yield {"name": "avg_pool_exclude_pad", "model": g.model(y),
           "contains": ['"avg", ns::avg_pool<3, ns::stride<2>, ns::pad<1>, ns::exclude_pad>',
                        '"plain", ns::avg_pool<2, ns::stride<2>>>'],
           "figures": {"output": (2, 2, 3)}}
    g = Graph(3, 7, 7)
    y = g.op("AveragePool", ["x"], "avg", kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], count_include_pad=1)
    yield {"name": "avg_pool_include_pad", "model": g.model(y),
           "contains": ['"avg", ns::avg_pool<3, ns::stride<2>, ns::pad<1>>'], "figures": {"output": (4, 4, 3)}}
    # A Pad of −∞ (torch's export of F.pad(value=-inf)): neg_inf_pad; negative counts crop.
    g = Graph(3, 6, 6)
    y = g.op("Pad", ["x", g.ints([0, 0, 0, 1, 0, 0, 2, -1]), g.tensor([], float("-inf"))], "pad", mode="constant")
    yield {"name": "neg_inf_pad", "model": g.model(y), "contains": ['"pad", ns::neg_inf_pad<0, 1, 2, -1>'],
           "figures": {"params": 0, "output": (8, 6, 3)}}

    # Refused, naming the node.
    g = Graph(3, 7, 7)
    y = g.op("AveragePool", ["x"], "avg", kernel_shape=[3, 3], strides=[2, 2], pads=[0, 0, 1, 1])
    yield {"name": "avg_pool_exclude_unequal", "model": g.model(y),
           "error": "node 'avg' (AveragePool): pads [0, 0, 1, 1] (top, left, bottom, right) with count_include_pad=0"}
    g = Graph(3, 8, 8)
    y = g.op("AveragePool", ["x"], "avg", kernel_shape=[3, 3], pads=[0, 0, 4, 4], count_include_pad=1)
    yield {"name": "pool_window_in_padding", "model": g.model(y),
           "error": "node 'avg' (AveragePool): pads [0, 0, 4, 4] (top, left, bottom, right) let a window lie wholly in "
                    "the padding"}
    g = Graph(3, 8, 8)  # room 8 + 1 - 3 = 6, stride 4: ceil makes a last window overhang the end
    y = g.op("MaxPool", ["x"], "ceil", kernel_shape=[3, 3], strides=[4, 4], pads=[0, 0, 1, 1], ceil_mode=1)
    yield {"name": "pool_ceil_unequal", "model": g.model(y, declared=[1, 3, 3, 3]),
           "error": "node 'ceil' (MaxPool): ceil_mode with pads [0, 0, 1, 1]"}
    g = Graph(3, 8, 8)  # room 6, stride 2: no window overhangs, ceil changes nothing
    y = g.op("MaxPool", ["x"], "ceil", kernel_shape=[3, 3], strides=[2, 2], pads=[0, 0, 1, 1], ceil_mode=1)
    yield {"name": "pool_ceil_unequal_no_overhang", "model": g.model(y),
           "contains": ['"ceil[pad]", ns::neg_inf_pad<0, 0, 1, 1>', "ns::max_pool<3, ns::stride<2>, ns::ceil_mode>"],
           "figures": {"output": (4, 4, 3)}}
    g = Graph(3, 8, 8, dims=[1, 3, 16])  # a signal: no 1-D padding layer
    y = g.op("MaxPool", ["x"], "pool1d", kernel_shape=[3], pads=[0, 2])
    yield {"name": "pool1d_unequal", "model": g.model(y),
           "error": "node 'pool1d' (MaxPool): pads [0, 2]: netshape (PyTorch) pads both ends of an axis alike"}
