#!/usr/bin/env python3
"""Runs tools/onnx2netshape over ONNX files it was not written against and classifies every outcome
(issue 19). tests/onnx_roundtrip.cmake runs it under CTest (label onnx).

    onnx_wild.py SOURCE --work DIR --compiler CXX --include DIR [--tool PATH] [--summary JSON]

SOURCE is where the files come from, each regenerated here from what Debian ships:
  node               ONNX's backend node tests, built from the case scripts of python3-onnx
                     (onnx/backend/test/case/node); the expected output of each case's first data
                     set is the reference output shape;
  pytorch-converted  the modules of PyTorch's own nn tests (torch.testing._internal.common_nn's
                     module_tests and new_module_tests, from which ONNX's pytorch-converted data
                     was exported), exported with torch.onnx.export; PyTorch's parameters,
                     buffers, output shape and Conv/Linear MACs of one sample are the reference;
  torchvision        torchvision's classification models outside netshape's zoo (and the zoo's
                     Vision Transformers, ZOO_RUN), exported with
                     batch norm kept (training mode, no constant folding; dropout and stochastic
                     depth in eval mode) at --size (224 by default; FULL_SIZE's models always at
                     224), --models limiting them; the reference as above, at that size.
ONNX's pytorch-operator data are not regenerable from anything Debian ships (they were exported
from PyTorch's test_operators.py, which python3-torch does not install): not run.

Each file gets exactly one outcome:
  exact       a header was written, it compiles (cmake/warnings.txt's flags) and it equals the
              reference (output shape, and params, buffers, MACs where the reference has them);
  refused     exit status 1, nothing on stdout, exactly one line on stderr, no traceback;
  crash       anything else the tool did: a traceback, another exit status, several lines;
  wrong       a header was written, and it does not compile or differs from the reference.
Files the source could not produce (a case script or an export that fails) are listed as
unavailable, with the reason, and are not run. The script prints every case's outcome and the
counts, writes them to --summary, and fails (exit status 1) on any crash or wrong header.
Exit status: 0 no crash and no wrong header, 1 otherwise, 2 usage, 77 skipped (a package missing).
"""
import argparse
import collections
import concurrent.futures
import json
import math
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netshape_script import FAILED, OK, cxx_flags, quiet_batch_counter_warnings, require  # noqa: E402

TOOLS = os.path.dirname(os.path.abspath(__file__))
# The zoo's models (docs/zoo.md): torchvision's others are the "outside the zoo" set.
ZOO = {"alexnet", "vgg11", "vgg13", "vgg16", "vgg19", "vgg16_bn", "vgg19_bn", "resnet18", "resnet34", "resnet50",
       "resnet101", "resnet152", "resnext50_32x4d", "wide_resnet50_2", "googlenet", "inception_v3",
       "squeezenet1_0", "squeezenet1_1", "densenet121", "densenet169", "densenet201", "mobilenet_v2",
       "mobilenet_v3_large", "shufflenet_v2_x1_0", "efficientnet_b0", "convnext_tiny", "vit_b_16", "vit_b_32",
       "vit_l_16", "vit_l_32", "vit_h_14"}
# The zoo's models the torchvision source runs all the same: its Vision Transformers, which the tool
# refused until it read torch's export of nn.MultiheadAttention (their zoo types are written directly).
ZOO_RUN = {"vit_b_16", "vit_b_32", "vit_l_16", "vit_l_32", "vit_h_14"}
# Models with matrix products outside Conv and Linear modules (attention's Q·Kᵀ and A·V, Swin's and
# MaxViT's functional projections): their reference MACs are tools/pytorch_macs.py's (the profiler's
# matrix products), which forward hooks cannot see.
ATTENTION = ("vit_", "swin_", "maxvit_")


