#!/usr/bin/env python3
"""netshape's compile-time benchmark: what the compiler pays for netshape's figures.

Measures with g++ and clang++ (or each --compiler; -std=c++20 -fsyntax-only and the build's warning
flags from cmake/warnings.txt, best of --runs runs, CPU seconds
user+sys of the compiler process and its peak resident memory, read from the kernel's rusage
through os.wait4):
  floor       a file that only includes <netshape/netshape.hpp>; <boost/hana.hpp> alone for reference
  zoo header  <netshape/zoo.hpp> included, nothing asked of it
  each model  one zoo model, including only its family's header (<netshape/zoo/resnet.hpp>), with its
              figures static_asserted (params, buffers, MACs, output shape)
  whole zoo   every model's figures static_asserted in one file
  chains      flat networks of 1,000, 4,000 and 16,000 layers; blocks nested 50 deep; a 200-branch concat
  types only  the whole zoo and the 4,000-layer chain with no figure asked, only each network's node
              count (every layer and block type instantiated): the part of the cost that comes from
              the types themselves, before any figure is computed
  minimal     the same chains for bench/minimal.hpp, the cheapest design that does the same job (its
              own layer types, one constexpr array, one constexpr loop; standard library only), and
              its header alone: netshape's cost per layer over its floor against the minimal
              design's over its own (issue 20); a file asserting that both compute the same figures
              for the 4,000-layer chain is compiled first
  records     the whole zoo and the 4,000-layer chain asking for their records (nodes<Net>, and for the
              zoo layers<Net> too) besides their figures; with --limits, the 64,000-layer chain asking
              for its totals, nodes<Net> and layers<Net> at the compilers' default limits (one run)
and the route a user would otherwise take: torchvision (Debian python3-torchvision) computing the
same figures for the same models (parameter count, a forward pass for shapes, hook-counted MACs),
timed as a process with the same clock, in --runs rounds interleaved with each compiler's whole-zoo
files (figures; figures and records), so that the load of a round weighs on both sides alike.

When valgrind is installed (unless --no-valgrind), every compile is also counted in instructions
(valgrind --tool=cachegrind --cache-sim=no --trace-children=yes, "I refs" summed over the compiler's
processes), once each, --jobs at a time after the timings: unlike CPU seconds on a shared machine,
a count repeats to within 0.01%.

Writes bench/results.json (or --out) and prints a Markdown table; --svg writes a plot of compile
time against layer count; --doc writes docs/performance.md, keeping the section bench/print_cost.py
writes there (between <!-- print_cost --> markers) and reading issue 20's printer goal from it;
--from-json FILE writes --svg and --doc from an earlier run's results without measuring (after
print_cost.py has rewritten its section, for instance). Python standard library only; the torchvision route needs /usr/bin/python3
with torch and torchvision.
Exit status: 0 measured, 1 failure, 2 usage.
"""
import argparse
import concurrent.futures
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from netshape_script import ROOT, cxx_flags  # noqa: E402

INCLUDE = os.path.join(ROOT, "include")
BENCH = os.path.join(ROOT, "bench")  # minimal.hpp
BASELINE = os.path.join(BENCH, "baseline.json")  # what bench/perf_check.py gates on

ZOO = ["alexnet", "alexnet_grouped", "alexnet_owt", "lenet5", "vgg11", "vgg13", "vgg16", "vgg19", "vgg16_bn",
       "vgg19_bn", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "resnext50_32x4d",
       "wide_resnet50_2", "googlenet", "inception_v3", "squeezenet1_0", "squeezenet1_1", "densenet121",
       "densenet169", "densenet201", "mobilenet_v2", "mobilenet_v3_large", "shufflenet_v2_x1_0",
       "efficientnet_b0", "convnext_tiny"]

# The header that declares each model: measured alone, a model includes only its family's header.
FAMILY = {"lenet5": "lenet", "googlenet": "googlenet", "inception_v3": "inception", "efficientnet_b0": "efficientnet",
          "convnext_tiny": "convnext", "shufflenet_v2_x1_0": "shufflenet", "resnext50_32x4d": "resnet",
          "wide_resnet50_2": "resnet"}
for _prefix in ("alexnet", "vgg", "resnet", "squeezenet", "densenet", "mobilenet"):
    FAMILY.update({m: _prefix for m in ZOO if m.startswith(_prefix)})


def run_measured(cmd, cwd=None, stdin=None):
    """CPU seconds (user + sys), wall seconds and peak RSS in MiB of one process, and its exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=stdin)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError("command failed (%d): %s\n%s" % (code, " ".join(cmd), err[:3000]))
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024.0


def best_of(runs, cmd, **kw):
    results = [run_measured(cmd, **kw) for _ in range(runs)]
    cpu = min(r[0] for r in results)
    wall = min(r[1] for r in results)
    mem = max(r[2] for r in results)
    return {"cpu_s": round(cpu, 3), "wall_s": round(wall, 3), "peak_mib": round(mem, 1)}


def compile_cmd(compiler, source, includes=(INCLUDE,)):
    return [compiler] + cxx_flags() + ["-fsyntax-only"] + [a for d in includes for a in ("-I", d)] + [source]


# Instruction counts: the instructions a compile executes, the compiler driver and every process it
# starts (cc1plus), counted by valgrind's cachegrind without its cache simulation. Unlike CPU
# seconds they do not depend on the machine's load: a compile repeats to within 0.01%.
VALGRIND_ARGS = ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", "--trace-children=yes"]
I_REFS = re.compile(r"^==\d+== I\s+refs:\s+([\d,]+)", re.MULTILINE)


def valgrind():
    """The valgrind program, or None when it is not installed."""
    return shutil.which("valgrind")


def instructions(cmd):
    """Instructions executed by cmd and its child processes ("I refs" summed over the process tree)."""
    proc = subprocess.run([valgrind()] + VALGRIND_ARGS + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, errors="replace")
    counts = I_REFS.findall(proc.stderr)
    if proc.returncode != 0 or not counts:
        raise RuntimeError("valgrind failed (%d): %s\n%s" % (proc.returncode, " ".join(cmd), proc.stderr[-3000:]))
    return sum(int(c.replace(",", "")) for c in counts)


def instructions_of(cmds, jobs):
    """Instruction counts of several commands, run `jobs` at a time (a count does not depend on load)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(instructions, cmds))


def per_layer(chain, floor, n, key):
    """What one layer of an n-layer chain adds over its header's floor, in measure `key`."""
    return (chain[key] - floor[key]) / n


def figures_asserts(name):
    n = "netshape::zoo::" + name
    return ("static_assert(netshape::params<%s> > 0 && netshape::buffers<%s> >= 0 && netshape::macs<%s> > 0 && "
            "netshape::output_shape<%s>.channels > 0);\n" % (n, n, n, n))


# Counts a network's nodes without computing a figure: instantiates every layer and block type of
# the network (what any figure needs first) and nothing else. A measurement probe, not an API.
NODE_COUNT = """template <class> struct node_count;
template <class I, class... L> struct node_count<netshape::network<I, L...>> {
    static constexpr auto value = netshape::detail::joined<L...>::counts.size;
};
"""


def node_count_asserts(name):
    return "static_assert(node_count<netshape::zoo::%s>::value > 0);\n" % name


