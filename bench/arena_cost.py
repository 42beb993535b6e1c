#!/usr/bin/env python3
"""What a zoo model's arena plan (netshape/arena.hpp) costs the compiler, against its figures.

For each model and compiler, four files are compiled with -std=c++20 -fsyntax-only and the build's
warning flags, each including <netshape/arena.hpp> and the model's family header (the floor once
per header: its files differ in nothing else):
  floor    nothing asked
  figures  the model's figures static_asserted (params, buffers, MACs, output shape), as
           bench/compile_bench.py asks them
  arena    arena<Net>.bytes only (the default plan)
  both     the figures and arena<Net>.bytes
Each is counted in instructions (valgrind --tool=cachegrind --cache-sim=no, "I refs" summed over the
compiler's processes: a count repeats whatever the machine's load). Printed per model: the figures'
and the plan's instructions over the floor, and their ratio plan / figures (the issue's goal: at most
1), and what the plan adds to a file that asks for the figures too. With --check RATIO, the exit status
is 1 when a ratio exceeds RATIO (the CTest perf.arena_cost).
--kinds measures only some of the four files; --counts FILE keeps every count measured in a JSON file
and takes from it the counts of files not measured in this run (so a long run can be made in parts:
the figures' files do not depend on the planner).
Python standard library only; needs valgrind. Exit status: 0 measured, 1 failure (or a ratio above --check), 2 usage, 77 no valgrind."""
import argparse
import concurrent.futures
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compile_bench import FAMILY, INCLUDE, compile_cmd, figures_asserts, instructions, run_measured, valgrind  # noqa: E402

# The models of bench/arena_table.cpp, with the header that declares each when FAMILY has none.
MODELS = ["alexnet", "alexnet_grouped", "alexnet_owt", "lenet5", "vgg11", "vgg13", "vgg16", "vgg19", "vgg16_bn",
          "vgg19_bn", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "resnext50_32x4d",
          "wide_resnet50_2", "googlenet", "inception_v3", "googlenet_aux", "inception_v3_aux", "squeezenet1_0",
          "squeezenet1_1", "densenet121", "densenet169", "densenet201", "mobilenet_v2", "mobilenet_v3_large",
          "shufflenet_v2_x1_0", "efficientnet_b0", "convnext_tiny", "vit_b_16", "vit_b_32", "vit_l_16", "vit_l_32",
          "vit_h_14", "fcn_resnet50", "fcn_resnet101", "deeplabv3_resnet50", "deeplabv3_resnet101",
          "deeplabv3_mobilenet_v3_large", "lraspp_mobilenet_v3_large", "resnet50_fpn", "swin_t", "swin_s", "swin_b",
          "swin_v2_t", "swin_v2_s", "swin_v2_b", "maxvit_t"]
HEADER = dict(FAMILY, googlenet_aux="googlenet", inception_v3_aux="inception", resnet50_fpn="detection",
              maxvit_t="maxvit")
for _m in MODELS:
    if _m.startswith("vit_"):
        HEADER[_m] = "vit"
    elif _m.startswith("swin_"):
        HEADER[_m] = "swin"
    elif _m.startswith(("fcn_", "deeplabv3_", "lraspp_")):
        HEADER[_m] = "segmentation"

KINDS = ("floor", "figures", "arena", "both")