def per_sample(dims):
    """netshape's (H, W, C) of one sample of an N×C×H×W tensor, [F] of an N×F one, (D, H, W, C) of an
    N×C×D×H×W clip, (L, C) of an N×C×L signal, or None for another rank."""
    dims = list(dims)
    if len(dims) == 4:
        return [dims[2], dims[3], dims[1]]
    if len(dims) == 2:
        return [dims[1]]
    if len(dims) == 5:
        return [dims[2], dims[3], dims[4], dims[1]]
    if len(dims) == 3:
        return [dims[2], dims[1]]
    return None


def shape_literal(values):
    """netshape's shape of per_sample's values, as C++."""
    v = ", ".join(str(x) for x in values)
    return {4: f"netshape::shape::volume({v})", 2: f"netshape::shape::sequence({v})"}.get(len(values), f"netshape::shape{{{v}}}")


# ---------------------------------------------------------------------------------------------
# Sources: each returns (cases, unavailable); a case is {"name", "path", "reference"}.

def node_cases(work):
    """ONNX's backend node tests, regenerated from the case scripts python3-onnx installs. The onnx
    1.12 scripts use numpy aliases (np.float, np.int, ...) that newer numpy removed: they are put
    back for the scripts' sake. Each script module is imported alone, so that one which fails
    makes its cases unavailable, not the others'."""
    import importlib
    import pkgutil
    import numpy as np
    onnx = require("onnx")
    for alias, builtin in (("float", float), ("int", int), ("bool", bool), ("object", object), ("str", str),
                           ("complex", complex)):
        if alias not in np.__dict__:
            setattr(np, alias, builtin)
    import onnx.backend.test.case.node as node
    from onnx import numpy_helper
    unavailable = []
    for info in pkgutil.iter_modules(node.__path__):
        try:
            importlib.import_module(f"{node.__name__}.{info.name}")
        except Exception as e:  # the script's own failure: its remaining cases are not generated
            unavailable.append((f"node/{info.name}.py", f"the case script fails: {type(e).__name__}: {e}"))
    cases = []
    os.makedirs(work, exist_ok=True)
    for c in node._NodeTestCases:
        path = os.path.join(work, c.name + ".onnx")
        onnx.save(c.model, path)
        inputs, outputs = c.data_sets[0] if c.data_sets else ([], [])
        ref = {}
        if len(outputs) == 1 and hasattr(outputs[0], "shape"):
            ref["output"] = per_sample(outputs[0].shape)
        cases.append({"name": c.name, "path": path, "reference": ref})
        first = inputs[0] if inputs and hasattr(inputs[0], "shape") else None
        if first is not None and first.ndim == 4 and all(first.shape):
            # the same file with --input of the data set's first input: the size inferred afresh
            n, ch, h, w = first.shape
            cases.append({"name": c.name + "+input", "path": path, "reference": ref,
                          "args": ["--input", f"{h},{w},{ch}"]})
        graph_inputs = [i for i in c.model.graph.input if i.name not in {t.name for t in c.model.graph.initializer}]
        if 1 < len(graph_inputs) == len(inputs) and all(hasattr(v, "shape") for v in inputs):
            # the other inputs frozen as initializers holding the data set's values, as a trained
            # model holds its weights: the file then has one data input
            frozen = onnx.ModelProto()
            frozen.CopyFrom(c.model)
            keep = graph_inputs[0].name
            del frozen.graph.input[:]
            frozen.graph.input.append(graph_inputs[0])
            for vi, value in zip(graph_inputs[1:], inputs[1:]):
                frozen.graph.initializer.append(numpy_helper.from_array(np.asarray(value), vi.name))
            assert frozen.graph.input[0].name == keep
            path = os.path.join(work, c.name + "+frozen.onnx")
            onnx.save(frozen, path)
            cases.append({"name": c.name + "+frozen", "path": path, "reference": ref})
    return cases, unavailable


