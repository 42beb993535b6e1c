#!/usr/bin/env python3
"""What <netshape/hana.hpp> costs the compiler on the zoo (docs/bridges.md, "Compile cost").

For every model of tests/bridges/zoo_models.hpp, compiles (-fsyntax-only) two translation units
that both include <boost/hana.hpp>, <netshape/hana.hpp> and the zoo and sum the parameters over the
leaf layers: one with a loop over netshape::layers<Net> (the records alone), one with
boost::hana::fold_left over netshape::hana::layers<Net>. The difference is what the Hana sequence
adds (the tuple of layer<Net, I> types and the fold's instantiations). CPU time (user + sys) of
the compiler, the least of --runs runs, so that other processes on the machine matter less.

Usage: /usr/bin/python3 bench/bridges_cost.py [--compiler g++] [--runs 1] [--models a,b]
Standard library only.
"""
import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = """#include <boost/hana.hpp>
#include <netshape/hana.hpp>
#include <netshape/zoo.hpp>
namespace ns = netshape;
using net = ns::zoo::%s;
#ifdef NETSHAPE_HANA
constexpr ns::count_t sum = boost::hana::fold_left(ns::hana::layers<net>, ns::count_t{0},
    [](ns::count_t s, auto layer) { return s + decltype(layer)::record.params; });
#else
constexpr ns::count_t sum = [] { ns::count_t s = 0; for (const auto& r : ns::layers<net>) s += r.params; return s; }();
#endif
static_assert(sum == ns::params<net>);
"""


def models():
    text = open(os.path.join(ROOT, "tests", "bridges", "zoo_models.hpp")).read()
    return re.findall(r"X\(([a-z0-9_]+)\)", text.split("#define", 1)[1])


def cpu_seconds(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--compiler", default="g++")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--models", default="")
    args = ap.parse_args()
    chosen = [m for m in args.models.split(",") if m] or models()
    total_plain = total_hana = 0.0
    print("| model | leaves | records (s) | hana::layers + fold (s) | added (s) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as work:
        for model in chosen:
            path = os.path.join(work, model + ".cpp")
            with open(path, "w") as f:
                f.write(SOURCE % model)
            base = [args.compiler, "-std=c++20", "-fsyntax-only", "-I", os.path.join(ROOT, "include"), path]
            plain = min(cpu_seconds(base) for _ in range(args.runs))
            hana = min(cpu_seconds(base + ["-DNETSHAPE_HANA"]) for _ in range(args.runs))
            leaves = leaf_count(args.compiler, work, model)
            total_plain += plain
            total_hana += hana
            print(f"| {model} | {leaves} | {plain:.2f} | {hana:.2f} | {hana - plain:+.2f} |", flush=True)
    print(f"| **all {len(chosen)}** | | {total_plain:.1f} | {total_hana:.1f} | {total_hana - total_plain:+.1f} |")
    return 0


def leaf_count(compiler, work, model):
    """The model's leaf count, from netshape::layers<Net>.size() printed by a tiny program."""
    path = os.path.join(work, model + "_count.cpp")
    with open(path, "w") as f:
        f.write('#include <cstdio>\n#include <netshape/zoo.hpp>\n'
                'int main() { std::printf("%%zu", netshape::layers<netshape::zoo::%s>.size()); }\n' % model)
    exe = os.path.join(work, model + "_count")
    subprocess.run([compiler, "-std=c++20", "-I", os.path.join(ROOT, "include"), path, "-o", exe], check=True)
    return subprocess.run([exe], check=True, capture_output=True, text=True).stdout


if __name__ == "__main__":
    sys.exit(main())
