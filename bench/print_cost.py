#!/usr/bin/env python3
"""What a program that prints one summary pays the compiler, against a hello-world (issue 20).

Compiles, with each compiler (-std=c++20 -O2, the build's warning flags, to an executable: compile
and link, as a user builds a program):
  hello       #include <iostream>, prints a line: the yardstick
  printer     hello plus <netshape/netshape.hpp> and <netshape/print.hpp>, nothing printed: what
              parsing the printer costs
  summary     prints summary<Net>() of a one-layer network
  summary_big prints summary<Net>() of a 12-layer network with blocks, a merge and a side output
              (the printer's cost does not depend on the network)
  asserts     a static_assert-only file (<netshape/netshape.hpp>, no printer): must include no
              printer header and no <ostream>, <string> or <vector> (checked with the compiler's -H)
and prints each as instructions (valgrind --tool=cachegrind --cache-sim=no --trace-children=yes,
summed over the driver, the compiler proper and the linker; repeatable to 0.01% whatever the load)
and CPU seconds (best of --runs; this machine is shared, so seconds drift up to 2x), then the
ratio summary / hello. The goal: at most 2.5x on both compilers.

  print_cost.py                           measure g++ and clang++, print the table
  print_cost.py --compiler g++ --check    CTest perf.print_cost: fail when summary / hello in
                                          instructions exceeds the limit in bench/print_baseline.json
  print_cost.py --compiler g++ --record   measure and write that limit (the ratio plus 5%)
  print_cost.py --doc docs/performance.md write the measurements into that page, between the
                                          markers <!-- print_cost --> and <!-- /print_cost -->

Exit status: 0 measured (or within the limit), 1 regressed, a printer header in the asserts file,
or no baseline, 2 usage, 77 skipped (--check without valgrind). Python standard library only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compile_bench as bench  # noqa: E402
from netshape_script import FAILED, OK, SKIPPED, warning_flags  # noqa: E402  (tools/, via compile_bench)

BASELINE = os.path.join(bench.BENCH, "print_baseline.json")
HEADROOM = 1.05  # the recorded limit: the ratio measured, plus 5% (counts repeat to 0.01%)
GOAL = 2.5

NETSHAPE = "#include <iostream>\n#include <netshape/netshape.hpp>\n#include <netshape/print.hpp>\nnamespace ns = netshape;\n"
SOURCES = {
    "hello": '#include <iostream>\nint main() { std::cout << "hello, world\\n"; }\n',
    "printer": NETSHAPE + 'int main() { std::cout << "hello, world\\n"; }\n',
    "summary": NETSHAPE + "using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<4, 3>>;\n"
                          "int main() { std::cout << ns::summary<net>(); }\n",
    "summary_big": NETSHAPE + "using block = ns::named<\"block\", ns::sequential<ns::conv2d<8, 3, ns::pad<1>>, ns::batch_norm, "
                              "ns::relu>>;\n"
                              "using net = ns::network<ns::input<32, 32, 3>, block, ns::max_pool<2, ns::stride<2>>,\n"
                              "    ns::add<ns::sequential<ns::conv2d<8, 3, ns::pad<1>>, ns::relu>, ns::identity>,\n"
                              "    ns::output<ns::sequential<ns::global_avg_pool, ns::flatten, ns::dense<4>>>,\n"
                              "    ns::conv2d<16, 3, ns::stride<2>>, ns::relu, ns::global_avg_pool, ns::flatten, ns::dense<10>>;\n"
                              "int main() { std::cout << ns::summary<net>(); }\n",
    "asserts": "#include <netshape/netshape.hpp>\nnamespace ns = netshape;\n"
               "using net = ns::network<ns::input<8, 8, 3>, ns::conv2d<4, 3>>;\n"
               "static_assert(ns::params<net> == 112 && ns::macs<net> == 3 * 3 * 3 * 4 * 6 * 6);\nint main() {}\n",
}
# What a static_assert-only file must not include: the printer, and the standard headers it needs.
PRINTER_HEADERS = ("netshape/print.hpp", "netshape/format/", "/ostream", "/string", "/vector", "/sstream")


def build_cmd(compiler, source, out):
    return [compiler, "-std=c++20", "-O2"] + warning_flags() + ["-I", bench.INCLUDE, source, "-o", out]


def included(compiler, source):
    """Every header a compile of source opens (the compiler's -H tree)."""
    proc = subprocess.run([compiler, "-std=c++20", "-fsyntax-only", "-H", "-I", bench.INCLUDE, source],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    return [line.lstrip(". ").strip() for line in proc.stderr.splitlines() if line.startswith(".")]


def measure(compiler, runs, counting, work):
    r = {}
    for name, text in SOURCES.items():
        src = os.path.join(work, name + ".cpp")
        with open(src, "w") as f:
            f.write(text)
        cmd = build_cmd(compiler, src, os.path.join(work, name))
        r[name] = bench.best_of(runs, cmd)
        if counting:
            r[name]["instructions"] = bench.instructions(cmd)
    leaks = [h for h in included(compiler, os.path.join(work, "asserts.cpp")) if any(p in h for p in PRINTER_HEADERS)]
    r["asserts"]["printer_headers"] = leaks
    return r


def report(compiler, r, counting):
    hello = r["hello"]
    print("%s (-std=c++20 -O2, compile and link)" % compiler)
    print("  %-12s %10s %8s %8s %8s" % ("program", "M instr", "× hello", "CPU s", "× hello"))
    for name, v in r.items():
        instr = "%10.0f %7.2fx" % (v["instructions"] / 1e6, v["instructions"] / hello["instructions"]) if counting else "%10s %8s" % ("-", "-")
        print("  %-12s %s %8.2f %7.2fx" % (name, instr, v["cpu_s"], v["cpu_s"] / hello["cpu_s"]))
    leaks = r["asserts"]["printer_headers"]
    print("  asserts file includes %s" % ("no printer header" if not leaks else "PRINTER HEADERS: " + ", ".join(leaks)))


BEGIN, END = "<!-- print_cost -->", "<!-- /print_cost -->"


def section(results, counting):
    """The page's section: one table per compiler, the ratio against the goal."""
    out = [BEGIN, "", "| program (`-std=c++20 -O2`, compile and link) | compiler | M instructions | × hello | CPU s | × hello |",
           "| --- | --- | ---: | ---: | ---: | ---: |"]
    for compiler, r in results.items():
        hello = r["hello"]
        for name in SOURCES:
            v = r[name]
            instr = ("%.0f | %.2f×" % (v["instructions"] / 1e6, v["instructions"] / hello["instructions"])) if counting else "n/a | n/a"
            out.append("| %s | %s | %s | %.2f | %.2f× |" % (name, compiler, instr, v["cpu_s"], v["cpu_s"] / hello["cpu_s"]))
    out += ["", "| goal: summary at most %.1f× hello | in instructions | in CPU seconds | met |" % GOAL, "| --- | ---: | ---: | --- |"]
    for compiler, r in results.items():
        ri = r["summary"]["instructions"] / r["hello"]["instructions"] if counting else None
        rt = r["summary"]["cpu_s"] / r["hello"]["cpu_s"]
        out.append("| %s | %s | %.2f× | %s |" % (compiler, "%.2f×" % ri if ri else "n/a", rt,
                                                 "yes" if ri and ri <= GOAL else "no"))
    out += ["", "The static_assert-only file includes %s." % (
        "no printer header and none of `<ostream>`, `<string>`, `<vector>`, `<sstream>` on either compiler"
        if not any(r["asserts"]["printer_headers"] for r in results.values()) else "PRINTER HEADERS"), "", END]
    return "\n".join(out) + "\n"


def write_doc(path, text):
    with open(path, encoding="utf-8") as f:
        page = f.read()
    if BEGIN in page and END in page:
        page = page[:page.index(BEGIN)] + text.rstrip("\n") + page[page.index(END) + len(END):]
    else:
        page = page.rstrip("\n") + "\n\n" + text
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)


def family(compiler):
    return "clang++" if "clang" in bench.compiler_version(compiler).lower() else "g++"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--compiler", action="append", help="compiler to measure (repeatable; default: g++ and clang++)")
    ap.add_argument("--runs", type=int, default=3, help="timed builds per program (the best is kept)")
    ap.add_argument("--check", action="store_true", help="gate on the instruction limit in bench/print_baseline.json")
    ap.add_argument("--record", action="store_true", help="write the instruction limit to bench/print_baseline.json")
    ap.add_argument("--json", help="also write the measurements here")
    ap.add_argument("--doc", help="write the measurements into this page (docs/performance.md)")
    ap.add_argument("--from-json", action="append",
                    help="no measuring: write --doc from files --json wrote (repeatable, one per compiler)")
    args = ap.parse_args()
    if args.from_json:
        if not args.doc:
            ap.error("--from-json needs --doc")
        results = {}
        for path in args.from_json:
            results.update(json.load(open(path)))
        write_doc(args.doc, section(results, all("instructions" in r["hello"] for r in results.values())))
        return OK
    counting = bench.valgrind() is not None
    if (args.check or args.record) and not counting:
        print("SKIPPED: valgrind is not installed (Debian package valgrind): no instruction counts to gate on")
        return SKIPPED
    work = tempfile.mkdtemp(prefix="netshape-print-cost-")
    baseline = json.load(open(BASELINE)) if os.path.exists(BASELINE) else {}
    failed = False
    results = {}
    for compiler in args.compiler or ["g++", "clang++"]:
        r = measure(compiler, args.runs, counting, work)
        results[compiler] = r
        report(compiler, r, counting)
        if r["asserts"]["printer_headers"]:
            failed = True
        if not counting:
            continue
        ratio = r["summary"]["instructions"] / r["hello"]["instructions"]
        print("  summary / hello: %.2fx in instructions, %.2fx in CPU seconds (goal: at most %.1fx): %s"
              % (ratio, r["summary"]["cpu_s"] / r["hello"]["cpu_s"], GOAL, "met" if ratio <= GOAL else "not met"))
        key = family(compiler)
        if args.record:
            baseline[key] = {"ratio": round(ratio, 3), "limit": round(ratio * HEADROOM, 2)}
        elif args.check:
            if key not in baseline:
                print("  no limit for %s in %s (record it with --record)" % (key, BASELINE))
                failed = True
                continue
            ok = ratio <= baseline[key]["limit"]
            failed |= not ok
            print("  %s summary / hello %.3fx (recorded %.3fx, limit %.2fx): %s"
                  % (key, ratio, baseline[key]["ratio"], baseline[key]["limit"], "ok" if ok else "REGRESSED"))
    if args.record:
        # Read again: another compiler's run may have recorded its limit meanwhile.
        recorded = json.load(open(BASELINE)) if os.path.exists(BASELINE) else {}
        recorded.update({k: v for k, v in baseline.items() if k in {family(c) for c in args.compiler or ["g++", "clang++"]}})
        baseline = recorded
        with open(BASELINE, "w") as f:
            json.dump(baseline, f, indent=1, sort_keys=True)
            f.write("\n")
        print("recorded", BASELINE)
    if args.doc:
        write_doc(args.doc, section(results, counting))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1, sort_keys=True)
            f.write("\n")
    return FAILED if failed else OK


if __name__ == "__main__":
    sys.exit(main())