def chain_layers(n, ns):
    """The bench chain's n layer types in namespace ns (netshape and minimal spell them alike): a
    convolution of 8 to 20 filters, a ReLU, a batch norm and a max pool that keeps the size, repeated."""
    kinds = ["{0}::conv2d<%d, 3, {0}::pad<1>>", "{0}::relu", "{0}::batch_norm",
             "{0}::max_pool<3, {0}::stride<1>, {0}::pad<1>>"]
    kinds = [k.format(ns) for k in kinds]
    return ",\n".join(kinds[i % 4] % (8 + i % 13) if i % 4 == 0 else kinds[i % 4] for i in range(n))


def chain_source(n, types_only=False):
    ask = (NODE_COUNT + "static_assert(node_count<net>::value == %d);\n" % n if types_only else
           "static_assert(netshape::params<net> > 0 && netshape::macs<net> > 0);\n")
    return ("#include <netshape/netshape.hpp>\nusing net = netshape::network<netshape::input<32, 32, 3>,\n" +
            chain_layers(n, "netshape") + ">;\n" + ask)


def records_asserts(name):
    n = "netshape::zoo::" + name
    return "static_assert(netshape::nodes<%s>.size() > 0 && netshape::layers<%s>.size() > 0);\n" % (n, n)


LIMIT_LAYERS = 64000  # --limits: the chain that must compile at the compilers' default constexpr limits


def limits_source(n):
    """The bench chain asking for its totals, its nodes and its layers (every evaluation there is)."""
    return records_source(n) + "static_assert(netshape::layers<net>.size() == %d);\n" % n


def records_source(n):
    """The bench chain asking for its records (nodes<Net>, what the printer walks) besides its totals."""
    return chain_source(n) + "static_assert(netshape::nodes<net>.size() == %d && netshape::nodes<net>[%d].params >= 0);\n" % (n, n - 1)


def records_ratio(records, totals, floor, key="instructions"):
    """What the records add over the totals, as a multiple of what the totals add over the header's floor."""
    return (records[key] - totals[key]) / (totals[key] - floor[key])


# The cheapest design that does the same job (bench/minimal.hpp), for the same chain, and a file
# asserting that both compute the same figures for it.
MINIMAL_HEADER = '#include "minimal.hpp"\n'


def minimal_net(n, alias):
    return "using %s = minimal::network<minimal::input<32, 32, 3>,\n%s>;\n" % (alias, chain_layers(n, "minimal"))


def minimal_chain_source(n):
    return MINIMAL_HEADER + minimal_net(n, "net") + "static_assert(net::value.params > 0 && net::value.macs > 0);\n"


def agreement_source(n):
    return (chain_source(n) + MINIMAL_HEADER + minimal_net(n, "floor_net") +
            "static_assert(floor_net::value.params == netshape::params<net>);\n"
            "static_assert(floor_net::value.macs == netshape::macs<net>);\n"
            "static_assert(floor_net::value.output.height == netshape::output_shape<net>.height &&\n"
            "              floor_net::value.output.width == netshape::output_shape<net>.width &&\n"
            "              floor_net::value.output.channels == netshape::output_shape<net>.channels);\n")


def nested_source(depth):
    inner = "netshape::conv2d<8, 3, netshape::pad<1>>"
    for _ in range(depth):
        inner = "netshape::sequential<netshape::relu, %s>" % inner
    return ("#include <netshape/netshape.hpp>\nusing net = netshape::network<netshape::input<32, 32, 8>, %s>;\n"
            "static_assert(netshape::params<net> == 3 * 3 * 8 * 8 + 8);\n" % inner)


def wide_concat_source(branches):
    bs = ",\n".join("netshape::conv2d<%d, 1>" % (1 + i % 7) for i in range(branches))
    return ("#include <netshape/netshape.hpp>\nusing net = netshape::network<netshape::input<16, 16, 8>, "
            "netshape::concat<%s>>;\nstatic_assert(netshape::output_shape<net>.channels > 0);\n" % bs)


TORCHVISION_SCRIPT = r'''
import sys, time
import torch, torchvision
names = sys.argv[1:]
sizes = {"inception_v3": 299}
total = 0
with torch.no_grad():
    for name in names:
        kwargs = {"weights": None}
        if name in ("googlenet", "inception_v3"):
            kwargs.update(aux_logits=False, init_weights=False)
        model = getattr(torchvision.models, name)(**kwargs).eval()
        params = sum(p.numel() for p in model.parameters())
        buffers = sum(b.numel() for n, b in model.named_buffers() if not n.endswith("num_batches_tracked"))
        macs = [0]
        def hook(m, i, o):
            x = i[0]
            if isinstance(m, torch.nn.Conv2d):
                macs[0] += o.numel() // o.shape[0] * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]
            else:
                macs[0] += x.numel() // x.shape[0] * m.out_features
        for m in model.modules():
            if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear)):
                m.register_forward_hook(hook)
        s = sizes.get(name, 224)
        out = model(torch.zeros(1, 3, s, s))
        total += params + buffers + macs[0] + out.numel()
print(total)
'''


def torchvision_names(names):
    """The zoo's models torchvision has (alexnet_owt is torchvision's alexnet; alexnet, its grouped
    variant and lenet5 are not in torchvision)."""
    tv_names = [n for n in names if n not in ("alexnet", "alexnet_grouped", "lenet5")]
    return ["alexnet" if n == "alexnet_owt" else n for n in tv_names]


def torchvision_available(python="/usr/bin/python3"):
    try:
        subprocess.run([python, "-c", "import torch, torchvision"], check=True, capture_output=True)
        return True
    except (OSError, subprocess.CalledProcessError):
        return False


def versus_torchvision(names, compiles, runs):
    """The whole zoo against torchvision, in CPU seconds, interleaved A/B: each round runs
    torchvision computing the same figures once, then each compile in `compiles` ({(compiler, key):
    command}) once, so that the machine's load in a round weighs on both sides alike. Returns
    torchvision's best and rounds, and each compile's best and rounds; None without torchvision."""
    python = "/usr/bin/python3"
    if not torchvision_available(python):
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(TORCHVISION_SCRIPT)
        script = f.name
    tv_names = torchvision_names(names)
    tv, done = [], {k: [] for k in compiles}
    try:
        for i in range(runs):
            tv.append(run_measured([python, script] + tv_names))
            for k, cmd in compiles.items():
                done[k].append(run_measured(cmd))
            print("torchvision A/B round %d: torchvision %.2f CPU s; %s" % (i + 1, tv[-1][0], ", ".join(
                "%s %s %.2f" % (c, key, done[(c, key)][-1][0]) for c, key in compiles)), file=sys.stderr)
    finally:
        os.unlink(script)

    def summary(rs):
        return {"cpu_s": round(min(r[0] for r in rs), 3), "wall_s": round(min(r[1] for r in rs), 3),
                "peak_mib": round(max(r[2] for r in rs), 1), "rounds_cpu_s": [round(r[0], 3) for r in rs]}

    return {"torchvision": {"models": len(tv_names), **summary(tv)},
            "compiles": {k: summary(v) for k, v in done.items()}}


def printer_runtime(compiler):
    """Builds bench/print_time.cpp (-O2), runs it, and finds the section holding the records the
    printer walks: a read-only one (.rodata, or .data.rel.ro when they hold pointers to names)."""
    exe = os.path.join(tempfile.mkdtemp(prefix="netshape-print-"), "print_time")
    subprocess.run([compiler] + cxx_flags() + ["-O2", "-I", INCLUDE, os.path.join(ROOT, "bench", "print_time.cpp"),
                    "-o", exe], check=True)
    out = subprocess.run([exe, "500"], check=True, capture_output=True, text=True).stdout
    us = float(out.split(" us per summary")[0].rsplit(" ", 1)[1])
    section = None
    try:
        table = subprocess.run(["objdump", "-t", exe], check=True, capture_output=True, text=True).stdout
        for line in table.splitlines():
            if "8analysis" in line and "4full" in line:
                section = line.split()[3] if len(line.split()) > 3 else None
                break
    except (OSError, subprocess.CalledProcessError):
        pass
    return {"resnet152_summary_us": round(us, 1), "records_section": section}


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "system": platform.platform()}


