#!/usr/bin/env python3
"""Fails when netshape's compile cost regresses: the 4,000-layer chain or the whole zoo file taking
more than twice the CPU seconds recorded in bench/baseline.json for this compiler on this machine
class (2 cores). Best of three runs, measured like compile_bench.py. Used by CTest (label `perf`).

  perf_check.py --compiler g++            check against the baseline
  perf_check.py --compiler g++ --record   measure and write the baseline for this compiler
"""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compile_bench as bench  # noqa: E402

BASELINE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "baseline.json")
LIMIT = 2.0


def family(compiler):
    """g++ or clang++, from the compiler's own --version (the path may be /usr/bin/c++ or versioned)."""
    version = bench.compiler_version(compiler).lower()
    return "clang++" if "clang" in version else "g++"


def measure(compiler, runs):
    work = tempfile.mkdtemp(prefix="netshape-perf-")
    files = {
        "chain_4000": bench.chain_source(4000),
        "zoo_all": "#include <netshape/zoo.hpp>\n" + "".join(bench.figures_asserts(m) for m in bench.ZOO),
    }
    out = {}
    for name, text in files.items():
        path = os.path.join(work, name + ".cpp")
        with open(path, "w") as f:
            f.write(text)
        out[name] = bench.best_of(runs, bench.compile_cmd(compiler, path))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--compiler", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--record", action="store_true")
    args = ap.parse_args()
    key = family(args.compiler)
    now = measure(args.compiler, args.runs)
    baseline = json.load(open(BASELINE)) if os.path.exists(BASELINE) else {}
    if args.record:
        baseline[key] = {k: {"cpu_s": v["cpu_s"], "peak_mib": v["peak_mib"]} for k, v in now.items()}
        with open(BASELINE, "w") as f:
            json.dump(baseline, f, indent=1, sort_keys=True)
            f.write("\n")
        print("recorded", key, baseline[key])
        return 0
    if key not in baseline:
        print("no baseline for", key, "in", BASELINE)
        return 1
    failed = False
    for name, v in now.items():
        ref = baseline[key][name]["cpu_s"]
        ratio = v["cpu_s"] / ref if ref > 0 else float("inf")
        verdict = "ok" if ratio <= LIMIT else "REGRESSED"
        failed |= ratio > LIMIT
        print("%s %-10s %.2f CPU s (baseline %.2f, %.2fx; limit %.1fx), %.0f MiB: %s" %
              (key, name, v["cpu_s"], ref, ratio, LIMIT, v["peak_mib"], verdict))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
