#!/usr/bin/env python3
"""The tensors of tools/onnx2netshape's pools (issue 19): for a grid of 2-D MaxPool and AveragePool
configurations (unequal pads, pads above half the kernel, auto_pad, dilation, ceil_mode,
count_include_pad 0 and 1), the header the tool writes is read back (its padding layer, neg_inf_pad
or zero_pad, and its pool's kernel, stride, pad, dilation, ceil_mode and exclude_pad), run in
PyTorch (F.pad with the layer's fill, then max_pool2d or avg_pool2d with count_include_pad as
exclude_pad says), and compared with ONNX's operator computed here from its definition (each window
over the input positions it covers; the maximum, or the sum divided by the window's positions
inside the padded input, count_include_pad=1, or inside the input, count_include_pad=0). Every
configuration must be exact or refused with one line; both kinds must occur.
Exit status: 0 passed, 1 failed, 77 skipped (torch or onnx missing)."""
import argparse
import itertools
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.join(HERE, "..", "..", "tools")
sys.path.insert(0, TOOLS)
sys.path.insert(0, HERE)
from netshape_script import require  # noqa: E402

argparse.ArgumentParser(description=__doc__).parse_args()
np = require("numpy")
onnx = require("onnx")
torch = require("torch")
from common import Graph  # noqa: E402


def onnx_pool(x, op, k, s, d, pads, ceil, counts_pad):
    """ONNX's MaxPool / AveragePool on x (N×C×H×W) from its definition; the output size is the
    operator's (floor, or ceil keeping a last window that starts inside the input or its top/left
    padding, as PyTorch and onnxruntime)."""
    t, l, b, r = pads
    H, W = x.shape[2:]
    sizes = []
    for n, before, after, kk, ss, dd in ((H, t, b, k[0], s[0], d[0]), (W, l, r, k[1], s[1], d[1])):
        room = n + before + after - (dd * (kk - 1) + 1)
        out = (room + (ss - 1 if ceil else 0)) // ss + 1
        if ceil and (out - 1) * ss >= n + before:
            out -= 1
        sizes.append(out)
    y = np.zeros(x.shape[:2] + tuple(sizes))
    for i, j in itertools.product(range(sizes[0]), range(sizes[1])):
        rows = [i * s[0] - t + a * d[0] for a in range(k[0])]
        cols = [j * s[1] - l + a * d[1] for a in range(k[1])]
        inside = [(p, q) for p in rows for q in cols if 0 <= p < H and 0 <= q < W]
        padded = [(p, q) for p in rows for q in cols if -t <= p < H + b and -l <= q < W + r]
        vals = np.stack([x[:, :, p, q] for p, q in inside], -1) if inside else None
        if op == "MaxPool":
            y[:, :, i, j] = vals.max(-1) if inside else -np.inf
        else:
            y[:, :, i, j] = vals.sum(-1) / (len(padded) if counts_pad else len(inside))
    return y


def header_run(text, x):
    """The header's layers run in PyTorch: its padding layer, then its pool."""
    xt = torch.from_numpy(x)
    m = re.search(r"ns::(neg_inf_pad|zero_pad)<(-?\d+), (-?\d+), (-?\d+), (-?\d+)>", text)
    if m:
        t, l, b, r = (int(v) for v in m.groups()[1:])
        xt = torch.nn.functional.pad(xt, (l, r, t, b), value=-float("inf") if m.group(1) == "neg_inf_pad" else 0.0)
    m = re.search(r"ns::(max_pool|avg_pool)<(\d+|ns::hw\{\d+, \d+\}), (.*)>>", text)
    kind, kernel, opts = m.groups()

    def pair(v):
        v = [int(a) for a in re.findall(r"\d+", v)]
        return tuple(v) if len(v) == 2 else (v[0], v[0])

    def option(name, default):
        o = re.search(r"ns::%s<([\d, ]+)>" % name, opts)
        return pair(o.group(1)) if o else default
    k = pair(kernel)
    s, p, d = option("stride", k), option("pad", (0, 0)), option("dilation", (1, 1))
    ceil = "ns::ceil_mode" in opts
    if kind == "max_pool":
        return torch.nn.functional.max_pool2d(xt, k, s, p, d, ceil_mode=ceil).numpy()
    return torch.nn.functional.avg_pool2d(xt, k, s, p, ceil_mode=ceil, count_include_pad="ns::exclude_pad" not in opts).numpy()


CONFIGS = []
for op, k, s, pads, ceil, extra in itertools.product(
        ("MaxPool", "AveragePool"), ((3, 3), (2, 3)), ((2, 2), (3, 2)),
        ((0, 0, 1, 1), (1, 0, 2, 1), (2, 2, 2, 2), (0, 1, 0, 0), "SAME_LOWER"),
        (0, 1), ({}, {"dilations": [2, 1]}, {"count_include_pad": 1})):
    if (op == "MaxPool") == ("count_include_pad" in extra) or (op == "AveragePool" and "dilations" in extra):
        continue
    CONFIGS.append((op, k, s, pads, ceil, extra))

rng = np.random.default_rng(0)
failed, exact, refused = [], 0, 0
with tempfile.TemporaryDirectory() as work:
    for n, (op, k, s, pads, ceil, extra) in enumerate(CONFIGS):
        for h, w in ((7, 8),):
            g = Graph(2, h, w)
            attrs = {"kernel_shape": list(k), "strides": list(s), "ceil_mode": ceil, **extra}
            if isinstance(pads, str):
                attrs["auto_pad"] = pads
            else:
                attrs["pads"] = list(pads)
            y = g.op(op, ["x"], "pool", **attrs)
            try:
                model = g.model(y)
            except Exception:  # onnx's inference refuses the configuration itself
                continue
            path = os.path.join(work, f"c{n}_{h}.onnx")
            onnx.save(model, path)
            r = subprocess.run([sys.executable, os.path.join(TOOLS, "onnx2netshape"), path, "--out", path + ".hpp"],
                               capture_output=True, text=True)
            what = f"{op} {attrs} on {h}×{w}"
            if r.returncode == 1 and len(r.stderr.splitlines()) == 1 and "Traceback" not in r.stderr:
                refused += 1
                continue
            if r.returncode != 0:
                failed.append(f"{what}: exit {r.returncode}: {r.stderr.strip()}")
                continue
            text = open(path + ".hpp").read()
            x = rng.standard_normal((1, 2, h, w))
            dl = extra.get("dilations", [1, 1])
            if isinstance(pads, str):  # auto_pad: the padding that keeps ceil(in / stride)
                total = [max(0, (-(-n_ // s_) - 1) * s_ + (k_ - 1) * d_ + 1 - n_)
                         for n_, s_, k_, d_ in zip((h, w), s, k, dl)]
                small = [t_ // 2 for t_ in total]
                big = [t_ - t_ // 2 for t_ in total]
                explicit = small + big if pads == "SAME_UPPER" else big + small
            else:
                explicit = list(pads)
            want = onnx_pool(x, op, k, s, dl, explicit, ceil, extra.get("count_include_pad", 0))
            got = header_run(text, x)
            if got.shape != want.shape or not np.allclose(got, want):
                failed.append(f"{what}: the header's layers give {got.shape}, ONNX's operator {want.shape}"
                              + ("" if got.shape != want.shape else f", max difference {np.abs(got - want).max()}"))
            else:
                exact += 1
print(f"{exact} exact, {refused} refused, {len(failed)} wrong of {exact + refused + len(failed)} configurations")
for f in failed:
    print("FAILED", f)
sys.exit(1 if failed or not exact or not refused else 0)
