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
and the route a user would otherwise take: torchvision (Debian python3-torchvision) computing the
same figures for the same models (parameter count, a forward pass for shapes, hook-counted MACs),
timed as a process with the same clock.

Writes bench/results.json (or --out) and prints a Markdown table; --svg writes a plot of compile
time against layer count. Python standard library only; the torchvision route needs /usr/bin/python3
with torch and torchvision.
Exit status: 0 measured, 1 failure, 2 usage.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from netshape_script import ROOT, cxx_flags  # noqa: E402

INCLUDE = os.path.join(ROOT, "include")

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


def compile_cmd(compiler, source):
    return [compiler] + cxx_flags() + ["-fsyntax-only", "-I", INCLUDE, source]


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


def chain_source(n, types_only=False):
    kinds = ["netshape::conv2d<%d, 3, netshape::pad<1>>", "netshape::relu", "netshape::batch_norm",
             "netshape::max_pool<3, netshape::stride<1>, netshape::pad<1>>"]
    layers = [kinds[i % 4] % (8 + i % 13) if i % 4 == 0 else kinds[i % 4] for i in range(n)]
    ask = (NODE_COUNT + "static_assert(node_count<net>::value == %d);\n" % n if types_only else
           "static_assert(netshape::params<net> > 0 && netshape::macs<net> > 0);\n")
    return ("#include <netshape/netshape.hpp>\nusing net = netshape::network<netshape::input<32, 32, 3>,\n" +
            ",\n".join(layers) + ">;\n" + ask)


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


def torchvision_route(names, runs):
    python = "/usr/bin/python3"
    try:
        subprocess.run([python, "-c", "import torch, torchvision"], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(TORCHVISION_SCRIPT)
        script = f.name
    tv_names = [n for n in names if n not in ("alexnet", "alexnet_grouped", "lenet5")]
    tv_names = ["alexnet" if n == "alexnet_owt" else n for n in tv_names]
    try:
        return {"models": len(tv_names), **best_of(runs, [python, script] + tv_names)}
    finally:
        os.unlink(script)


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
    args = ap.parse_args()
    models = [m for m in args.models.split(",") if m]
    unknown = [m for m in models if m not in ZOO]
    if unknown:
        ap.error("not zoo models: %s" % ", ".join(unknown))
    chains = [int(c) for c in args.chains.split(",") if c]
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
        "zoo_types": source("zoo_types", "#include <netshape/zoo.hpp>\n" + NODE_COUNT +
                            "".join(node_count_asserts(m) for m in ZOO)),
        "chain_4000_types": source("chain_4000_types", chain_source(4000, types_only=True)),
        "nested_50": source("nested_50", nested_source(50)),
        "concat_200": source("concat_200", wide_concat_source(200)),
    }
    for m in models:
        sources["model_" + m] = source("model_" + m, "#include <netshape/zoo/%s.hpp>\n" % FAMILY[m] + figures_asserts(m))
    for n in chains:
        sources["chain_%d" % n] = source("chain_%d" % n, chain_source(n))

    results = {"machine": machine(), "runs": args.runs, "compilers": {}}
    for comp in args.compiler or ["g++", "clang++"]:
        r = {"version": compiler_version(comp)}
        measure = lambda key: best_of(args.runs, compile_cmd(comp, sources[key]))
        for key in ("hana", "floor", "zoo_header", "zoo_types", "zoo_all", "chain_4000_types", "nested_50",
                    "concat_200"):
            try:
                r[key] = measure(key)
            except RuntimeError:
                if key != "hana":
                    raise
                r[key] = None  # Boost (a reference point only) is not installed
                continue
            print("%s %-12s %s" % (comp, key, r[key]), file=sys.stderr)
        r["chains"] = {}
        for n in chains:
            r["chains"][str(n)] = measure("chain_%d" % n)
            print("%s chain %-6d %s" % (comp, n, r["chains"][str(n)]), file=sys.stderr)
        r["printer"] = printer_runtime(comp)
        print("%s printer %s" % (comp, r["printer"]), file=sys.stderr)
        r["models"] = {}
        for m in models:
            r["models"][m] = measure("model_" + m)
            print("%s %-20s %s" % (comp, m, r["models"][m]), file=sys.stderr)
        results["compilers"][comp] = r
    if not args.no_torchvision:
        results["torchvision"] = torchvision_route(ZOO, args.runs)

    with open(args.out, "w") as f:
        json.dump(results, f, indent=1)
    if args.svg:
        svg_plot(results, args.svg)
    print(markdown(results))
    if args.doc:
        with open(args.doc, "w") as f:
            f.write(performance_page(results, os.path.relpath(args.svg, os.path.dirname(args.doc)) if args.svg else None))


