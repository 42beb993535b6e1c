"""Swin's patch merging on a channels-last image, written with onnx.helper: torchvision's
_patch_merging_pad (a zero Pad to even sides, x[..., i::2, j::2, :] as Slices of step 2, concatenated
along the channels in torchvision's order) and the same without the Pad on an even image; the order
changed, refused. And a SwinTransformer exported by torch in eval mode (constant folding on): the
exporter folds each relative position bias table and its index into one constant, so the file
no longer holds the table's parameters, and the tool refuses it at the bias Add (the round trips,
onnx.swin_*.train, cover the export that keeps them)."""
import io
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
from common import Graph  # noqa: E402
from netshape_script import require  # noqa: E402


def strided(g, x, axis, start, name):
    """x[..., start::2, ...] along axis (1 height, 2 width) of N×H×W×C."""
    return g.op("Slice", [x, g.ints([start]), g.ints([2 ** 31 - 1]), g.ints([axis]), g.ints([2])], name)


def merging(g, x, order=((0, 0), (1, 0), (0, 1), (1, 1))):
    rows = {i: strided(g, x, 1, i, f"rows{i}") for i in (0, 1)}
    parts = [strided(g, rows[i], 2, j, f"part{i}{j}") for i, j in order]
    return g.op("Concat", parts, "merge", axis=-1)


def cases():
    onnx, torch, torchvision = require("onnx", "torch", "torchvision")  # without them: skipped (77), every case
    c = 4
    for h, w in ((5, 7), (6, 4)):  # odd sides padded (torchvision pads H % 2 and W % 2); even sides
        g = Graph(c, h, w)
        t = g.op("Transpose", ["x"], "to_last", perm=[0, 2, 3, 1])
        if h % 2 or w % 2:
            t = g.op("Pad", [t, g.ints([0, 0, 0, 0, 0, h % 2, w % 2, 0])], "pad")
        y = g.op("Transpose", [merging(g, t)], "to_first", perm=[0, 3, 1, 2])
        yield {"name": f"patch_merging_{h}x{w}", "model": g.model(y), "contains": ['"merge", ns::patch_merging>'],
               "figures": {"params": 0, "macs": 0, "output": ((h + 1) // 2, (w + 1) // 2, 4 * c)}}
    g = Graph(c, 6, 4)
    t = g.op("Transpose", ["x"], "to_last", perm=[0, 2, 3, 1])
    y = g.op("Transpose", [merging(g, t, order=((0, 0), (0, 1), (1, 0), (1, 1)))], "to_first", perm=[0, 3, 1, 2])
    yield {"name": "patch_merging_order", "model": g.model(y),
           "error": "node 'merge' (Concat): not the concatenation of x[0::2, 0::2], x[1::2, 0::2]"}

    model = torchvision.models.swin_transformer.SwinTransformer(
        patch_size=[4, 4], embed_dim=16, depths=[2], num_heads=[2], window_size=[4, 4], num_classes=10).eval()
    f = io.BytesIO()
    with warnings.catch_warnings():  # the exporter's warnings about torchvision's code, not the tool's
        warnings.simplefilter("ignore")
        torch.onnx.export(model, torch.zeros(1, 3, 32, 32), f, opset_version=13)
    yield {"name": "swin_eval_export", "model": onnx.load_from_string(f.getvalue()),
           "error": "node '/features/features.1/features.1.0/attn/Add_1' (Add): not the Add of the relative position "
                    "bias, gathered from a learned table of 49×2 by an index of 256 (an export that folded the two "
                    "into one constant: export with do_constant_folding=False)"}