def torch_reference(model, inputs, run=None):
    """PyTorch's figures of one sample: parameters, buffers (without num_batches_tracked), output
    shape, and MACs of Conv2d, ConvTranspose2d and Linear (forward hooks, divided by the batch and by
    the number of forward passes). run() runs the model (default: once, without gradients); an
    export passed as run measures the forward passes its tracing makes, saving one of its own."""
    import torch
    macs, calls, outputs = [0], [0], []

    # int(): while an export traces the model, numel() is a traced tensor
    def conv(m, i, o):  # any dimension: the kernel's taps
        macs[0] += int(o.numel()) * (m.in_channels // m.groups) * math.prod(m.kernel_size)

    def transposed(m, i, o):
        macs[0] += int(i[0].numel()) * (m.out_channels // m.groups) * math.prod(m.kernel_size)

    def linear(m, i, o):
        macs[0] += int(o.numel()) * m.in_features

    def top(m, i, o):
        calls[0] += 1
        outputs.append(o)

    hooks = [model.register_forward_hook(top)]
    for m in model.modules():
        hook = {torch.nn.Conv1d: conv, torch.nn.Conv2d: conv, torch.nn.Conv3d: conv, torch.nn.ConvTranspose1d: transposed,
                torch.nn.ConvTranspose2d: transposed, torch.nn.ConvTranspose3d: transposed,
                torch.nn.Linear: linear}.get(type(m))
        if hook:
            hooks.append(m.register_forward_hook(hook))
    if run is None:
        with torch.no_grad():
            model(*inputs)
    else:
        run()
    for h in hooks:
        h.remove()
    y = outputs[-1]
    ref = {"params": sum(p.numel() for p in model.parameters()),
           "buffers": sum(b.numel() for n, b in model.named_buffers() if not n.endswith("num_batches_tracked"))}
    if isinstance(y, torch.Tensor):
        ref["output"] = per_sample(int(d) for d in y.shape)
        batch = int(y.shape[0]) if y.dim() in (2, 3, 4, 5) else 0
        if batch and macs[0] % (batch * calls[0]) == 0:
            ref["macs"] = macs[0] // (batch * calls[0])
    return ref


def pytorch_converted_cases(work):
    """The modules of PyTorch's nn tests, exported one by one. common_nn imports expecttest (not
    packaged by Debian) for its TestCase only: a stand-in module lets it load."""
    import types
    import unittest
    torch = require("torch")
    if "expecttest" not in sys.modules:
        try:
            import expecttest  # noqa: F401
        except ImportError:
            stand_in = types.ModuleType("expecttest")
            stand_in.TestCase, stand_in.ACCEPT = unittest.TestCase, False
            sys.modules["expecttest"] = stand_in
    import torch.testing._internal.common_nn as common_nn
    cases, unavailable, seen = [], [], collections.Counter()
    os.makedirs(work, exist_ok=True)
    for test in common_nn.module_tests + common_nn.new_module_tests:
        module_name = test.get("module_name")
        if module_name is None:
            continue
        name = test.get("fullname") or module_name + ("_" + test["desc"] if "desc" in test else "")
        seen[name] += 1
        if seen[name] > 1:
            name += f"_{seen[name]}"
        name = re.sub(r"\W", "_", name)
        if name.endswith("no_batch_dim"):  # common_nn's unbatched inputs (C×L, C×H×W, ...)
            unavailable.append((name, "its input has no batch dimension: the reference and netshape both read a "
                                      "tensor's first axis as the batch (an N×C×L signal, not an unbatched C×H×W image)"))
            continue
        try:
            torch.manual_seed(0)
            if "constructor" in test:
                model = test["constructor"](*test.get("constructor_args", ()))
            else:
                model = getattr(torch.nn, module_name)(*test.get("constructor_args", ()))
            if "input_fn" in test:
                x = test["input_fn"]()
            else:
                x = torch.randn(test["input_size"])
            inputs = x if isinstance(x, tuple) else (x,)
            model.eval()
            ref = torch_reference(model, inputs)
            path = os.path.join(work, name + ".onnx")
            torch.onnx.export(model, inputs, path)
        except Exception as e:
            unavailable.append((name, f"{type(e).__name__}: {' '.join(str(e).split())[:160]}"))
            continue
        cases.append({"name": name, "path": path, "reference": ref})
    return cases, unavailable


# torchvision's models whose architecture fixes the input size: exported at 224×224 whatever --size
# says. VGG's AdaptiveAvgPool2d((7, 7)) is exported as an AveragePool only when the feature map is a
# multiple of 7 (224·k; below, torch 1.13 refuses to export it), and its classifier's first Linear
# reads those 7×7; Swin's and MaxViT's windows are fitted to 224 (below it Swin pads every stage's
# map to a window multiple, another graph; MaxViT refuses a map that its windows do not divide).
FULL_SIZE = {"vgg11_bn": "AdaptiveAvgPool2d((7, 7)) exports only on a multiple of 7 (224·k)",
             "vgg13_bn": "AdaptiveAvgPool2d((7, 7)) exports only on a multiple of 7 (224·k)",
             "swin_t": "windows fitted to 224 (below, padded to window multiples: another graph)",
             "swin_s": "windows fitted to 224 (below, padded to window multiples: another graph)",
             "swin_b": "windows fitted to 224 (below, padded to window multiples: another graph)",
             "swin_v2_t": "windows fitted to 256 (below, padded to window multiples: another graph)",
             "swin_v2_s": "windows fitted to 256 (below, padded to window multiples: another graph)",
             "swin_v2_b": "windows fitted to 256 (below, padded to window multiples: another graph)",
             "maxvit_t": "its block and grid windows must divide every stage's map (224)"}


def attention_macs(name, model, x, ref):
    """ref with the MACs of a model of ATTENTION measured by tools/pytorch_macs.py (autograd on: the
    path torch 1.13 exports, not nn.MultiheadAttention's fast path)."""
    if name.startswith(ATTENTION):
        import pytorch_macs
        ref["macs"] = pytorch_macs.measure(model, lambda: model(x), True)[1]
    return ref


def torchvision_cases(work, only_existing=False, size=224, models=None):
    """torchvision's classification models outside the zoo, at size×size (224 by default; FULL_SIZE's
    models always at 224) with batch norm kept, the smallest first (by the parameter count
    torchvision's weights record, read without downloading); models, if given, limits them. A file
    of another size than 224 is named <model>_<size>.onnx, so that both can be kept in --work."""
    torch, torchvision = require("torch", "torchvision")
    quiet_batch_counter_warnings()
    cases, unavailable = [], []
    os.makedirs(work, exist_ok=True)

    def weights_size(name):
        weights = list(torchvision.models.get_model_weights(name))
        return weights[0].meta.get("num_params", 0) if weights else 0

    names = [n for n in torchvision.models.list_models(module=torchvision.models) if n not in ZOO or n in ZOO_RUN]
    if models:
        unknown = sorted(set(models) - set(names))
        if unknown:
            raise SystemExit(f"onnx_wild.py: not a torchvision classification model outside the zoo: {', '.join(unknown)}")
        names = [n for n in names if n in models]
    for name in sorted(names, key=lambda n: (weights_size(n), n)):
        s = 224 if name in FULL_SIZE else size
        case_name = name if s == 224 else f"{name}_{s}"
        # each file in a directory of its own: a file above 2 GB (regnet_y_128gf) is exported with
        # its tensors as external data, one file per initializer, named after it
        os.makedirs(os.path.join(work, case_name), exist_ok=True)
        path = os.path.join(work, case_name, case_name + ".onnx")
        measured = path + ".reference.json"
        if os.path.exists(path) and os.path.exists(measured):  # exports take long: reused from --work
            try:
                with open(measured) as f:
                    cases.append({"name": case_name, "path": path, "reference": json.load(f)})
                continue
            except ValueError:  # an unreadable measurement: the model is measured again, not exported
                model = torchvision.models.get_model(name, weights=None)
                x = torch.zeros(1, 3, s, s)
                ref = attention_macs(name, model.eval(), x, torch_reference(model.eval(), (x,)))
                with open(measured, "w") as f:
                    json.dump(ref, f)
                cases.append({"name": case_name, "path": path, "reference": ref})
                continue
        if only_existing:
            unavailable.append((case_name, "not exported yet (--only-existing)"))
            continue
        try:
            torch.manual_seed(0)
            model = torchvision.models.get_model(name, weights=None)
            x = torch.zeros(1, 3, s, s)
            # Batch norm in training mode (kept, not folded into the convolutions); dropout and
            # stochastic depth in eval mode, where they are the identity (in training mode they
            # draw random numbers, which is no layer).
            model.train()
            for m in model.modules():
                if isinstance(m, (torch.nn.Dropout, torchvision.ops.StochasticDepth)):
                    m.eval()

            def export():
                torch.onnx.export(model, x, path + ".part", opset_version=13,
                                  training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
            ref = attention_macs(name, model, x, torch_reference(model, (x,), export))
            os.replace(path + ".part", path)
            with open(measured, "w") as f:
                json.dump(ref, f)
        except Exception as e:
            unavailable.append((case_name, f"{type(e).__name__}: {' '.join(str(e).split())[:160]}"))
            continue
        cases.append({"name": case_name, "path": path, "reference": ref})
    return cases, unavailable


SOURCES = {"node": node_cases, "pytorch-converted": pytorch_converted_cases, "torchvision": torchvision_cases}
SLOW = {"torchvision"}  # sources whose files --only-existing limits to those already in --work


# ---------------------------------------------------------------------------------------------
# Running the tool and judging what it did

def run_tool(tool, case, work):
    header = os.path.join(work, re.sub(r"\W", "_", case["name"]) + ".hpp")
    if os.path.exists(header):
        os.remove(header)
    r = subprocess.run([sys.executable, tool, case["path"], "--out", header, "--name", "net",
                        "--namespace", "case_" + re.sub(r"\W", "_", case["name"])] + case.get("args", []),
                       capture_output=True, text=True, timeout=600)
    lines = r.stderr.splitlines()
    if "Traceback" in r.stderr + r.stdout:
        return "crash", "a traceback: " + " | ".join(lines[-3:])
    if r.returncode == 1:
        if r.stdout or len(lines) != 1:
            return "crash", f"refused with {len(lines)} lines on stderr and {len(r.stdout)} characters on stdout"
        return "refused", lines[0]
    if r.returncode != 0:
        return "crash", f"exit status {r.returncode}: " + " | ".join(lines[-3:])
    if not os.path.exists(header):
        return "crash", "exit status 0 and no header"
    return "header", header


def check_source(case, header):
    """A translation unit that includes the header and asserts the reference figures."""
    ns = "case_" + re.sub(r"\W", "_", case["name"])
    ref = case["reference"]
    lines = [f'#include "{os.path.basename(header)}"']
    n = f"{ns}::net"
    if ref.get("output") is None and "output" in ref:
        lines.append(f"static_assert(sizeof({n}) == 0, \"the reference output has no netshape rank\");")
    elif "output" in ref and len(ref["output"]) == 1:  # N×F: a vector after an N×F input, else flatten's 1×1×F
        f = ref["output"][0]
        lines.append(f"static_assert(netshape::output_shape<{n}> == netshape::shape::vector({f}) || "
                     f"netshape::output_shape<{n}> == netshape::shape{{1, 1, {f}}});")
    elif "output" in ref:
        lines.append(f"static_assert(netshape::output_shape<{n}> == {shape_literal(ref['output'])});")
    for k in ("params", "buffers", "macs"):
        if k in ref:
            lines.append(f"static_assert(netshape::{k}<{n}> == {ref[k]});")
    return "\n".join(lines) + "\n"


def compile_ok(sources, args, work, tag):
    path = os.path.join(work, f"check_{tag}.cpp")
    with open(path, "w") as f:
        f.write("".join(sources) + "int main() {}\n")
    r = subprocess.run([args.compiler] + cxx_flags() + ["-fsyntax-only", "-I", args.include, "-I", work, path],
                       capture_output=True, text=True)
    return r.returncode == 0, r.stderr


def judge_headers(headers, args, work):
    """(case, header) pairs -> {name: (outcome, detail)}: compiled in groups, a failing group one by one."""
    result = {}
    group = 16
    for start in range(0, len(headers), group):
        chunk = headers[start:start + group]
        ok, _ = compile_ok([check_source(c, h) for c, h in chunk], args, work, f"group{start}")
        if ok:
            for c, _h in chunk:
                result[c["name"]] = ("exact", "compiles, equals the reference " + json.dumps(c["reference"]))
            continue
        for c, h in chunk:
            ok, err = compile_ok([check_source(c, h)], args, work, re.sub(r"\W", "_", c["name"]))
            if ok:
                result[c["name"]] = ("exact", "compiles, equals the reference " + json.dumps(c["reference"]))
            else:
                first = next((ln for ln in err.splitlines() if "error" in ln), err[:300])
                result[c["name"]] = ("wrong", f"the header fails against {json.dumps(c['reference'])}: {first.strip()[:300]}")
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("source", choices=sorted(SOURCES))
    p.add_argument("--work", required=True)
    p.add_argument("--compiler", required=True)
    p.add_argument("--include", required=True)
    p.add_argument("--tool", default=os.path.join(TOOLS, "onnx2netshape"), help="the converter to judge")
    p.add_argument("--summary", help="write the outcomes and counts here (JSON)")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--only-existing", action="store_true",
                   help="torchvision: run over the files already exported to --work, export no more")
    p.add_argument("--size", type=int, default=224,
                   help="torchvision: the input's height and width (FULL_SIZE's models stay at 224)")
    p.add_argument("--models", help="torchvision: only these models (comma-separated)")
    args = p.parse_args()
    require("numpy", "onnx", what="python3-onnx")
    files = os.path.join(os.path.abspath(args.work), "files")
    work = os.path.join(os.path.abspath(args.work), "headers")
    os.makedirs(work, exist_ok=True)
    if args.source in SLOW:
        cases, unavailable = SOURCES[args.source](files, args.only_existing, args.size,
                                                  args.models.split(",") if args.models else None)
    else:
        cases, unavailable = SOURCES[args.source](files)
    if not cases:
        print(f"SKIPPED: no {args.source} case could be generated")
        return 77
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        ran = list(pool.map(lambda c: run_tool(args.tool, c, work), cases))
    outcome = {}
    headers = []
    for c, (kind, detail) in zip(cases, ran):
        if kind == "header":
            headers.append((c, detail))
        else:
            outcome[c["name"]] = (kind, detail)
    outcome.update(judge_headers(headers, args, work))
    counts = collections.Counter(kind for kind, _ in outcome.values())
    for c in cases:
        kind, detail = outcome[c["name"]]
        print(f"{kind:8} {c['name']}: {detail}")
    for name, why in unavailable:
        print(f"unavailable {name}: {why}")
    order = ("exact", "refused", "crash", "wrong")
    print(f"{args.source}: {len(cases)} files: " + ", ".join(f"{counts[k]} {k}" for k in order)
          + f"; {len(unavailable)} unavailable")
    if args.summary:
        with open(args.summary, "w") as f:
            json.dump({"source": args.source, "counts": {k: counts[k] for k in order},
                       "unavailable": len(unavailable),
                       "cases": {name: list(v) for name, v in sorted(outcome.items())}}, f, indent=1)
    return FAILED if counts["crash"] or counts["wrong"] else OK


if __name__ == "__main__":
    sys.exit(main())