def compiler_version(compiler):
    out = subprocess.run([compiler, "--version"], capture_output=True, text=True).stdout
    return out.splitlines()[0] if out else compiler


def svg_plot(results, path):
    """Compile CPU seconds against layer count, one line per compiler (a hand-written SVG)."""
    w, h, m = 560, 340, 50
    series = {}
    for comp, r in results["compilers"].items():
        pts = [(0, r["floor"]["cpu_s"])] + [(int(k), v["cpu_s"]) for k, v in sorted(r["chains"].items(), key=lambda kv: int(kv[0]))]
        series[comp] = pts
    xmax = max(x for pts in series.values() for x, _ in pts) or 1
    ymax = max(y for pts in series.values() for _, y in pts) * 1.1 or 1
    sx = lambda x: m + (w - 2 * m) * x / xmax
    sy = lambda y: h - m - (h - 2 * m) * y / ymax
    colors = ["#1f77b4", "#d62728", "#2ca02c"]
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="Helvetica" font-size="12">' % (w, h),
             '<rect width="100%" height="100%" fill="white"/>',
             '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (m, h - m, w - m, h - m),
             '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (m, m, m, h - m),
             '<text x="%d" y="%d" text-anchor="middle">layers in a flat network</text>' % (w / 2, h - 12),
             '<text x="14" y="%d" transform="rotate(-90 14 %d)" text-anchor="middle">compile CPU seconds</text>' % (h / 2, h / 2)]
    for i in range(5):
        x = xmax * i / 4
        y = ymax * i / 4
        parts.append('<text x="%.1f" y="%d" text-anchor="middle">%d</text>' % (sx(x), h - m + 16, x))
        parts.append('<text x="%d" y="%.1f" text-anchor="end">%.1f</text>' % (m - 6, sy(y) + 4, y))
    for i, (comp, pts) in enumerate(series.items()):
        c = colors[i % len(colors)]
        parts.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' %
                     (c, " ".join("%.1f,%.1f" % (sx(x), sy(y)) for x, y in pts)))
        for x, y in pts:
            parts.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (sx(x), sy(y), c))
        parts.append('<text x="%d" y="%d" fill="%s">%s</text>' % (m + 10, m + 16 * (i + 1), c, comp))
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--compiler", action="append", help="compiler to measure (repeatable; default: g++ and clang++)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--chains", default="1000,4000,16000")
    ap.add_argument("--models", default=",".join(ZOO), help="zoo models to measure one by one ('' for none)")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results.json"), help="results file (JSON)")
    ap.add_argument("--svg", default=None, help="write the compile-time plot here")
    ap.add_argument("--no-torchvision", action="store_true")
    ap.add_argument("--doc", default=None, help="write the performance page (docs/performance.md) here")
    ap.add_argument("--no-valgrind", action="store_true", help="CPU seconds only, no instruction counts")
    ap.add_argument("--limits", action="store_true",
                    help="also compile the %s-layer chain (totals and records) at default limits: minutes, GBs" %
                    format(LIMIT_LAYERS, ","))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="compiles counted under valgrind at a time (after the timings; default: the cores)")
    ap.add_argument("--from-json", default=None,
                    help="measure nothing: write --svg and --doc from a results file this harness wrote")
    args = ap.parse_args()
    if args.from_json:
        with open(args.from_json) as f:
            write_outputs(json.load(f), args)
        return 0
    models = [m for m in args.models.split(",") if m]
    unknown = [m for m in models if m not in ZOO]
    if unknown:
        ap.error("not zoo models: %s" % ", ".join(unknown))
    chains = [int(c) for c in args.chains.split(",") if c]
    if 4000 not in chains:
        ap.error("--chains must include 4000 (the chain the ratios are taken on)")
    counting = not args.no_valgrind and valgrind() is not None
    if not args.no_valgrind and not counting:
        print("note: valgrind is not installed: CPU seconds only, no instruction counts", file=sys.stderr)
    work = tempfile.mkdtemp(prefix="netshape-bench-")

    def source(name, text):
        path = os.path.join(work, name + ".cpp")
        with open(path, "w") as f:
            f.write(text)
        return path

    sources = {
        "hana": source("hana", "#include <boost/hana.hpp>\n"),
        "floor": source("floor", "#include <netshape/netshape.hpp>\n"),
        "zoo_header": source("zoo_header", "#include <netshape/zoo.hpp>\n"),
        "zoo_all": source("zoo_all", "#include <netshape/zoo.hpp>\n" + "".join(figures_asserts(m) for m in ZOO)),
        "zoo_records": source("zoo_records", "#include <netshape/zoo.hpp>\n" + "".join(figures_asserts(m) for m in ZOO) +
                              "".join(records_asserts(m) for m in ZOO)),
        "chain_4000_records": source("chain_4000_records", records_source(4000)),
        "zoo_types": source("zoo_types", "#include <netshape/zoo.hpp>\n" + NODE_COUNT +
                            "".join(node_count_asserts(m) for m in ZOO)),
        "chain_4000_types": source("chain_4000_types", chain_source(4000, types_only=True)),
        "nested_50": source("nested_50", nested_source(50)),
        "concat_200": source("concat_200", wide_concat_source(200)),
        "minimal_floor": source("minimal_floor", MINIMAL_HEADER),
    }
    for m in models:
        sources["model_" + m] = source("model_" + m, "#include <netshape/zoo/%s.hpp>\n" % FAMILY[m] + figures_asserts(m))
    for n in chains:
        sources["chain_%d" % n] = source("chain_%d" % n, chain_source(n))
        sources["minimal_chain_%d" % n] = source("minimal_chain_%d" % n, minimal_chain_source(n))
    agreement = source("agreement", agreement_source(4000))

    def command(comp, key):
        return compile_cmd(comp, sources[key], (BENCH,) if key.startswith("minimal") else (INCLUDE,))

    def command_for(comp, path):
        return compile_cmd(comp, path)

    results = {"machine": dict(machine(), load_before=[round(x, 2) for x in os.getloadavg()]), "runs": args.runs,
               "limits_run": args.limits, "compilers": {}}
    for comp in args.compiler or ["g++", "clang++"]:
        r = {"version": compiler_version(comp)}
        # The yardstick must do the same job: it fails to compile unless both agree on the figures.
        run_measured(compile_cmd(comp, agreement, (INCLUDE, BENCH)))
        print("%s: bench/minimal.hpp and netshape agree on the 4,000-layer chain" % comp, file=sys.stderr)
        measured = []  # (result, source key) of every timed compile, for the instruction counts

        def measure(key, label):
            v = best_of(args.runs, command(comp, key))
            measured.append((v, key))
            print("%s %-20s %s" % (comp, label, v), file=sys.stderr)
            return v

        for key in ("hana", "floor", "zoo_header", "zoo_types", "zoo_all", "zoo_records", "chain_4000_types",
                    "chain_4000_records", "nested_50", "concat_200", "minimal_floor"):
            try:
                r[key] = measure(key, key)
            except RuntimeError:
                if key != "hana":
                    raise
                r[key] = None  # Boost (a reference point only) is not installed
        r["chains"] = {str(n): measure("chain_%d" % n, "chain %d" % n) for n in chains}
        r["minimal_chains"] = {str(n): measure("minimal_chain_%d" % n, "minimal chain %d" % n) for n in chains}
        if args.limits:  # one run each, not counted: a compile of 64,000 layers under valgrind takes an hour
            path = source("limits_%d" % LIMIT_LAYERS, limits_source(LIMIT_LAYERS))
            try:
                cpu, _, mib = run_measured(command_for(comp, path))
                r["limits"] = {"layers": LIMIT_LAYERS, "ok": True, "cpu_s": cpu, "peak_mib": mib}
            except RuntimeError:
                r["limits"] = {"layers": LIMIT_LAYERS, "ok": False}
            print("%s limits %s" % (comp, r["limits"]), file=sys.stderr)
        r["printer"] = printer_runtime(comp)
        print("%s printer %s" % (comp, r["printer"]), file=sys.stderr)
        r["models"] = {m: measure("model_" + m, m) for m in models}
        if counting:
            print("%s: counting the instructions of %d compiles with valgrind, %d at a time" %
                  (comp, len(measured), args.jobs), file=sys.stderr)
            counts = instructions_of([command(comp, key) for _, key in measured], args.jobs)
            for (v, key), c in zip(measured, counts):
                v["instructions"] = c
        results["compilers"][comp] = r
    if not args.no_torchvision:
        # The whole zoo, totals and with records, against torchvision: interleaved rounds, after the
        # rest, so that both sides of each ratio were measured under the same load.
        ab = versus_torchvision(ZOO, {(comp, key): command(comp, key) for comp in results["compilers"]
                                      for key in ("zoo_all", "zoo_records")}, args.runs)
        if ab:
            results["torchvision"] = ab["torchvision"]
            for (comp, key), v in ab["compiles"].items():
                results["compilers"][comp].setdefault("versus_torchvision", {})[key] = v
    results["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]

    with open(args.out, "w") as f:
        json.dump(results, f, indent=1)
    write_outputs(results, args)


def write_outputs(results, args):
    """The plot, the Markdown table on stdout and the page, from a run's results."""
    if args.svg:
        svg_plot(results, args.svg)
    print(markdown(results))
    if args.doc:
        existing = open(args.doc, encoding="utf-8").read() if os.path.exists(args.doc) else ""
        page = performance_page(results, os.path.relpath(args.svg, os.path.dirname(args.doc)) if args.svg else None,
                                existing)
        with open(args.doc, "w", encoding="utf-8") as f:
            f.write(page)


def floor_ratio(r, n, key="instructions"):
    """What netshape adds for the n-layer chain over its header's floor, divided by what the minimal
    design adds for the same chain over its own header's floor."""
    netshape = per_layer(r["chains"][str(n)], r["floor"], n, key)
    return netshape / per_layer(r["minimal_chains"][str(n)], r["minimal_floor"], n, key)


def gate():
    """The instruction gate of bench/perf_check.py, as recorded in bench/baseline.json: per compiler
    family, the chain length, the ratio measured when it was recorded and the limit."""
    try:
        with open(BASELINE) as f:
            return {family: v["instructions"] for family, v in json.load(f).items() if "instructions" in v}
    except (OSError, ValueError):
        return {}


GATED = "‡"  # marks what CTest perf.compile_time gates on


def floor_table(results):
    """Per layer of the 4,000-layer chain, over each design's header floor: netshape (types only,
    and with figures) and the minimal design, in thousands of instructions and CPU microseconds,
    and the ratios netshape / minimal."""
    comps = list(results["compilers"])
    lines = ["| 4,000-layer chain, per layer, over its header's floor | " +
             " | ".join("%s kinstr | %s CPU µs" % (c, c) for c in comps) + " |",
             "| --- |" + " ---: | ---: |" * len(comps)]

    def row(label, get):
        cells = []
        for c in comps:
            r = results["compilers"][c]
            counted = "instructions" in r["floor"]
            cells.append("%s | %.1f" % ("%.1f" % (get(r, "instructions") / 1e3) if counted else "n/a", get(r, "cpu_s") * 1e6))
        lines.append("| %s | %s |" % (label, " | ".join(cells)))

    row("netshape, types only (node count, no figure)", lambda r, k: per_layer(r["chain_4000_types"], r["floor"], 4000, k))
    row("netshape, figures (params and MACs asserted)", lambda r, k: per_layer(r["chains"]["4000"], r["floor"], 4000, k))
    row("minimal design, figures (params and MACs asserted)",
        lambda r, k: per_layer(r["minimal_chains"]["4000"], r["minimal_floor"], 4000, k))
    cells = []
    for c in comps:
        r = results["compilers"][c]
        cells.append("%s | %.2f×" % ("%.2f×" % floor_ratio(r, 4000) if "instructions" in r["floor"] else "n/a",
                                     floor_ratio(r, 4000, "cpu_s")))
    lines.append("| netshape / minimal, figures %s | %s |" % (GATED, " | ".join(cells)))
    limits = gate()
    for c in comps:
        r = results["compilers"][c]
        if "instructions" not in r["floor"]:
            continue
        ratios = ", ".join("%.2f× at %s" % (floor_ratio(r, int(n)), format(int(n), ","))
                           for n in sorted(r["chains"], key=int) if n in r.get("minimal_chains", {}))
        g = limits.get("clang++" if "clang" in r["version"].lower() else "g++")
        lines.append("")
        lines.append("%s: netshape / minimal in instructions, by chain length: %s layers.%s" % (
            c, ratios, " %s Gated: at most %.2f× at %s layers (recorded %.2f×, `bench/baseline.json`)." %
            (GATED, g["limit"], format(g["chain"], ","), g["ratio"]) if g else ""))
    return lines


def markdown(results, page=False):
    """The run's tables; for the page (page=True) without the per-layer table and the torchvision
    table, which the page shows in their own sections."""
    comps = list(results["compilers"])
    counted = any(isinstance(v, dict) and "instructions" in v for r in results["compilers"].values() for v in r.values())
    per_comp = "%s CPU s | %s MiB | %s M instr" if counted else "%s CPU s | %s MiB"
    columns = per_comp.count("%s")
    lines = ["| measurement | " + " | ".join(per_comp % ((c,) * columns) for c in comps) + " |",
             "| --- |" + " ---: |" * columns * len(comps)]

    def row(label, get):
        cells = []
        for c in comps:
            v = get(results["compilers"][c])
            cell = "%.2f | %.0f" % (v["cpu_s"], v["peak_mib"]) if v else "n/a | n/a"
            if counted:
                cell += " | %.0f" % (v["instructions"] / 1e6) if v and "instructions" in v else " | n/a"
            cells.append(cell)
        lines.append("| %s | %s |" % (label, " | ".join(cells)))

    first = next(iter(results["compilers"].values()))
    row("`<boost/hana.hpp>` alone", lambda r: r["hana"])
    row("`<netshape/netshape.hpp>` alone (floor) " + GATED, lambda r: r["floor"])
    row("`<netshape/zoo.hpp>` alone", lambda r: r["zoo_header"])
    row("whole zoo, types only (node counts, no figure)", lambda r: r.get("zoo_types"))
    row("whole zoo, every figure asserted " + GATED, lambda r: r["zoo_all"])
    row("whole zoo, figures and records (`nodes<Net>`, `layers<Net>`)", lambda r: r.get("zoo_records"))
    row("flat chain of 4,000 layers, types only", lambda r: r.get("chain_4000_types"))
    row("flat chain of 4,000 layers, figures and records (`nodes<Net>`)", lambda r: r.get("chain_4000_records"))
    for n in sorted(first["chains"], key=int):
        row("flat chain of %s layers%s" % (format(int(n), ","), " " + GATED if n == "4000" else ""),
            lambda r, n=n: r["chains"][n])
    row("blocks nested 50 deep", lambda r: r["nested_50"])
    row("concat of 200 branches", lambda r: r["concat_200"])
    if "minimal_floor" in first:
        row("minimal design (`bench/minimal.hpp`) alone (its floor)", lambda r: r["minimal_floor"])
        for n in sorted(first["minimal_chains"], key=int):
            row("minimal design, flat chain of %s layers" % format(int(n), ","), lambda r, n=n: r["minimal_chains"][n])
    for m in first["models"]:
        row("model `%s`" % m, lambda r, m=m: r["models"][m])
    lines.append("")
    lines.append("%s gated by CTest `perf.compile_time` against `bench/baseline.json`: the floor in instructions "
                 "(at most the count recorded plus 5%%), the 4,000-layer chain and the whole zoo in CPU seconds (at most "
                 "twice the recorded seconds, a loose guard on a shared machine)." % GATED)
    if "minimal_floor" in first and not page:
        lines.append("")
        lines += floor_table(results)
    lines.append("")
    for c in comps:
        p = results["compilers"][c].get("printer")
        if p:
            lines.append("%s: printing resnet152's summary takes %.0f µs of CPU time at -O2; its records are in `%s`." %
                         (c, p["resnet152_summary_us"], p["records_section"]))
    if results.get("torchvision") and not page:
        lines.append("")
        lines += torchvision_table(results)
    return "\n".join(lines)


def torchvision_table(results):
    """The whole zoo, totals and records, against torchvision, from the interleaved rounds."""
    comps = [c for c in results["compilers"] if results["compilers"][c].get("versus_torchvision")]
    tv = results["torchvision"]
    lines = ["| CPU s, best of %d interleaved rounds | %s |" % (len(tv["rounds_cpu_s"]), " | ".join(comps)),
             "| --- |" + " ---: |" * len(comps),
             "| torchvision, the same figures for %d models (peak %.0f MiB) | %s |" %
             (tv["models"], tv["peak_mib"], " | ".join("%.2f" % tv["cpu_s"] for _ in comps))]
    for key, label in (("zoo_all", "whole zoo, every figure (totals)"),
                       ("zoo_records", "whole zoo, figures and records (`nodes<Net>`, `layers<Net>`)")):
        cells = []
        for c in comps:
            v = results["compilers"][c]["versus_torchvision"][key]
            rounds = [t / x for t, x in zip(tv["rounds_cpu_s"], v["rounds_cpu_s"])]
            cells.append("%.2f: %.1f× faster (rounds %.1f–%.1f×)" % (v["cpu_s"], tv["cpu_s"] / v["cpu_s"],
                                                                     min(rounds), max(rounds)))
        lines.append("| %s | %s |" % (label, " | ".join(cells)))
    return lines


def floor_text(v):
    """A header floor: instructions (when counted) and CPU seconds."""
    return ("%.0f M instructions, %.2f s" % (v["instructions"] / 1e6, v["cpu_s"]) if "instructions" in v
            else "%.2f s" % v["cpu_s"])


def floor_goals(g, c):
    """Issue 20's per-layer goal against this run's ratios (instructions; CPU seconds when not counted)."""
    key = "instructions" if "instructions" in g["floor"] and "instructions" in c["floor"] else "cpu_s"
    rows = ["| goal (netshape / minimal, 4,000-layer chain, %s) | g++ | clang++ | met |" %
            ("instructions" if key == "instructions" else "CPU seconds"), "| --- | --- | --- | --- |"]
    for limit, what in ((2.5, "on the way"), (1.5, "the goal")):
        ratios = [floor_ratio(x, 4000, key) for x in (g, c)]
        rows.append("| at most %.1f× (%s) | %.2f× | %.2f× | %s |" %
                    (limit, what, ratios[0], ratios[1], "yes" if all(x <= limit for x in ratios) else "no"))
    return "\n".join(rows)


# The print_cost section (bench/print_cost.py writes it between these markers; this harness keeps it).
PRINT_BEGIN, PRINT_END = "<!-- print_cost -->", "<!-- /print_cost -->"
PRINT_ROW = re.compile(r"^\| (\w+) \| (g\+\+|clang\+\+) \| (\d+) \| [\d.]+× \| ([\d.]+) \| [\d.]+× \|$", re.MULTILINE)


def print_section(page):
    """The print_cost section of the page as it is (markers included), or None."""
    if PRINT_BEGIN in page and PRINT_END in page:
        return page[page.index(PRINT_BEGIN):page.index(PRINT_END) + len(PRINT_END)]
    return None


def print_figures(section):
    """From the print_cost section: {compiler: {program: (M instructions, CPU s)}} and whether the
    static_assert-only file includes a printer header."""
    figures = {}
    for name, comp, instr, cpu in PRINT_ROW.findall(section or ""):
        figures.setdefault(comp, {})[name] = (float(instr), float(cpu))
    return figures, "PRINTER HEADERS" not in (section or "")


DESIGN = {  # docs/design.md's sections that give the measured reasons
    "leaf": ("the leaf path and the window rules", "measured-the-leaf-path-and-the-window-rules-2026-12-01-issues-11-and-20"),
    "record": ("what a fresh record costs clang", "measured-what-a-fresh-record-costs-clang-2026-12-01-issue-20"),
    "limits": ("limits and records", "measured-limits-and-records-2026-11-30-issue-20"),
    "printer": ("the printer's compile cost", "measured-the-printers-compile-cost-2026-11-30-issue-20"),
}


def thousands(v):
    """A figure rounded to a whole number, with thousands separators."""
    return format(round(v), ",")


def design_link(key):
    title, anchor = DESIGN[key]
    return "[design.md: %s](design.md#%s)" % (title, anchor)


def records_to_half(x, records, totals, floor):
    """What the records add over the totals, and what 0.5× the totals over the floor allows, in instructions."""
    return x[records]["instructions"] - x[totals]["instructions"], 0.5 * (x[totals]["instructions"] - x[floor]["instructions"])


def issue20_goals(r, section):
    """Issue 20's goals against this run: the table (each goal, both compilers, met) and, for each goal
    not met, one line: the measured reason (with the docs/design.md section) and the reachable figure."""
    comps = ("g++", "clang++")
    x = {c: r["compilers"][c] for c in comps}
    counted = all("instructions" in x[c]["floor"] for c in comps)
    rows, notes = [], []

    def add(goal, cells, met, note):
        rows.append("| %s | %s | %s | %s |" % (goal, cells[0], cells[1], "yes" if met else "no"))
        if not met and note:
            notes.append("- **%s**: %s" % (goal.split(":")[0], note))

    # 1. Per layer against the minimal design.
    key = "instructions" if counted else "cpu_s"
    ratios = {c: floor_ratio(x[c], 4000, key) for c in comps}
    why = []
    for c in comps:
        types = per_layer(x[c]["chain_4000_types"], x[c]["floor"], 4000, key)
        figures = per_layer(x[c]["chains"]["4000"], x[c]["floor"], 4000, key)
        minimal = per_layer(x[c]["minimal_chains"]["4000"], x[c]["minimal_floor"], 4000, key)
        allowed = 2.5 * minimal - types
        why.append("%s: types %.0f, walk %.0f, minimal design %.0f; 2.5× leaves the walk %.0f (%.0f%% less)" % (
            c, types / 1e3, (figures - types) / 1e3, minimal / 1e3, allowed / 1e3, 100 * (1 - allowed / (figures - types))))
    add("netshape per layer at most 2.5× the minimal design (4,000-layer chain, %s over each header)" % key.replace("cpu_s", "CPU s"),
        ["%.2f×" % ratios[c] for c in comps], all(v <= 2.5 for v in ratios.values()),
        "the types alone cost about what the whole minimal design costs, and the walk computes what it "
        "does not (receptive field, live and peak activations, ranks, overflow checks), kinstr a layer: %s. "
        "Reachable with this design: today's %.2f× / %.2f× (%s)." % ("; ".join(why), ratios["g++"], ratios["clang++"],
                                                                      design_link("leaf")))

    # 2. The 64,000-layer chain at default limits.
    lim = {c: x[c].get("limits") for c in comps}
    add("a %s-layer chain, totals and records (`nodes<Net>`, `layers<Net>`), at default limits" % format(LIMIT_LAYERS, ","),
        ["compiles: %.1f CPU s, %.0f MiB" % (v["cpu_s"], v["peak_mib"]) if v and v["ok"] else
         ("fails" if v else "not measured (`--limits`)") for v in lim.values()],
        all(v and v["ok"] for v in lim.values()), "see %s." % design_link("limits"))

    # 3. What the records add.
    for label, rec, tot, flo, per in (
            ("records (`nodes<Net>`) add at most 0.5× the totals: 4,000-layer chain, over the floor",
             "chain_4000_records", None, "floor", 4000),
            ("records (`nodes<Net>`, `layers<Net>`) add at most 0.5× the totals: whole zoo, over its header",
             "zoo_records", "zoo_all", "zoo_header", None)):
        get = (lambda c: {**x[c], "totals": x[c]["chains"]["4000"]}) if tot is None else (lambda c: x[c])
        tot = tot or "totals"
        vals = {c: records_ratio(get(c)[rec], get(c)[tot], get(c)[flo], key) for c in comps}
        note = ""
        if counted:
            parts, cuts = [], []
            for c in comps:
                added, allowed = records_to_half(get(c), rec, tot, flo)
                parts.append(("%s: %s kinstr a node against %s" % (c, thousands(added / per / 1e3), thousands(allowed / per / 1e3)))
                             if per else ("%s: %s M against %s M" % (c, thousands(added / 1e6), thousands(allowed / 1e6))))
                cuts.append("%.0f%% (%s)" % (100 * (1 - allowed / added), c))
            note = ("a record is some sixty values, each node's written into a fresh array that the compiler then "
                    "checks and stores as a constant; what the records add, against what 0.5× allows: %s. "
                    "Reachable with today's `layer_record`: the measured ratio; 0.5× needs what they add cut by %s, "
                    "a smaller record, which changes a public type (%s)." % (
                        "; ".join(parts), " and ".join(cuts), design_link("record")))
        add(label, ["%.2f× (%s)" % (vals[c], key.replace("cpu_s", "CPU s")) for c in comps],
            all(v <= 0.5 for v in vals.values()), note)

    # 4. The printer (from bench/print_cost.py's section of this page).
    pf, clean = print_figures(section)
    if all(c in pf and {"hello", "printer", "summary", "asserts"} <= set(pf[c]) for c in comps):
        ratio = {c: pf[c]["summary"][0] / pf[c]["hello"][0] for c in comps}
        left, cuts = [], []
        for c in comps:
            budget, parse, code = 2.5 * pf[c]["hello"][0], pf[c]["printer"][0], pf[c]["summary"][0] - pf[c]["printer"][0]
            left.append("%s: 2.5× is %s M, parsing the printer's headers (`printer`) %s M, leaving %s M for printing's "
                        "code generation, which costs %s M" % (c, thousands(budget), thousands(parse),
                                                              thousands(budget - parse), thousands(code)))
            cuts.append("%.0f%% (%s)" % (100 * (1 - (budget - parse) / code), c))
        left = "; ".join(left)
        add("a program printing one summary compiles at `-O2` in at most 2.5× a hello-world (instructions, compile and link)",
            ["%.2f×" % ratio[c] for c in comps], all(v <= 2.5 for v in ratio.values()),
            "%s. Reachable: 2.5× once that code generation falls by %s, or the parsing by as much (%s)." % (
                left, " and ".join(cuts), design_link("printer")))
        add("a `static_assert`-only file pays nothing for printing",
            ["%.2f× hello, no printer header" % (pf[c]["asserts"][0] / pf[c]["hello"][0]) if clean else "includes a printer header"
             for c in comps], clean, "")
    else:
        add("a program printing one summary compiles at `-O2` in at most 2.5× a hello-world",
            ["not measured (`bench/print_cost.py --doc`)"] * 2, False, "")

    # 5. Against torchvision, totals and records (interleaved rounds).
    tv = r.get("torchvision")
    if tv and all(x[c].get("versus_torchvision") for c in comps):
        vt = {c: x[c]["versus_torchvision"] for c in comps}
        speed = {c: (tv["cpu_s"] / vt[c]["zoo_all"]["cpu_s"], tv["cpu_s"] / vt[c]["zoo_records"]["cpu_s"]) for c in comps}
        note = ""
        if counted:
            reach, need = [], []
            for c in comps:
                a, h = x[c]["zoo_all"]["instructions"], x[c]["zoo_header"]["instructions"]
                at_half = vt[c]["zoo_all"]["cpu_s"] * (a + 0.5 * (a - h)) / a
                reach.append("%s %.1f×" % (c, tv["cpu_s"] / at_half))
                need.append("%s %.1f×" % (c, 20 * (a + 0.5 * (a - h)) / a))
            note = ("the records: the zoo's file with them takes %s its figures' CPU seconds (%s in instructions). "
                    "Reachable with records at their 0.5× goal (the figures' seconds scaled by the instructions such "
                    "records would add): %s; 20× with such records needs the totals alone at %s (%s)." % (
                        " and ".join("%.2f×" % (vt[c]["zoo_records"]["cpu_s"] / vt[c]["zoo_all"]["cpu_s"]) for c in comps),
                        " and ".join("%.2f×" % (x[c]["zoo_records"]["instructions"] / x[c]["zoo_all"]["instructions"])
                                     for c in comps), ", ".join(reach), ", ".join(need), design_link("limits")))
        add("the whole zoo at least 20× faster than torchvision, with records too (CPU s, interleaved rounds)",
            ["totals %.1f×, with records %.1f×" % speed[c] for c in comps],
            all(min(v) >= 20 for v in speed.values()), note)
    else:
        add("the whole zoo at least 20× faster than torchvision, with records too", ["not measured"] * 2, False, "")

    # 6. This page.
    add("docs/performance.md reports instruction counts beside times, and says which is gated",
        ["instructions beside CPU seconds" if counted else "CPU seconds only (no valgrind)"] * 2, counted, "")
    table = ["| goal (issue 20) | g++ | clang++ | met |", "| --- | --- | --- | --- |"] + rows
    return "\n".join(table) + ("\n\nNot met, the measured reason and the reachable figure:\n\n" + "\n".join(notes)
                               if notes else "")


def performance_page(r, plot, existing=""):
    """docs/performance.md: the tables, the plot, each goal of issues 5 and 20 with this run's figures.
    The print_cost section of the existing page (bench/print_cost.py's) is kept as it is."""
    g, c = r["compilers"]["g++"], r["compilers"]["clang++"]
    tv = r.get("torchvision") or {}
    fg, fc = g["floor"]["cpu_s"], c["floor"]["cpu_s"]
    section = print_section(existing) or "%s\n\n(not measured yet: `bench/print_cost.py --doc docs/performance.md`)\n\n%s" % (
        PRINT_BEGIN, PRINT_END)

    def hana_ratio(x, f):
        return "%.2f×" % (f / x["hana"]["cpu_s"]) if x.get("hana") else "n/a (no Boost)"

    def adds(x, f, key):
        v = x["chains"]["4000"]["cpu_s"] if key == "chain" else x["zoo_all"]["cpu_s"]
        return "adds %.2f s = %.1f× the floor" % (v - f, (v - f) / f)

    def models(x, f):
        vs = [v["cpu_s"] - f for v in x["models"].values()]
        return "adds %.2f–%.2f s" % (min(vs), max(vs)) if vs else "n/a"

    def yes(ok):
        return "yes" if ok else "no"

    def zoo_tv(x):
        v = (x.get("versus_torchvision") or {}).get("zoo_all")
        return tv["cpu_s"] / v["cpu_s"] if tv and v else None

    rows = [
        ("`netshape.hpp` alone at most 1.2× `boost/hana.hpp` alone", hana_ratio(g, fg), hana_ratio(c, fc),
         yes(all(x.get("hana") and f <= 1.2 * x["hana"]["cpu_s"] for x, f in ((g, fg), (c, fc))))),
        ("a 4,000-layer chain adds at most 1.0× the floor", adds(g, fg, "chain"), adds(c, fc, "chain"),
         yes(all(x["chains"]["4000"]["cpu_s"] - f <= f for x, f in ((g, fg), (c, fc))))),
        ("16,000 layers cost at most 5× what 4,000 cost",
         "%.1f×" % (g["chains"]["16000"]["cpu_s"] / g["chains"]["4000"]["cpu_s"]),
         "%.1f×" % (c["chains"]["16000"]["cpu_s"] / c["chains"]["4000"]["cpu_s"]),
         yes(all(x["chains"]["16000"]["cpu_s"] <= 5 * x["chains"]["4000"]["cpu_s"] for x in (g, c)))),
        ("no raised `-ftemplate-depth` or `-fconstexpr-*` limit", "default limits", "default limits", "yes"),
        ("the whole zoo adds at most 1.0× the floor", adds(g, fg, "zoo"), adds(c, fc, "zoo"),
         yes(all(x["zoo_all"]["cpu_s"] - f <= f for x, f in ((g, fg), (c, fc))))),
        ("every single model adds at most 0.1× the floor", models(g, fg), models(c, fc),
         yes(all(x["models"] and max(v["cpu_s"] for v in x["models"].values()) - f <= 0.1 * f
                 for x, f in ((g, fg), (c, fc))))),
        ("the whole zoo at least 20× faster than torchvision (interleaved rounds, below)",
         "%.1f×" % zoo_tv(g) if zoo_tv(g) else "n/a", "%.1f×" % zoo_tv(c) if zoo_tv(c) else "n/a",
         yes(all(zoo_tv(x) and zoo_tv(x) >= 20 for x in (g, c)))),
        ("peak compiler memory for the whole zoo at most 400 MB", "%.0f MiB" % g["zoo_all"]["peak_mib"],
         "%.0f MiB" % c["zoo_all"]["peak_mib"],
         yes(all(x["zoo_all"]["peak_mib"] * 1.048576 <= 400 for x in (g, c)))),
        ("figures are constants in the binary", "records in `%s`" % g["printer"]["records_section"],
         "records in `%s`" % c["printer"]["records_section"],
         yes(all(str(x["printer"]["records_section"]).startswith((".rodata", ".data.rel.ro")) for x in (g, c)))),
        ("printing resnet152's summary takes under a millisecond (CPU time)", "%.0f µs" % g["printer"]["resnet152_summary_us"],
         "%.0f µs" % c["printer"]["resnet152_summary_us"],
         yes(all(x["printer"]["resnet152_summary_us"] < 1000 for x in (g, c)))),
    ]

    def split(get):
        return "%.2f s (g++) and %.2f s (clang++)" % (get(g), get(c))

    def load(key):
        v = r["machine"].get(key)
        return "%.1f" % v[0] if v else "not recorded"

    goal_table = "\n".join(["| goal | g++ | clang++ | met |", "| --- | --- | --- | --- |"] +
                           ["| %s | %s | %s | %s |" % row for row in rows])
    limits = gate()
    command = "/usr/bin/python3 bench/compile_bench.py --runs %d%s --svg docs/img/compile_time.svg --doc docs/performance.md" % (
        r["runs"], " --limits" if r.get("limits_run") else "")
    return """# Performance: what the compiler pays for netshape's figures

netshape's "run time" is the compiler. This page is written by the benchmark harness (public tools
only: Python's standard library, the compilers, valgrind, the kernel's rusage of each compiler
process), except the printer's section, which `bench/print_cost.py` writes:

```sh
%(command)s
```

**Two measures, and which is gated.** Every compile is counted in instructions the compiler
executes (valgrind's cachegrind, `--cache-sim=no`, summed over the driver and the compiler proper):
a count does not depend on the machine's load (the same file at the same path repeats to within
0.01%%; moved elsewhere, clang's count moves by up to 0.3%%). Instruction counts are what the `perf`
CTests gate. CPU seconds (user + system of the compiler process, from the kernel's rusage) and peak
resident memory are shown beside them, **measured under load**: the machine (%(cpu)s, %(cores)d
cores, 24 GiB, %(system)s) is shared with other jobs; its load average was %(load_before)s when this
run started and %(load_after)s when it ended, and times on it drift by up to 2× between runs. Each
time is the best of %(runs)d runs of `-std=c++20 -fsyntax-only` with the project's warnings; %(gv)s;
%(cv)s. The raw numbers are in `bench/results.json`. A model measured alone includes only its
family's header (`<netshape/zoo/resnet.hpp>` for `resnet50`); the whole zoo is the bench's %(zoo)d
classification models in one file including `<netshape/zoo.hpp>`.

## Issue 20's goals, from this run

%(issue20)s

%(table)s

%(plot)s

## Against the goals (issue 5), from this run

%(goals)s

The floor-relative goals assumed a floor near Boost.Hana's; netshape's headers include only
`<array>`, `<cstddef>`, `<cstdint>`, `<initializer_list>`, `<type_traits>` and `<utility>` and cost
%(floor_share)s of that, which leaves "adds at most 1.0× the floor" a budget of %(budget)s.
The "types only" rows split what is left. Instantiating the zoo's layer and block types and
counting their nodes, before any figure is computed, adds %(zoo_types)s over the zoo header;
computing every figure from them adds %(zoo_figures)s more.
For the 4,000-layer chain the types add %(chain_types)s over the floor and the figures
%(chain_figures)s. docs/design.md lists what was measured and changed to get here.

## Against the cheapest design (issues 11 and 20), from this run

`bench/minimal.hpp` is the cheapest design that does the same job for the bench's chain, written
only as a yardstick: its own `conv2d`, `relu`, `batch_norm`, `max_pool` and `network` (standard
library only, not netshape), each layer type one plain record, the network's types expanded into
one constexpr array (of pointers to those records) and one constexpr loop computing output shape,
parameters and MACs. Before measuring, the harness compiles a file asserting that it and netshape
compute the same parameters, MACs and output shape for the 4,000-layer chain.

What each design adds for the 4,000-layer chain is measured over its own floor (a file that only
includes its header), in instructions and in CPU seconds (noisy here: a layer is microseconds).
The header floors:

%(floors)s

%(floor_table)s

Issue 20's goal: netshape's cost per layer at most 2.5× the minimal design's on the way to 1.5×,
on each compiler, in instructions over each header's floor.

%(floor_goals)s

## Records, limits and torchvision (issue 20), from this run

The records (`nodes<Net>`, what the printer walks, and `layers<Net>`) are evaluations of their own,
made only when asked for; what they add is measured over the totals' file, as a multiple of what
the totals add over the header (the 4,000-layer chain: over `<netshape/netshape.hpp>`; the zoo: over
`<netshape/zoo.hpp>`). The %(limit_layers)s-layer chain asking for its totals, `nodes<Net>` and
`layers<Net>` in one file is compiled once per compiler (`--limits`; not counted in instructions).

The whole zoo against torchvision: torchvision (Debian's python3-torchvision) computing the same
figures (parameter and buffer counts, a forward pass for shapes, hook-counted MACs) for the %(tv_models)s
of the bench's models it has (alexnet, its grouped variant and lenet5 are not torchvision's, so the
netshape side computes 3 models more), timed as a process with the same clock. The two sides are
measured in interleaved rounds (torchvision, then each compiler's whole-zoo file with and without
records), after the rest of the run, so that the load of each round weighs on both; the table gives
each side's best round and the range of the rounds' own ratios.

%(tv_table)s

## The printer's compile cost (issue 20)

What a program that prints one summary pays, against a hello-world that includes `<iostream>`,
each built to an executable with `-std=c++20 -O2` and the project's warnings (compile and link, as a
user builds a program), written by

```sh
/usr/bin/python3 bench/print_cost.py --runs 3 --doc docs/performance.md
```

`hello` is the yardstick; `printer` includes `netshape.hpp` and `print.hpp` and prints nothing (the
parsing); `summary` prints a one-layer network's summary, `summary_big` a twelve-layer network's with
a named block, a residual add and a side output; `asserts` is a `static_assert`-only file, which
includes no printer header (checked with the compiler's `-H`). Instructions are valgrind's
(cachegrind, `--cache-sim=no`, summed over driver, compiler and linker), CPU seconds the best of the
runs on this shared machine (they drift up to 2×). **Gated:** CTest `perf.print_cost` (label `perf`)
fails when summary / hello in instructions exceeds the limit in `bench/print_baseline.json` (the
ratio recorded plus 5%%; `print_cost.py --compiler g++ --record` records it again), or when the
`static_assert`-only file includes a printer header; without valgrind it reports itself skipped.
docs/design.md says where the cost goes and what was changed. The printer's rows of issue 20's
goals (at the top) are read from this section when `compile_bench.py` writes the page; after
`print_cost.py --doc` has rewritten it, `compile_bench.py --from-json bench/results.json --svg
docs/img/compile_time.svg --doc docs/performance.md` writes the page again from the last run.

%(print_section)s

## Constants in the binary

`bench/print_time.cpp` prints resnet152's summary 500 times. The records it walks are one object
the compiler initialised, `netshape::detail::analysis<...>::full`: `objdump -t` finds it in a
read-only section (`.data.rel.ro` holds read-only data with pointers, here the layers' names). No
code in the program computes a figure; printing formats numbers and pads columns.

## Keeping it

CTest `perf.compile_time` (label `perf`, run serially) runs `bench/perf_check.py` with the build's
compiler. With valgrind installed it counts five compiles (the header floor, the 4,000-layer chain
with its totals and with its records, the minimal design's header and chain) and fails when:

- `<netshape/netshape.hpp>` alone costs more instructions than recorded plus 5%% (%(floor_gate)s):
  every program that includes netshape pays it, so a kind or a header that makes every includer
  dearer is caught even when no chain or model grows. An absolute count: it moves with the
  compiler's version and its standard library, not with the load (record it again after an
  upgrade: `bench/perf_check.py --compiler g++ --record-floor`);
- netshape / minimal per layer in instructions exceeds its limit (%(gate)s, each over its header's
  floor; today's ratio plus 10%% when recorded);
- what the chain's records (`nodes<Net>`) add over its totals, as a multiple of what the totals add
  over the floor, exceeds its limit (%(records_gate)s).

A ratio of two instruction counts on one compiler does not depend on the machine or its load.
It also fails when the 4,000-layer chain or the whole-zoo file takes more than twice the CPU
seconds recorded in `bench/baseline.json` for that compiler (the rows marked %(gated)s; a loose
guard, since times are taken under load). Without valgrind the instruction part is skipped and the
test reports itself skipped (77) once the CPU-seconds part has passed. `bench/perf_check.py
--compiler g++ --record` records everything again; `--record-instructions` the ratios' limits only.
""" % {"command": command, "runs": r["runs"], "cpu": r["machine"]["cpu"], "cores": r["machine"]["cores"],
       "system": r["machine"]["system"], "load_before": load("load_before"), "load_after": load("load_after"),
       "gv": g["version"], "cv": c["version"], "zoo": len(ZOO), "table": markdown(r, page=True),
       "issue20": issue20_goals(r, section), "print_section": section,
       "plot": "![compile time against layer count](%s)" % plot if plot else "", "goals": goal_table,
       "floor_share": " and ".join("%.0f%% (%s)" % (100 * x["floor"]["cpu_s"] / x["hana"]["cpu_s"], n)
                                   for n, x in (("g++", g), ("clang++", c)) if x.get("hana")) or "n/a",
       "budget": " and ".join("%.2f s (%s)" % (x["floor"]["cpu_s"], n) for n, x in (("g++", g), ("clang++", c))),
       "zoo_types": split(lambda x: x["zoo_types"]["cpu_s"] - x["zoo_header"]["cpu_s"]),
       "zoo_figures": split(lambda x: x["zoo_all"]["cpu_s"] - x["zoo_types"]["cpu_s"]),
       "chain_types": split(lambda x: x["chain_4000_types"]["cpu_s"] - x["floor"]["cpu_s"]),
       "chain_figures": split(lambda x: x["chains"]["4000"]["cpu_s"] - x["chain_4000_types"]["cpu_s"]),
       "floors": "\n".join("- %s: netshape %s; minimal %s" % (n, *(floor_text(x[k]) for k in ("floor", "minimal_floor")))
                            for n, x in (("g++", g), ("clang++", c))),
       "floor_table": "\n".join(floor_table(r)), "floor_goals": floor_goals(g, c), "gated": GATED,
       "limit_layers": format(LIMIT_LAYERS, ","), "tv_models": tv.get("models", "n/a"),
       "tv_table": "\n".join(torchvision_table(r)) if tv else "torchvision was not measured in this run.",
       "floor_gate": " and ".join("%s: limit %s M, recorded %s M" % (n, thousands(v["floor_limit"] / 1e6),
                                                                    thousands(v["floor"] / 1e6))
                                  for n, v in sorted(limits.items()) if "floor_limit" in v) or "no limit recorded yet",
       "records_gate": " and ".join("%s: limit %.2f×" % (n, v["records_limit"])
                                    for n, v in sorted(limits.items()) if "records_limit" in v) or "no limit recorded yet",
       "gate": " and ".join("%s: the %s-layer chain, limit %.2f×" % (n, format(v["chain"], ","), v["limit"])
                            for n, v in sorted(limits.items())) or "no limit recorded yet"}


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
        print("compile_bench: %s" % e, file=sys.stderr)
        sys.exit(1)
