#!/usr/bin/env python3
"""docs/onnx.md's operator table must be what `tools/onnx2netshape --operators` prints for the
installed onnx, and must classify every operator: each one mapped or refused with its reason, none
"not read by this tool". Exit status: 0 passed, 1 failed, 77 skipped (no onnx package)."""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
sys.path.insert(0, os.path.join(ROOT, "tools"))
from netshape_script import require  # noqa: E402

argparse.ArgumentParser(description=__doc__).parse_args()
require("onnx")
BEGIN, END = "<!-- operators: tools/onnx2netshape --operators -->\n", "<!-- end of operators -->\n"
r = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "onnx2netshape"), "--operators"],
                   capture_output=True, text=True)
if r.returncode != 0:
    print(f"FAILED: --operators exits with {r.returncode}: {r.stderr}")
    sys.exit(1)
with open(os.path.join(ROOT, "docs", "onnx.md"), encoding="utf-8") as f:
    doc = f.read()
if BEGIN not in doc or END not in doc:
    print("FAILED: docs/onnx.md has no operator table between the markers")
    sys.exit(1)
table = doc.split(BEGIN, 1)[1].split(END, 1)[0]
unclassified = [line for line in r.stdout.splitlines() if "not read by this tool" in line]
if unclassified:
    print("FAILED: operators neither mapped nor refused with a reason:\n" + "\n".join(unclassified))
    sys.exit(1)
if table != r.stdout:
    print("FAILED: docs/onnx.md's operator table is not what --operators prints now; replace it with:\n" + r.stdout)
    sys.exit(1)
print(f"ok: {len(r.stdout.splitlines()) - 2} operators, each mapped or refused with its reason")
