#!/usr/bin/env python3
"""Runs one tests/onnx/case_*.py: each of its cases() is what tools/onnx2netshape is given (a small
ONNX graph built with onnx.helper, or raw bytes, or a path that does not exist, plus extra
arguments) and what it must make of it:
  * "error": a refusal: exit status 1, no traceback, nothing on stdout, and exactly one line on
    stderr, which contains the given text (the node or file it names and the reason);
  * otherwise a header holding given netshape layers whose figures, computed by hand from the layer
    formulas in the case, the compiler then checks (with cmake/warnings.txt's flags); stderr holds
    the case's "notes" (texts each "onnx2netshape: note:" line must include), or nothing.
Exit status: 0 passed, 1 failed, 2 usage, 77 skipped (no onnx package)."""
import argparse
import importlib.util
import os
import subprocess
import sys

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
sys.path.insert(0, TOOLS)
from netshape_script import cxx_flags, require  # noqa: E402

p = argparse.ArgumentParser(description=__doc__)
p.add_argument("case")
p.add_argument("--work", required=True)
p.add_argument("--compiler", required=True)
p.add_argument("--include", required=True)
args = p.parse_args()
onnx = require("onnx")

spec = importlib.util.spec_from_file_location("case", args.case)
case = importlib.util.module_from_spec(spec)
spec.loader.exec_module(case)
tool = os.path.join(TOOLS, "onnx2netshape")
os.makedirs(args.work, exist_ok=True)
failed = 0


def refused(r, expected):
    """A failure message, or None when the tool refused exactly as it must."""
    lines = r.stderr.splitlines()
    if r.returncode != 1:
        return f"exit status {r.returncode}, expected 1"
    if "Traceback" in r.stderr + r.stdout:
        return "a traceback"
    if r.stdout:
        return f"output on stdout: {r.stdout[:200]!r}"
    if len(lines) != 1:
        return f"{len(lines)} lines on stderr, expected exactly one"
    if expected not in lines[0]:
        return f"the line does not contain {expected!r}"
    return None


seen = 0
for c in case.cases():
    seen += 1
    name = c["name"]
    path = os.path.join(args.work, name + ".onnx")
    header = os.path.join(args.work, name + ".hpp")
    if os.path.exists(path):
        os.remove(path)
    if "model" in c:
        if "error" not in c:
            onnx.checker.check_model(c["model"])
        onnx.save(c["model"], path)
    elif "data" in c:
        with open(path, "wb") as f:
            f.write(c["data"])
    # else: the file is missing, as the case means it to be
    out = ["--out", header] if "error" not in c else []
    r = subprocess.run([sys.executable, tool, path, "--name", "net", "--namespace", name] + out + c.get("args", []),
                       capture_output=True, text=True)
    if "error" in c:
        problem = refused(r, c["error"].replace("{path}", path))
        if problem:
            print(f"FAILED {name}: {problem}; status {r.returncode}, stderr:\n{r.stderr}")
            failed += 1
        else:
            print(f"ok {name}: {r.stderr.strip()}")
        continue
    if r.returncode != 0:
        print(f"FAILED {name}: {r.stderr}")
        failed += 1
        continue
    text = open(header).read()
    notes = [n for n in c.get("notes", []) if n not in r.stderr]
    if notes or (r.stderr and not c.get("notes")) or "Traceback" in r.stderr:
        print(f"FAILED {name}: stderr lacks the notes {notes} or has others:\n{r.stderr}")
        failed += 1
        continue
    missing = [s for s in c.get("contains", []) if s not in text]
    if missing:
        print(f"FAILED {name}: header lacks {missing}\n{text}")
        failed += 1
        continue
    f = c["figures"]
    source = os.path.join(args.work, name + "_check.cpp")
    with open(source, "w") as out:
        out.write(f'#include "{name}.hpp"\nnamespace ns = netshape;\nusing n = {name}::net;\n')
        for k in ("params", "buffers", "macs"):
            if k in f:
                out.write(f"static_assert(ns::{k}<n> == {f[k]});\n")
        if "output" in f:  # (H, W, C), (L, C): a sequence, or (F,): a vector
            shape = {1: "ns::shape::vector(%d)", 2: "ns::shape::sequence(%d, %d)"}.get(
                len(f["output"]), "ns::shape{%d, %d, %d}") % tuple(f["output"])
            out.write(f"static_assert(ns::output_shape<n> == {shape});\n")
        if "outputs" in f:  # every output, in output_shapes' order (side outputs, then the main path)
            out.write(f"static_assert(ns::output_shapes<n>.size() == {len(f['outputs'])});\n")
            for k, shape in enumerate(f["outputs"]):
                out.write(f"static_assert(ns::output_shapes<n>[{k}] == ns::shape{{{', '.join(map(str, shape))}}});\n")
        out.write("int main() {}\n")
    r = subprocess.run([args.compiler] + cxx_flags() + ["-I", args.include,
                        "-I", args.work, "-c", source, "-o", source + ".o"], capture_output=True, text=True)
    if r.returncode != 0:
        print(f"FAILED {name}: does not compile\n{r.stderr[:3000]}\n{text}")
        failed += 1
    else:
        print(f"ok {name}")
if not seen:
    print(f"FAILED: {args.case} has no cases")
    failed += 1
sys.exit(1 if failed else 0)
