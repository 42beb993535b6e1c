#!/usr/bin/env python3
"""The README's three ONNX commands as a newcomer runs them, and what torch's exports make of the
tool's names (issue 18):
  1. the README's export step, run verbatim (its text is read from README.md), prints nothing;
  2. `onnx2netshape resnet18.onnx --summary` prints the table, whose totals are torchvision's own
     parameters and buffers (summed over the module here) and MACs (tests/data's reference); the
     same table, byte for byte, with CXX=clang++ where clang++ exists;
  3. without any compiler (CXX unset, nothing on PATH) --summary is one line, exit status 1;
  4. an eval export of MNASNet 0.5 (nested Sequentials: '/layers/layers.8/layers.8.0/layers/layers.0/Conv')
     names its layers with PyTorch paths: every name is a path of model.named_modules() (or a
     functional operator's, 'ReduceMean'), 'layers.8.0.layers.0' among them.
Exit status: 0 passed, 1 failed, 77 skipped (no torch, torchvision or onnx)."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
ROOT = os.path.dirname(os.path.abspath(TOOLS))
sys.path.insert(0, TOOLS)
from netshape_script import require  # noqa: E402

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--work", required=True)
args = p.parse_args()
torch, torchvision, _ = require("torch", "torchvision", "onnx")
os.makedirs(args.work, exist_ok=True)
tool = os.path.join(TOOLS, "onnx2netshape")
failures = []


def check(ok, what):
    print(("ok " if ok else "FAILED ") + what)
    if not ok:
        failures.append(what)


# 1. The README's export command, as it is written there.
readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
block = re.search(r"## From an ONNX file.*?```sh\n(.*?)```", readme, re.S).group(1)
export = re.search(r"^/usr/bin/python3 .*?\)\"$", block, re.S | re.M).group(0)
path = os.path.join(args.work, "resnet18.onnx")
if os.path.exists(path):
    os.remove(path)
r = subprocess.run(["sh", "-c", export], cwd=args.work, capture_output=True, text=True)
check(r.returncode == 0 and os.path.exists(path), f"the README's export step exports (status {r.returncode})")
check(r.stderr == "" and r.stdout == "", f"the README's export step prints nothing ({len(r.stderr.splitlines())} "
      f"lines on stderr{': ' + r.stderr.splitlines()[0] if r.stderr else ''})")

# 2. --summary: the table's totals are torchvision's figures.
model = torchvision.models.resnet18(weights=None)
params = sum(p.numel() for p in model.parameters())
buffers = sum(b.numel() for n, b in model.named_buffers() if not n.endswith("num_batches_tracked"))
with open(os.path.join(ROOT, "tests", "data", "torchvision_reference.json")) as f:
    macs = json.load(f)["models"]["resnet18"]["macs"]
tables = {}
compilers = [c for c in ("g++", "clang++") if shutil.which(c)]
for cxx in compilers:
    r = subprocess.run([sys.executable, tool, path, "--summary"], capture_output=True, text=True,
                       env=dict(os.environ, CXX=cxx))
    tables[cxx] = r.stdout
    total = {k: int(v.replace(",", "")) for k, v in re.findall(r"^(params|buffers|MACs) +([\d,]+) ", r.stdout, re.M)}
    check(r.returncode == 0 and r.stderr == "", f"--summary with CXX={cxx} succeeds quietly (status {r.returncode}, "
          f"stderr {r.stderr.strip()[:200]!r})")
    check(total == {"params": params, "buffers": buffers, "MACs": macs},
          f"--summary (CXX={cxx}) totals {total} are torchvision's params {params}, buffers {buffers}, MACs {macs}")
    check(re.search(r"^\d+ +[├│└ ]*layer1\.0\.conv1 \(conv2d\) ", r.stdout, re.M) is not None,
          f"--summary (CXX={cxx}) has the row of layer1.0.conv1")
if len(tables) == 2:
    check(tables["g++"] == tables["clang++"], "g++ and clang++ print the same table, byte for byte")
check(bool(compilers), "a compiler to run --summary with (g++ or clang++)")

# 3. No compiler at all: one line, exit status 1, nothing on stdout.
env = {k: v for k, v in os.environ.items() if k != "CXX"}
env["PATH"] = os.path.join(args.work, "no-such-directory")
r = subprocess.run([sys.executable, tool, path, "--summary"], capture_output=True, text=True, env=env)
lines = r.stderr.splitlines()
check(r.returncode == 1 and r.stdout == "" and len(lines) == 1 and "needs a C++20 compiler and found none" in lines[0],
      f"--summary without a compiler says so in one line (status {r.returncode}, stderr {r.stderr!r})")

# 4. PyTorch paths from an eval export with nested Sequentials.
mnas = torchvision.models.mnasnet0_5(weights=None).eval()
path = os.path.join(args.work, "mnasnet0_5.onnx")
torch.onnx.export(mnas, torch.zeros(1, 3, 224, 224), path, opset_version=13)
header = os.path.join(args.work, "mnasnet0_5.hpp")
r = subprocess.run([sys.executable, tool, path, "--out", header], capture_output=True, text=True)
check(r.returncode == 0, f"MNASNet 0.5 converts (status {r.returncode}, {r.stderr.strip()[:300]})")
names = re.findall(r'ns::named<"([^"]*)"', open(header).read()) if r.returncode == 0 else []
modules = dict(mnas.named_modules())
strays = [n for n in names if n not in modules and not re.fullmatch(r"[A-Z]\w*", n)]
check(bool(names) and not strays, f"every one of {len(names)} layer names is a PyTorch module path or a top-level "
      f"operator (not: {strays[:5]})")
check("layers.8.0.layers.0" in names, "'layers.8.0.layers.0' names MNASNet's first inverted residual's first conv")

sys.exit(1 if failures else 0)
