"""Issue 13's operators: ConvTranspose, Resize and Upsample, DepthToSpace and SpaceToDepth,
InstanceNormalization and PyTorch's GroupNorm pattern, in the forms PyTorch's exporter does not write (tools/onnx_roundtrip.py's
small models cover those), and the forms the tool must refuse, each naming the node."""
import os
import sys

import numpy as np
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(__file__))
from common import Graph  # noqa: E402


def constant(g, values, name):
    """A Constant node's value: data, not a parameter (PyTorch writes affine=False's scale so)."""
    return g.op("Constant", [], name, value=numpy_helper.from_array(np.array(values, np.float32), name))


def resize(g, x, name, scales=None, sizes=None, **attrs):
    ins = [x, "", ""]
    if scales is not None:
        ins[2] = constant(g, scales, name + "_scales")
    if sizes is not None:
        ins.append(g.ints(sizes))
    return g.op("Resize", ins, name, **attrs)


def cases():
    # ConvTranspose with every attribute: (5 − 1)·2 − 2 + 1·2 + 1 + 1 = 10 and (5 − 1)·1 − 4 + 2·2 + 0 + 1 = 5.
    g = Graph(3, 5, 5)
    y = g.op("ConvTranspose", ["x", g.tensor([3, 4, 3, 3]), g.tensor([4])], "up", strides=[2, 1],
             dilations=[1, 2], pads=[1, 2, 1, 2], output_padding=[1, 0], kernel_shape=[3, 3])
    yield {"name": "conv_transpose_attributes", "model": g.model(y),
           "contains": ["ns::conv_transpose2d<4, 3, ns::stride<2, 1>, ns::pad<1, 2>, ns::output_padding<1, 0>, "
                        "ns::dilation<1, 2>>"],
           "figures": {"params": 3 * 4 * 9 + 4, "macs": 5 * 5 * 3 * 4 * 9, "output": (10, 5, 4)}}
    g = Graph(4, 3, 3)  # grouped, no bias: weight (C_in, F/g, k, k)
    y = g.op("ConvTranspose", ["x", g.tensor([4, 3, 2, 2])], "grouped", strides=[2, 2], group=2)
    yield {"name": "conv_transpose_groups", "model": g.model(y),
           "contains": ["ns::conv_transpose2d<6, 2, ns::stride<2>, ns::groups<2>, ns::no_bias>"],
           "figures": {"params": 4 * 3 * 4, "macs": 3 * 3 * 4 * 3 * 4, "output": (6, 6, 6)}}

    # DCR and SpaceToDepth are pixel_shuffle / pixel_unshuffle when one channel is on the image side.
    g = Graph(4, 3, 3)
    y = g.op("DepthToSpace", ["x"], "d2s", blocksize=2, mode="DCR")
    yield {"name": "depth_to_space_dcr_one_channel", "model": g.model(y), "contains": ['"d2s", ns::pixel_shuffle<2>'],
           "figures": {"params": 0, "macs": 0, "output": (6, 6, 1)}}
    g = Graph(1, 6, 6)
    y = g.op("SpaceToDepth", ["x"], "s2d", blocksize=3)
    yield {"name": "space_to_depth_one_channel", "model": g.model(y), "contains": ['"s2d", ns::pixel_unshuffle<3>'],
           "figures": {"output": (2, 2, 9)}}

    # Resize and Upsample.
    g = Graph(2, 4, 5)
    y = g.op("Upsample", ["x", constant(g, [1, 1, 2, 3], "s")], "up", mode="nearest")
    yield {"name": "upsample_opset9", "model": g.model(y, opset=9), "contains": ['"up", ns::upsample<ns::hw{2, 3}>>'],
           "figures": {"output": (8, 15, 2)}}
    g = Graph(2, 4, 6)  # 4·1.5 = 6, 6·0.5 = 3: whole sizes, so ONNX's map is in/out, as PyTorch's
    y = resize(g, "x", "scaled", scales=[1, 1, 1.5, 0.5], coordinate_transformation_mode="asymmetric",
               nearest_mode="floor")
    yield {"name": "resize_fractional_scale", "model": g.model(y), "contains": ['"scaled", ns::resize<6, 3>>'],
           "figures": {"output": (6, 3, 2)}}
    g = Graph(2, 4, 6)
    y = resize(g, "x", "sized", sizes=[1, 2, 7, 9], mode="linear", coordinate_transformation_mode="pytorch_half_pixel")
    yield {"name": "resize_pytorch_half_pixel", "model": g.model(y),
           "contains": ['"sized", ns::resize<7, 9, ns::interpolation::bilinear>>'], "figures": {"output": (7, 9, 2)}}

    # InstanceNormalization with a constant identity scale is instance_norm without parameters.
    g = Graph(3, 4, 4)
    y = g.op("InstanceNormalization", ["x", constant(g, [1, 1, 1], "one"), constant(g, [0, 0, 0], "zero")], "inorm")
    yield {"name": "instance_norm_constants", "model": g.model(y), "contains": ['"inorm", ns::instance_norm<>>'],
           "figures": {"params": 0, "buffers": 0, "output": (4, 4, 3)}}

    # PyTorch's GroupNorm export, written by hand: Reshape, per-group InstanceNormalization, Reshape,
    # Mul and Add of a learned per-channel scale and shift.
    def grouped(affine):
        g = Graph(4, 3, 3)
        y = g.op("Reshape", ["x", g.ints([0, 2, -1])], "groups")
        y = g.op("InstanceNormalization", [y, constant(g, [1, 1], "one"), constant(g, [0, 0], "zero")], "gnorm")
        y = g.op("Reshape", [y, g.ints([1, 4, 3, 3])], "back")
        if affine:
            y = g.op("Add", [g.op("Mul", [y, g.tensor([4, 1, 1])], "scale"), g.tensor([4, 1, 1])], "shift")
        return g.model(y)
    yield {"name": "group_norm_pattern", "model": grouped(True), "contains": ['"gnorm", ns::group_norm<2>>'],
           "figures": {"params": 8, "buffers": 0, "output": (3, 3, 4)}}

    # Refusals, each naming the node.
    yield {"name": "group_norm_not_affine", "model": grouped(False),
           "error": "node 'gnorm' (InstanceNormalization): group norm over 2 groups without a learned per-channel"}
    def transposed(name, **attrs):
        g = Graph(3, 5, 5)
        return g.model(g.op("ConvTranspose", ["x", g.tensor([3, 4, 3, 3])], name, kernel_shape=[3, 3], **attrs))
    yield {"name": "conv_transpose_asymmetric_pads", "model": transposed("odd", pads=[0, 0, 1, 1]),
           "error": "node 'odd' (ConvTranspose): asymmetric pads [0, 0, 1, 1]"}
    yield {"name": "conv_transpose_output_shape", "model": transposed("sized", strides=[2, 2], output_shape=[10, 10]),
           "error": "node 'sized' (ConvTranspose): output_shape lets ONNX choose the padding"}
    yield {"name": "conv_transpose_same_upper", "model": transposed("same", strides=[2, 2], auto_pad="SAME_UPPER"),
           "error": "node 'same' (ConvTranspose): auto_pad SAME_UPPER"}
    yield {"name": "conv_transpose_output_padding", "model": transposed("big", strides=[2, 2], output_padding=[2, 2]),
           "error": "node 'big' (ConvTranspose): output_padding [2, 2] is not below the stride"}

    def resized(name, scales=None, sizes=None, **attrs):
        g = Graph(3, 5, 5)
        return g.model(resize(g, "x", name, scales=scales, sizes=sizes, **attrs))
    yield {"name": "resize_cubic", "model": resized("cubic", scales=[1, 1, 2, 2], mode="cubic"),
           "error": "node 'cubic' (Resize): mode cubic"}
    yield {"name": "resize_linear_asymmetric",
           "model": resized("lin", scales=[1, 1, 2, 2], mode="linear", coordinate_transformation_mode="asymmetric"),
           "error": "node 'lin' (Resize): linear with coordinate_transformation_mode asymmetric"}
    yield {"name": "resize_nearest_half_pixel", "model": resized("near", scales=[1, 1, 2, 2]),
           "error": "node 'near' (Resize): nearest with coordinate_transformation_mode half_pixel and nearest_mode "
                    "round_prefer_floor"}
    yield {"name": "resize_channels", "model": resized("chan", scales=[1, 2, 2, 2], mode="linear"),
           "error": "node 'chan' (Resize): resizes the batch or channel axis"}
    yield {"name": "resize_pytorch_half_pixel_to_one",
           "model": resized("one", sizes=[1, 3, 1, 4], mode="linear", coordinate_transformation_mode="pytorch_half_pixel"),
           "error": "node 'one' (Resize): pytorch_half_pixel to an output of size 1"}
    yield {"name": "resize_scale_not_whole", "model": resized("frac", scales=[1, 1, 1.5, 1.5], mode="linear"),
           "error": "node 'frac' (Resize): scales [1.5, 1.5] of a 5×5 input"}

    g = Graph(8, 3, 3)
    y = g.op("DepthToSpace", ["x"], "dcr", blocksize=2)  # DCR: ONNX's default
    yield {"name": "depth_to_space_dcr", "model": g.model(y),
           "error": "node 'dcr' (DepthToSpace): mode DCR puts the 2×2 block outermost"}
    g = Graph(2, 4, 4)
    y = g.op("SpaceToDepth", ["x"], "s2d", blocksize=2)
    yield {"name": "space_to_depth_channels", "model": g.model(y),
           "error": "node 's2d' (SpaceToDepth): its channel order puts the 2×2 block outermost"}
    g = Graph(3, 4, 4)
    y = g.op("InstanceNormalization", ["x", constant(g, [2, 2, 2], "two"), constant(g, [0, 0, 0], "zero")], "fixed")
    yield {"name": "instance_norm_fixed_scale", "model": g.model(y), "error": "node 'fixed' (InstanceNormalization)"}
    g = Graph(3, 4, 4)
    y = g.op("InstanceNormalization", ["x", g.tensor([3], 1.0), constant(g, [0, 0, 0], "zero")], "half")
    yield {"name": "instance_norm_half_learned", "model": g.model(y), "error": "node 'half' (InstanceNormalization)"}

    # Hostile: what a malformed file holds for these operators.
    g = Graph(3, 5, 5)
    y = g.op("ConvTranspose", ["x", g.tensor([5, 4, 3, 3])], "misfit", kernel_shape=[3, 3])
    yield {"name": "conv_transpose_weight_misfit", "model": g.model(y, declared=[1, 4, 7, 7]), "error": "node 'misfit' (ConvTranspose)"}
    g = Graph(3, 5, 5)
    y = g.op("ConvTranspose", ["x", g.tensor([3, 4, 3])], "flat", kernel_shape=[3])
    yield {"name": "conv_transpose_1d_kernel", "model": g.model(y, declared=[1, 4, 7]), "error": "node 'flat' (ConvTranspose)"}
    g = Graph(8, 3, 3)
    y = g.op("DepthToSpace", ["x"], "zero", blocksize=0, mode="CRD")
    yield {"name": "depth_to_space_block_0", "model": g.model(y, declared=[1, 8, 3, 3]), "error": "node 'zero' (DepthToSpace)"}
    g = Graph(3, 5, 5)
    y = resize(g, "x", "short", scales=[2, 2], mode="linear")
    yield {"name": "resize_scales_rank", "model": g.model(y, declared=[1, 3, 10, 10]), "error": "node 'short' (Resize)"}
    g = Graph(3, 5, 5)
    y = resize(g, "x", "neg", sizes=[1, 3, -4, 10], mode="linear")
    yield {"name": "resize_negative_size", "model": g.model(y, declared=[1, 3, 4, 10]), "error": "node 'neg' (Resize)"}