def markdown(results):
    comps = list(results["compilers"])
    lines = ["| measurement | " + " | ".join("%s CPU s | %s MiB" % (c, c) for c in comps) + " |",
             "| --- |" + " ---: | ---: |" * len(comps)]

    def row(label, get):
        cells = []
        for c in comps:
            v = get(results["compilers"][c])
            cells.append("%.2f | %.0f" % (v["cpu_s"], v["peak_mib"]) if v else "n/a | n/a")
        lines.append("| %s | %s |" % (label, " | ".join(cells)))

    row("`<boost/hana.hpp>` alone", lambda r: r["hana"])
    row("`<netshape/netshape.hpp>` alone (floor)", lambda r: r["floor"])
    row("`<netshape/zoo.hpp>` alone", lambda r: r["zoo_header"])
    row("whole zoo, types only (node counts, no figure)", lambda r: r.get("zoo_types"))
    row("whole zoo, every figure asserted", lambda r: r["zoo_all"])
    row("flat chain of 4,000 layers, types only", lambda r: r.get("chain_4000_types"))
    for n in sorted(next(iter(results["compilers"].values()))["chains"], key=int):
        row("flat chain of %s layers" % format(int(n), ","), lambda r, n=n: r["chains"][n])
    row("blocks nested 50 deep", lambda r: r["nested_50"])
    row("concat of 200 branches", lambda r: r["concat_200"])
    for m in next(iter(results["compilers"].values()))["models"]:
        row("model `%s`" % m, lambda r, m=m: r["models"][m])
    lines.append("")
    for c in comps:
        p = results["compilers"][c].get("printer")
        if p:
            lines.append("%s: printing resnet152's summary takes %.0f µs at -O2; its records are in `%s`." %
                         (c, p["resnet152_summary_us"], p["records_section"]))
    tv = results.get("torchvision")
    if tv:
        lines.append("")
        lines.append("torchvision computing the same figures for %d models: %.2f CPU s, %.0f MiB." %
                     (tv["models"], tv["cpu_s"], tv["peak_mib"]))
    return "\n".join(lines)


