#!/usr/bin/env python3
"""Fails when netshape's compile cost regresses (CTest perf.compile_time, label `perf`), in two measures:

  CPU seconds    the 4,000-layer chain or the whole zoo file taking more than twice the CPU seconds
                 recorded in bench/baseline.json for this compiler on this machine class (2 cores);
                 best of --runs runs, measured like compile_bench.py.
  instructions   when valgrind is installed: what netshape adds for the bench's chain of GATE_CHAIN
                 layers over its header's floor, divided by what bench/minimal.hpp (the cheapest
                 design that does the same job) adds for the same chain over its own header's floor,
                 each counted in instructions by valgrind's cachegrind; more than the limit recorded
                 in bench/baseline.json for this compiler family (the ratio when recorded, plus 10%)
                 fails. A ratio of two counts on one compiler does not depend on the machine or its
                 load. First, a file asserting that both designs compute the same figures for the
                 chain must compile. And what asking for the chain's records (nodes<Net>) adds over its
                 totals, as a multiple of what the totals add over the header's floor: more than the
                 limit recorded (plus 10%) fails. And the header floor: the instructions of a file that
                 only includes <netshape/netshape.hpp>, which every includer pays (a kind or a header
                 that makes every program dearer): more than the count recorded plus 5% fails. An
                 absolute count, unlike the ratios: it depends on the compiler's version and its
                 standard library, not on the machine's load (re-record after a compiler upgrade).

  perf_check.py --compiler g++            check against the baseline
  perf_check.py --compiler g++ --record   measure and write the baseline for this compiler
  perf_check.py --compiler g++ --record-instructions   write only the instruction limits
  perf_check.py --compiler g++ --record-floor   write only the header floor's count and limit

Exit status: 0 within the limits, 1 regressed (or no baseline), 2 usage, 77 skipped: the CPU
seconds are within their limits but valgrind is not installed, so the instruction gate did not run.
"""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compile_bench as bench  # noqa: E402
from netshape_script import FAILED, OK, SKIPPED  # noqa: E402  (tools/, on the path through compile_bench)

LIMIT = 2.0  # CPU seconds: at most this many times the baseline
HEADROOM = 1.10  # instructions: the recorded limit is the ratio measured, plus 10%
FLOOR_HEADROOM = 1.05  # the header floor: the count recorded, plus 5% (a count repeats to 0.3%)
# The chain the instruction gate measures: the 4,000-layer chain itself. A shorter one saves little
# (valgrind's ~10 s of start-up per compile dominates) and its ratio differs by up to 3% (docs/design.md).
GATE_CHAIN = 4000


def family(compiler):
    """g++ or clang++, from the compiler's own --version (the path may be /usr/bin/c++ or versioned)."""
    version = bench.compiler_version(compiler).lower()
    return "clang++" if "clang" in version else "g++"


def write(work, name, text):
    path = os.path.join(work, name + ".cpp")
    with open(path, "w") as f:
        f.write(text)
    return path


def measure(compiler, runs, work):
    files = {
        "chain_4000": bench.chain_source(4000),
        "zoo_all": "#include <netshape/zoo.hpp>\n" + "".join(bench.figures_asserts(m) for m in bench.ZOO),
    }
    return {name: bench.best_of(runs, bench.compile_cmd(compiler, write(work, name, text)))
            for name, text in files.items()}


