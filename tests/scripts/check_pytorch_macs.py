#!/usr/bin/env python3
"""Checks tools/pytorch_macs.py, the MAC measurement of every reference script (CTest reference.pytorch_macs):
on CPU and on the meta device, its MACs equal the exact formula written out here for every convolution
kind, including the ones PyTorch's profiler does not count and the hooks must (1-D, 3-D, transposed,
Conv2d with padding='same' or 'valid', an unbatched Conv2d), for nn.Linear on 2-D and 4-D inputs and
nn.MultiheadAttention (4·L·C² + 2·L²·C); and it refuses what neither counts (a bare F.conv2d with string
padding, a matrix-vector product) instead of leaving it out.
Run with Debian's /usr/bin/python3 (python3-torch). Exit status: 0 all hold, 1 one does not, 2 usage,
77 torch missing (skipped).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from netshape_script import FAILED, OK, require  # noqa: E402


def cases(nn):
    """(what, module, input shape, MACs by formula): output positions · filters · (in/groups) · kernel
    elements; transposed: input positions · in channels · (out/groups) · kernel elements."""
    return [
        ("Conv2d stride 2, pad 1, dilation 2, groups 2 on 13×11",
         nn.Conv2d(4, 8, 3, stride=2, padding=1, dilation=2, groups=2), (1, 4, 13, 11), 6 * 5 * 8 * 2 * 9),
        ("Conv2d padding='same'", nn.Conv2d(4, 8, 3, padding="same"), (1, 4, 13, 11), 13 * 11 * 8 * 4 * 9),
        ("Conv2d padding='same', even kernel", nn.Conv2d(4, 8, 4, padding="same"), (1, 4, 13, 11),
         13 * 11 * 8 * 4 * 16),
        ("Conv2d padding='valid'", nn.Conv2d(4, 8, 3, padding="valid"), (1, 4, 13, 11), 11 * 9 * 8 * 4 * 9),
        ("Conv2d padding_mode='reflect'", nn.Conv2d(4, 8, 3, padding=1, padding_mode="reflect"), (1, 4, 13, 11),
         13 * 11 * 8 * 4 * 9),
        ("Conv2d unbatched", nn.Conv2d(4, 8, 3), (4, 13, 11), 11 * 9 * 8 * 4 * 9),
        ("Conv1d groups 2", nn.Conv1d(4, 8, 3, groups=2), (1, 4, 13), 11 * 8 * 2 * 3),
        ("Conv3d", nn.Conv3d(4, 8, 3), (1, 4, 5, 6, 7), 3 * 4 * 5 * 8 * 4 * 27),
        ("ConvTranspose2d stride 2", nn.ConvTranspose2d(4, 8, 3, stride=2), (1, 4, 5, 6), 5 * 6 * 4 * 8 * 9),
        ("ConvTranspose1d groups 2", nn.ConvTranspose1d(4, 6, 3, stride=2, groups=2), (1, 4, 5), 5 * 4 * 3 * 3),
        ("ConvTranspose3d", nn.ConvTranspose3d(2, 3, (1, 2, 3)), (1, 2, 2, 3, 4), 2 * 3 * 4 * 2 * 3 * 6),
        ("Linear on a vector", nn.Linear(5, 7), (1, 5), 5 * 7),
        ("Linear on 2×3 positions", nn.Linear(5, 7), (1, 2, 3, 5), 6 * 5 * 7),
        ("Linear without bias on 2×3 positions", nn.Linear(5, 7, bias=False), (1, 2, 3, 5), 6 * 5 * 7),
        ("a Conv2d the profiler counts, then one the hooks count",
         nn.Sequential(nn.Conv2d(2, 3, 1), nn.Conv2d(3, 4, 2, padding="same")),
         (1, 2, 4, 4), 16 * 3 * 2 + 16 * 4 * 3 * 4),
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.parse_args()
    torch = require("torch")
    import pytorch_macs
    torch.set_num_threads(1)
    nn = torch.nn
    failures = []
    for device in ("cpu", "meta"):
        for what, module, shape, expected in cases(nn):
            module = module.to(device).eval()
            x = torch.zeros(*shape, device=device)
            try:
                got = pytorch_macs.measure(module, lambda: module(x))[1]
            except ValueError as e:
                got = f"refused ({e})"
            if got != expected:
                failures.append(f"{what} on {device}: {got}, expected {expected} MACs")
        length, width = 5, 8
        attention = nn.MultiheadAttention(width, 2, batch_first=True).to(device).eval()
        x = torch.zeros(1, length, width, device=device)
        got = pytorch_macs.measure(attention, lambda: attention(x, x, x, need_weights=False))[1]
        if got != 4 * length * width * width + 2 * length * length * width:
            failures.append(f"nn.MultiheadAttention on {device}: {got} MACs")
    weight = torch.zeros(8, 4, 3, 3)
    refused = [("a bare F.conv2d with padding='same'",
                lambda: nn.functional.conv2d(torch.zeros(1, 4, 9, 9), weight, padding="same")),
               ("a matrix-vector product", lambda: torch.zeros(3, 4) @ torch.zeros(4))]
    for what, forward in refused:
        try:
            pytorch_macs.measure(nn.Identity(), forward)
            failures.append(f"{what}: measured, not refused")
        except ValueError:
            pass
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    print(f"{2 * (len(cases(nn)) + 1) + len(refused)} checks, {len(failures)} failed", file=sys.stderr)
    return FAILED if failures else OK


if __name__ == "__main__":
    sys.exit(main())