def performance_page(r, plot):
    """docs/performance.md: the table, the plot, and each goal of issue 5 with this run's figures."""
    g, c = r["compilers"]["g++"], r["compilers"]["clang++"]
    tv = r.get("torchvision") or {}
    fg, fc = g["floor"]["cpu_s"], c["floor"]["cpu_s"]

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
         yes(all(max(v["cpu_s"] for v in x["models"].values()) - f <= 0.1 * f for x, f in ((g, fg), (c, fc))))),
        ("the whole zoo at least 20× faster than torchvision (%.1f s)" % tv.get("cpu_s", float("nan")),
         "%.1f×" % (tv["cpu_s"] / g["zoo_all"]["cpu_s"]) if tv else "n/a",
         "%.1f×" % (tv["cpu_s"] / c["zoo_all"]["cpu_s"]) if tv else "n/a",
         yes(bool(tv) and all(tv["cpu_s"] >= 20 * x["zoo_all"]["cpu_s"] for x in (g, c)))),
        ("peak compiler memory for the whole zoo at most 400 MB", "%.0f MiB" % g["zoo_all"]["peak_mib"],
         "%.0f MiB" % c["zoo_all"]["peak_mib"],
         yes(all(x["zoo_all"]["peak_mib"] * 1.048576 <= 400 for x in (g, c)))),
        ("figures are constants in the binary", "records in `%s`" % g["printer"]["records_section"],
         "records in `%s`" % c["printer"]["records_section"],
         yes(all(str(x["printer"]["records_section"]).startswith((".rodata", ".data.rel.ro")) for x in (g, c)))),
        ("printing resnet152's summary takes under a millisecond", "%.0f µs" % g["printer"]["resnet152_summary_us"],
         "%.0f µs" % c["printer"]["resnet152_summary_us"],
         yes(all(x["printer"]["resnet152_summary_us"] < 1000 for x in (g, c)))),
    ]
    def split(get):
        return "%.2f s (g++) and %.2f s (clang++)" % (get(g), get(c))

    goal_table = "\n".join(["| goal | g++ | clang++ | met |", "| --- | --- | --- | --- |"] +
                           ["| %s | %s | %s | %s |" % row for row in rows])
    return """# Performance: what the compiler pays for netshape's figures

netshape's "run time" is the compiler. This page is written by the benchmark harness (public tools
only: Python's standard library, the compilers, the kernel's rusage of each compiler process):

```sh
/usr/bin/python3 bench/compile_bench.py --runs 5 --svg docs/img/compile_time.svg --doc docs/performance.md
```

Every figure is the best of %(runs)d runs of `-std=c++20 -fsyntax-only`: CPU seconds (user + system)
of the compiler process and its peak resident memory. Machine: %(cpu)s, %(cores)d cores, 24 GiB,
%(system)s; %(gv)s; %(cv)s. The machine is shared: differences under about 20%% between runs are
noise. The raw numbers are in `bench/results.json`. A model measured alone includes only its
family's header (`<netshape/zoo/resnet.hpp>` for `resnet50`); the whole zoo includes
`<netshape/zoo.hpp>`.

%(table)s

%(plot)s

## Against the goals (issue 5), from this run

%(goals)s

The floor-relative goals assumed a floor near Boost.Hana's; netshape's headers include only
`<array>`, `<cstddef>`, `<cstdint>`, `<initializer_list>`, `<type_traits>` and `<utility>` and cost
%(floor_share)s of that, which leaves "adds at most 1.0× the floor" a budget of %(budget)s.
The "types only" rows split what is left. Instantiating the zoo's layer and block types and
counting their nodes, before any figure is computed, adds %(zoo_types)s over the zoo header:
already more than the whole budget. Computing every figure from them adds %(zoo_figures)s more.
For the 4,000-layer chain the types add %(chain_types)s over the floor and the figures
%(chain_figures)s. docs/design.md lists what was measured and changed to get here.

## Constants in the binary

`bench/print_time.cpp` prints resnet152's summary 500 times. The records it walks are one object
the compiler initialised, `netshape::detail::analysis<...>::full`: `objdump -t` finds it in a
read-only section (`.data.rel.ro` holds read-only data with pointers, here the layers' names). No
code in the program computes a figure; printing formats numbers and pads columns.

## Keeping it

CTest `perf.compile_time` (label `perf`, run serially) fails when the 4,000-layer chain or the
whole-zoo file takes more than twice the CPU seconds recorded in `bench/baseline.json` for that
compiler; `bench/perf_check.py --compiler g++ --record` records it again on this machine class.
""" % {"runs": r["runs"], "cpu": r["machine"]["cpu"], "cores": r["machine"]["cores"], "system": r["machine"]["system"],
       "gv": g["version"], "cv": c["version"], "table": markdown(r),
       "plot": "![compile time against layer count](%s)" % plot if plot else "", "goals": goal_table,
       "floor_share": " and ".join("%.0f%% (%s)" % (100 * x["floor"]["cpu_s"] / x["hana"]["cpu_s"], n)
                                   for n, x in (("g++", g), ("clang++", c)) if x.get("hana")) or "n/a",
       "budget": " and ".join("%.2f s (%s)" % (x["floor"]["cpu_s"], n) for n, x in (("g++", g), ("clang++", c))),
       "zoo_types": split(lambda x: x["zoo_types"]["cpu_s"] - x["zoo_header"]["cpu_s"]),
       "zoo_figures": split(lambda x: x["zoo_all"]["cpu_s"] - x["zoo_types"]["cpu_s"]),
       "chain_types": split(lambda x: x["chain_4000_types"]["cpu_s"] - x["floor"]["cpu_s"]),
       "chain_figures": split(lambda x: x["chains"]["4000"]["cpu_s"] - x["chain_4000_types"]["cpu_s"])}


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
        print("compile_bench: %s" % e, file=sys.stderr)
        sys.exit(1)
