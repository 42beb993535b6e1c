#!/usr/bin/env python3
"""The differential test (tests/differential.cmake): random networks measured by PyTorch, checked by
the compiler.

  1. picks a seed (NETSHAPE_DIFF_SEED from the environment, else a fresh random one) and prints it;
  2. runs tools/random_networks.py (in --jobs processes) to write COUNT networks with PyTorch's
     figures as static_asserts;
  3. compiles every generated file with -fsyntax-only and the warning flags of cmake/warnings.txt (everything is static_assert) in --jobs
     processes; any failed static_assert is a mismatch, named "seed S case N: <figure>";
  4. for every mismatching case, writes that case alone to <work>/mismatches/ ready to be committed
     under tests/differential/regressions/.

Exit status: 0 all agree, 1 a mismatch (or a generator failure), 77 torch cannot be imported by
this interpreter (CTest reports the test as skipped, never as passed), 2 usage.
"""
import argparse
import concurrent.futures
import os
import re
import secrets
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from netshape_script import SKIPPED, cxx_flags  # noqa: E402


def compile_one(compiler, flags, source):
    start = time.monotonic()
    p = subprocess.run([compiler] + flags + [source], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return source, p.returncode, p.stdout, time.monotonic() - start


def cases_at_lines(source, output, seed):
    starts = []  # (first line, case) from the "// seed S case N" comment opening every case
    with open(source) as f:
        for number, line in enumerate(f, 1):
            m = re.match(r"// seed %s case (\d+)$" % re.escape(seed), line.strip())
            if m:
                starts.append((number, int(m.group(1))))
    cases = set()
    base = re.escape(os.path.basename(source))
    for line in re.findall(r"%s:(\d+):" % base, output):
        before = [case for first, case in starts if first <= int(line)]
        if before:
            cases.add(before[-1])
    return cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--compiler", required=True)
    ap.add_argument("--include", required=True, help="netshape's include directory")
    ap.add_argument("--generator", required=True, help="tools/random_networks.py")
    ap.add_argument("--work", required=True, help="scratch directory (emptied)")
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--per-file", type=int, default=25)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--flag", action="append", default=[], help="extra compiler flag (repeatable)")
    ap.add_argument("--selftest", action="store_true",
                    help="generate --count cases with case 1's params off by one: passes only if exactly that "
                         "figure is reported as a mismatch (proves a mismatch fails the test)")
    args = ap.parse_args()

    try:
        import torch  # noqa: F401  (only to know whether the generator can run)
    except ImportError as e:
        print("differential: %s cannot import torch (%s); test skipped" % (sys.executable, e))
        return SKIPPED

    seed = os.environ.get("NETSHAPE_DIFF_SEED") or str(secrets.randbelow(10 ** 9))
    print("differential: seed %s (reproduce: NETSHAPE_DIFF_SEED=%s ctest -R '^differential$')" % (seed, seed),
          flush=True)

    generated = os.path.join(args.work, "generated")
    mismatches = os.path.join(args.work, "mismatches")
    for d in (generated, mismatches):
        shutil.rmtree(d, ignore_errors=True)
    os.makedirs(generated)

    start = time.monotonic()
    corrupt = ["--corrupt", "1"] if args.selftest else []
    gens = [subprocess.Popen([sys.executable, args.generator, "--seed", seed, "--count", str(args.count),
                              "--per-file", str(args.per_file), "--part", "%d/%d" % (k, args.jobs),
                              "--out", generated] + corrupt)
            for k in range(args.jobs)]
    if any(g.wait() != 0 for g in gens):
        print("differential: the generator failed (seed %s)" % seed)
        return 1
    print("differential: generated in %.1f s" % (time.monotonic() - start), flush=True)

    sources = sorted((os.path.join(generated, f) for f in os.listdir(generated) if f.endswith(".cpp")),
                     key=lambda p: int(re.search(r"(\d+)\.cpp$", p).group(1)))
    flags = cxx_flags() + ["-fsyntax-only", "-I" + args.include] + args.flag
    start = time.monotonic()
    failed = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for source, status, output, seconds in pool.map(lambda s: compile_one(args.compiler, flags, s), sources):
            print("differential: %s %s (%.1f s)" % (os.path.basename(source), "ok" if status == 0 else "MISMATCH",
                                                    seconds), flush=True)
            if status != 0:
                failed[source] = output
    print("differential: compiled %d files in %.1f s" % (len(sources), time.monotonic() - start))

    if args.selftest:
        everything = "\n".join(failed.values())
        named = set(re.findall(r"seed %s case \d+: [^\"\n]+" % re.escape(seed), everything))
        want = {"seed %s case 1: params" % seed}
        print("differential self-test: mismatches reported: %s" % sorted(named))
        if named == want:
            print("differential self-test: the corrupted figure, and only it, was reported")
            return 0
        print("differential self-test: FAILED, expected exactly %s" % sorted(want))
        return 1

    if not failed:
        print("differential: seed %s: %d networks, netshape agrees with PyTorch on every figure" % (seed, args.count))
        return 0

    cases = set()
    for source, output in failed.items():
        lines = output.splitlines()
        print("---- %s: first 60 lines of %d ----" % (source, len(lines)))
        print("\n".join(lines[:60]))
        found = set(int(n) for n in re.findall(r"seed %s case (\d+)" % re.escape(seed), output))
        # An error that is not one of our static_asserts (netshape rejecting a network PyTorch ran,
        # a compiler crash) is traced to its case by the generated file's lines it points at.
        found |= cases_at_lines(source, output, seed)
        if not found:
            print("differential: %s failed without naming a case (a netshape error or a generator bug)" % source)
        cases |= found
    for case in sorted(cases):
        subprocess.run([sys.executable, args.generator, "--seed", seed, "--only", str(case), "--out", mismatches],
                       check=False, stdout=subprocess.DEVNULL)
        labels = sorted(set(re.findall(r"seed %s case %d: [^\"]+" % (re.escape(seed), case),
                                       "\n".join(failed.values()))))
        print("differential: MISMATCH %s" % "; ".join(labels or ["seed %s case %d" % (seed, case)]))
    print("differential: %d mismatching case(s); each is written alone to %s: commit it as a regression case under "
          "tests/differential/regressions/" % (len(cases), mismatches))
    return 1


if __name__ == "__main__":
    sys.exit(main())
