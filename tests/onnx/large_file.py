#!/usr/bin/env python3
"""A 500 MB model converted from its graph alone (issue 19): the tool reads the initializers'
dimensions, never their values. Writes, in --work (a build directory; the files are removed at
the end), a synthetic ONNX model of about 508 MB of float weights (a conv of 512→2048 3×3 on an
8×8 image, global average pool, flatten, two dense layers 2048→16384→5120; 127 million parameters)
three ways: as one file, with its weights in an external data file (onnx.save_model's
save_as_external_data), and that same file with the data file deleted. For each, the tool must
write the header within LIMIT_SECONDS of wall time and LIMIT_BYTES of peak resident memory (its
process's, from wait4), the three headers must be identical, and the header must compile with the
exact figures computed here from the layer formulas.
Exit status: 0 passed, 1 failed, 2 usage, 77 skipped (no onnx or numpy)."""
import argparse
import math
import os
import subprocess
import sys
import time

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
sys.path.insert(0, TOOLS)
from netshape_script import cxx_flags, require  # noqa: E402

LIMIT_SECONDS = 5.0
LIMIT_BYTES = 1 << 30

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--work", required=True)
p.add_argument("--compiler", required=True)
p.add_argument("--include", required=True)
p.add_argument("--generate", action="store_true", help=argparse.SUPPRESS)  # the child that writes the files
args = p.parse_args()
np, onnx = require("numpy", "onnx")
from onnx import TensorProto, helper  # noqa: E402

C, F, H1, H2 = 512, 2048, 16384, 5120


def weights(name, dims):
    # Zero bytes, made without a numpy copy: 4 bytes per float.
    return helper.make_tensor(name, TensorProto.FLOAT, dims, bytes(4 * math.prod(dims)), raw=True)


def generate(one, ext, data):
    """Writes the model as one file and with external data (in a child process, so that the memory
    its 500 MB take is not the test's: a child's peak resident memory counts its parent's at fork)."""
    inits = [weights("conv.weight", [F, C, 3, 3]), weights("conv.bias", [F]), weights("fc1.weight", [H1, F]),
             weights("fc1.bias", [H1]), weights("fc2.weight", [H2, H1]), weights("fc2.bias", [H2])]
    nodes = [helper.make_node("Conv", ["x", "conv.weight", "conv.bias"], ["c"], name="conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
             helper.make_node("GlobalAveragePool", ["c"], ["g"], name="pool"),
             helper.make_node("Flatten", ["g"], ["f"], name="flatten"),
             helper.make_node("Gemm", ["f", "fc1.weight", "fc1.bias"], ["h"], name="fc1", transB=1),
             helper.make_node("Relu", ["h"], ["r"], name="relu"),
             helper.make_node("Gemm", ["r", "fc2.weight", "fc2.bias"], ["y"], name="fc2", transB=1)]
    graph = helper.make_graph(nodes, "big", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", C, 8, 8])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", H2])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    del inits, graph
    onnx.save_model(model, one)
    onnx.save_model(model, ext, save_as_external_data=True, all_tensors_to_one_file=True,
                    location=os.path.basename(data), size_threshold=1024)


params = F * C * 9 + F + F * H1 + H1 + H1 * H2 + H2
macs = 8 * 8 * F * C * 9 + F * H1 + H1 * H2

os.makedirs(args.work, exist_ok=True)
one = os.path.join(args.work, "big.onnx")
ext = os.path.join(args.work, "big_external.onnx")
data = os.path.join(args.work, "big_external.data")
if args.generate:
    generate(one, ext, data)
    sys.exit(0)
failures = []


def check(ok, what):
    print(("ok " if ok else "FAILED ") + what, flush=True)
    if not ok:
        failures.append(what)


def run_tool(path, header):
    """(exit status, stderr, wall seconds, peak resident bytes) of one conversion."""
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, os.path.join(TOOLS, "onnx2netshape"), path, "--out", header,
                             "--name", "net", "--namespace", "big"], stderr=subprocess.PIPE, text=True)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, err, time.monotonic() - start, usage.ru_maxrss * 1024  # ru_maxrss: KiB on Linux


try:
    subprocess.run([sys.executable, os.path.abspath(__file__), "--generate", "--work", args.work, "--compiler",
                    args.compiler, "--include", args.include], check=True)
    print(f"{one}: {os.path.getsize(one):,} bytes; {ext}: {os.path.getsize(ext):,} bytes with "
          f"{os.path.getsize(data):,} bytes of external data; {params:,} parameters")
    check(os.path.getsize(one) > 500 * 10 ** 6, "the single file is over 500 MB")
    headers = []
    for label, path in [("one file", one), ("external data", ext), ("external data deleted", ext)]:
        if label == "external data deleted":
            os.remove(data)
        header = os.path.join(args.work, f"big_{len(headers)}.hpp")
        status, err, seconds, peak = run_tool(path, header)
        check(status == 0 and not err, f"{label}: converted (status {status}{', ' + err.strip() if err else ''})")
        check(seconds < LIMIT_SECONDS, f"{label}: {seconds:.2f} s, under {LIMIT_SECONDS:g} s")
        check(peak < LIMIT_BYTES, f"{label}: peak resident memory {peak / 2 ** 20:,.0f} MiB, under {LIMIT_BYTES / 2 ** 20:,.0f} MiB")
        headers.append(open(header).read().split("\n", 1)[1] if status == 0 else "")  # after the file's name
    check(headers[0] == headers[1] == headers[2] != "", "the three headers are identical (but for the file name)")
    source = os.path.join(args.work, "big_check.cpp")
    with open(source, "w") as f:
        f.write('#include "big_0.hpp"\n'
                f"static_assert(netshape::params<big::net> == {params});\n"
                f"static_assert(netshape::macs<big::net> == {macs});\n"
                f"static_assert(netshape::output_shape<big::net> == netshape::shape{{1, 1, {H2}}});\n")
    r = subprocess.run([args.compiler] + cxx_flags() + ["-I", args.include, "-I", args.work, "-fsyntax-only", source],
                       capture_output=True, text=True)
    check(r.returncode == 0, f"the header compiles with {params:,} parameters and {macs:,} MACs{': ' + r.stderr[:2000] if r.returncode else ''}")
finally:
    for path in (one, ext, data):
        if os.path.exists(path):
            os.remove(path)
sys.exit(1 if failures else 0)