def instruction_ratio(compiler, work):
    """netshape / minimal for the GATE_CHAIN-layer chain, in instructions over each header's floor,
    and what the chain's records add over its totals (a multiple of the totals over the floor)."""
    n = GATE_CHAIN
    bench.run_measured(bench.compile_cmd(compiler, write(work, "agreement", bench.agreement_source(n)),
                                         (bench.INCLUDE, bench.BENCH)))
    files = [("floor", "#include <netshape/netshape.hpp>\n", bench.INCLUDE),
             ("chain", bench.chain_source(n), bench.INCLUDE),
             ("records", bench.records_source(n), bench.INCLUDE),
             ("minimal_floor", bench.MINIMAL_HEADER, bench.BENCH),
             ("minimal_chain", bench.minimal_chain_source(n), bench.BENCH)]
    counts = bench.instructions_of([bench.compile_cmd(compiler, write(work, name, text), (include,))
                                    for name, text, include in files], os.cpu_count() or 1)
    c = {name: {"instructions": count} for (name, _, _), count in zip(files, counts)}
    r = {"floor": c["floor"], "chains": {str(n): c["chain"]}, "minimal_floor": c["minimal_floor"],
         "minimal_chains": {str(n): c["minimal_chain"]}}
    print("%s instructions: netshape %.0f M floor, %.1f kinstr a layer; minimal %.0f M floor, %.1f kinstr a layer"
          % (family(compiler), c["floor"]["instructions"] / 1e6,
             bench.per_layer(c["chain"], c["floor"], n, "instructions") / 1e3,
             c["minimal_floor"]["instructions"] / 1e6,
             bench.per_layer(c["minimal_chain"], c["minimal_floor"], n, "instructions") / 1e3))
    records = bench.records_ratio(c["records"], c["chain"], c["floor"])
    print("%s records: %.1f kinstr a node over the totals, %.2fx what the totals add"
          % (family(compiler), (c["records"]["instructions"] - c["chain"]["instructions"]) / n / 1e3, records))
    return bench.floor_ratio(r, n), records, c["floor"]["instructions"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--compiler", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--record", action="store_true", help="write the CPU seconds and the instruction limit")
    ap.add_argument("--record-instructions", action="store_true",
                    help="write the instruction limits only (needs valgrind), keeping the CPU seconds")
    ap.add_argument("--record-floor", action="store_true",
                    help="write the header floor's count and limit only (needs valgrind), keeping the rest")
    args = ap.parse_args()
    key = family(args.compiler)
    work = tempfile.mkdtemp(prefix="netshape-perf-")
    counting = bench.valgrind() is not None
    if (args.record_instructions or args.record_floor) and not counting:
        print("valgrind is not installed: no instruction limit to record")
        return FAILED
    now = {} if args.record_instructions or args.record_floor else measure(args.compiler, args.runs, work)
    ratio, records, floor = instruction_ratio(args.compiler, work) if counting else (None, None, None)
    baseline = json.load(open(bench.BASELINE)) if os.path.exists(bench.BASELINE) else {}
    if args.record or args.record_instructions or args.record_floor:
        entry = dict(baseline.get(key, {}))
        entry.update({k: {"cpu_s": v["cpu_s"], "peak_mib": v["peak_mib"]} for k, v in now.items()})
        if counting:
            gate = dict(entry.get("instructions", {}))
            if not args.record_floor:
                gate.update({"chain": GATE_CHAIN, "ratio": round(ratio, 3), "limit": round(ratio * HEADROOM, 2),
                             "records_ratio": round(records, 3), "records_limit": round(records * HEADROOM, 2)})
            gate.update({"floor": floor, "floor_limit": round(floor * FLOOR_HEADROOM)})
            entry["instructions"] = gate
        else:
            print("valgrind is not installed: the instruction limits are kept as they were")
        baseline[key] = entry
        with open(bench.BASELINE, "w") as f:
            json.dump(baseline, f, indent=1, sort_keys=True)
            f.write("\n")
        print("recorded", key, baseline[key])
        return OK
    if key not in baseline:
        print("no baseline for", key, "in", bench.BASELINE)
        return FAILED
    failed = False
    for name, v in now.items():
        ref = baseline[key][name]["cpu_s"]
        times = v["cpu_s"] / ref if ref > 0 else float("inf")
        verdict = "ok" if times <= LIMIT else "REGRESSED"
        failed |= times > LIMIT
        print("%s %-10s %.2f CPU s (baseline %.2f, %.2fx; limit %.1fx), %.0f MiB: %s" %
              (key, name, v["cpu_s"], ref, times, LIMIT, v["peak_mib"], verdict))
    if not counting:
        print("SKIPPED: valgrind is not installed (Debian package valgrind): no instruction gate")
        return FAILED if failed else SKIPPED
    gate = baseline[key].get("instructions")
    if gate is None or gate["chain"] != GATE_CHAIN:
        print("no instruction limit for %s at %d layers in %s (record it with --record)" % (key, GATE_CHAIN, bench.BASELINE))
        return FAILED
    verdict = "ok" if ratio <= gate["limit"] else "REGRESSED"
    failed |= ratio > gate["limit"]
    print("%s netshape/minimal %.3fx at %d layers in instructions (recorded %.3fx; limit %.2fx): %s" %
          (key, ratio, GATE_CHAIN, gate["ratio"], gate["limit"], verdict))
    if "records_limit" not in gate:
        print("no records limit for %s in %s (record it with --record)" % (key, bench.BASELINE))
        return FAILED
    verdict = "ok" if records <= gate["records_limit"] else "REGRESSED"
    failed |= records > gate["records_limit"]
    print("%s records add %.3fx the totals at %d layers in instructions (recorded %.3fx; limit %.2fx): %s" %
          (key, records, GATE_CHAIN, gate["records_ratio"], gate["records_limit"], verdict))
    if "floor_limit" not in gate:
        print("no header floor limit for %s in %s (record it with --record-floor)" % (key, bench.BASELINE))
        return FAILED
    verdict = "ok" if floor <= gate["floor_limit"] else "REGRESSED"
    failed |= floor > gate["floor_limit"]
    print("%s <netshape/netshape.hpp> alone: %.1f M instructions (recorded %.1f M, %+.2f%%; limit %.1f M): %s" %
          (key, floor / 1e6, gate["floor"] / 1e6, 100 * (floor / gate["floor"] - 1), gate["floor_limit"] / 1e6, verdict))
    return FAILED if failed else OK


if __name__ == "__main__":
    sys.exit(main())