def source(model, what):
    n = "netshape::zoo::" + model
    text = "#include <netshape/arena.hpp>\n#include <netshape/zoo/%s.hpp>\n" % HEADER[model]
    if what in ("figures", "both"):
        text += figures_asserts(model)
    if what in ("arena", "both"):
        text += "static_assert(netshape::arena<%s>.bytes > 0);\n" % n
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--compiler", action="append", help="a compiler (repeatable; default: g++ and clang++)")
    ap.add_argument("--models", nargs="*", default=MODELS, help="zoo models (default: the arena table's 50)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="compiles under valgrind at a time")
    ap.add_argument("--kinds", nargs="*", default=list(KINDS), choices=KINDS, help="the files to measure (default: all)")
    ap.add_argument("--check", type=float, metavar="RATIO",
                    help="fail (exit 1) when a model's plan / figures exceeds RATIO on a compiler (perf.arena_cost)")
    ap.add_argument("--measure", choices=("instructions", "cpu"), default="instructions",
                    help="instructions (valgrind, exact: the default) or CPU seconds (user + sys, the least of --runs "
                    "runs: some fifty times faster, but it moves with the machine's load)")
    ap.add_argument("--runs", type=int, default=2, help="runs of each file with --measure cpu (default 2)")
    ap.add_argument("--include", default=INCLUDE, help="the headers' directory (default: this checkout's include/)")
    ap.add_argument("--counts", help="a JSON file of counts: read for the files not measured, written with every count")
    args = ap.parse_args()
    unknown = [m for m in args.models if m not in HEADER]
    if unknown:
        ap.error("not a zoo model of the arena table: " + ", ".join(unknown))
    if args.measure == "instructions" and valgrind() is None:
        print("SKIPPED: valgrind is not installed", file=sys.stderr)
        return 77
    compilers = args.compiler or ["g++", "clang++"]
    with tempfile.TemporaryDirectory() as tmp:
        jobs = []
        floors = {}  # one floor per family header: the files of its models differ in the model's name only
        for model in args.models:
            for what in KINDS:
                if what == "floor" and HEADER[model] in floors:
                    continue
                floors.setdefault(HEADER[model], model)
                if what not in args.kinds:
                    continue
                path = os.path.join(tmp, "%s_%s.cpp" % (model, what))
                with open(path, "w", encoding="utf-8") as f:
                    f.write(source(model, what))
                for c in compilers:
                    jobs.append((c, model, what, compile_cmd(c, path, (args.include,))))
        jobs.sort(key=lambda j: j[2] != "floor")  # the floors first, then model by model
        got = {}
        if args.counts and os.path.exists(args.counts):
            with open(args.counts, encoding="utf-8") as f:
                got = {tuple(k.split("/")): n for k, n in json.load(f).items()}
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            if args.measure == "instructions":
                measure = instructions
            else:
                def measure(cmd):
                    # in ns: printed in ms, as instructions in M
                    return min(run_measured(cmd)[0] for _ in range(max(1, args.runs))) * 1e9
            running = {pool.submit(measure, cmd): (c, m, w) for c, m, w, cmd in jobs}
            for done in concurrent.futures.as_completed(running):
                got[running[done]] = done.result()
                if args.counts:  # after every count, so that a run cut short keeps what it measured
                    with open(args.counts, "w", encoding="utf-8") as f:
                        json.dump({"/".join(k): n for k, n in sorted(got.items())}, f, indent=0)
    for model in args.models:
        for c in compilers:
            got[(c, model, "floor")] = got[(c, floors[HEADER[model]], "floor")]
    unit = "M" if args.measure == "instructions" else "ms"
    beside = any((c, m, "both") in got for c in compilers for m in args.models)
    head = "| model |"
    for c in compilers:
        head += " %s figures (%s) | %s plan (%s) | %s plan / figures |" % (c, unit, c, unit, c)
        if beside:
            head += " %s plan beside the figures (%s) |" % (c, unit)
    print(head)
    print("| --- |" + " ---: |" * (head.count("|") - 2))
    worst, best, worst_model = {}, {}, {}
    for model in args.models:
        row = "| `%s` |" % model
        for c in compilers:
            floor = got[(c, model, "floor")]
            figures = got[(c, model, "figures")] - floor
            plan = got[(c, model, "arena")] - floor
            ratio = plan / figures
            if ratio > worst.get(c, 0.0):
                worst[c], worst_model[c] = ratio, model
            best[c] = min(best.get(c, ratio), ratio)
            row += " %.1f | %.1f | %.2f |" % (figures / 1e6, plan / 1e6, ratio)
            if beside:
                both = got.get((c, model, "both"))
                row += " %s |" % ("%.1f" % ((both - got[(c, model, "figures")]) / 1e6) if both is not None else "")
        print(row)
    print()
    print("Worst plan / figures: " + ", ".join("%s %.2f (%s)" % (c, worst[c], worst_model[c]) for c in compilers))
    print("Best plan / figures: " + ", ".join("%s %.2f" % (c, best[c]) for c in compilers))
    if args.check is not None and any(worst[c] > args.check for c in compilers):
        print("FAILED: plan / figures above %.2f" % args.check, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
