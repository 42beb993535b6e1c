#!/usr/bin/env python3
"""The conventions every Python script of tools/, bench/ and tests/ follows (tests/scripts.cmake):

  * a script starts with `#!/usr/bin/env python3` and is executable; a module it imports has
    neither a shebang nor a __main__ block, and is not executable;
  * `--help` exits 0 with a usage text while torch, torchvision, onnx and numpy cannot be imported
    (a PYTHONPATH directory holds stubs that raise ImportError): they are imported after argument
    parsing;
  * an unknown option exits 2 (usage);
  * given valid arguments but no torch / onnx, a script that needs them exits 77 (skipped).
Every script must be listed in NEEDS or in STANDALONE below, so that a new one cannot escape.
Exit status: 0 all hold, 1 one does not, 2 usage.
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHEBANG = "#!/usr/bin/env python3"
STUBBED = ["torch", "torchvision", "onnx", "numpy"]

# Scripts that need an optional package, with valid arguments ({tmp}: a scratch directory).
NEEDS = {
    "tools/onnx2netshape": ["{tmp}/model.onnx"],
    "tools/onnx_roundtrip.py": ["resnet18", "train", "--work", "{tmp}", "--compiler", "c++", "--include", "include"],
    "tools/pytorch_kind_reference.py": ["--out", "{tmp}/kinds.hpp"],
    "tools/pytorch_layer_reference.py": ["--out", "{tmp}/grid.hpp"],
    "tools/vit_reference.py": ["--out", "{tmp}/vit.hpp"],
    "tools/unet_reference.py": ["--out", "{tmp}/unet.hpp"],
    "tools/m5_reference.py": ["--out", "{tmp}/m5.hpp"],
    "tools/pytorch_volume_reference.py": ["--out", "{tmp}/volumes.hpp"],
    "tools/pytorch_multiscale_reference.py": ["--out", "{tmp}/multiscale.hpp"],
    "tools/field_reference.py": ["--out", "{tmp}/field.hpp"],
    "tools/shared_reference.py": ["--out", "{tmp}/shared.hpp"],
    "tools/outside_reference.py": ["--out", "{tmp}/outside.hpp"],
    "tools/random_networks.py": ["--seed", "1", "--count", "1", "--out", "{tmp}"],
    "tools/torchvision_reference.py": ["--out", "{tmp}"],
    "tools/torch_bridge_reference.py": ["--out", "{tmp}"],
    "tests/differential/run.py": ["--compiler", "c++", "--include", "include", "--generator",
                                  "tools/random_networks.py", "--work", "{tmp}"],
    "tests/scripts/check_pytorch_macs.py": [],
    "tests/onnx/operator_table.py": [],
    "tests/onnx/pool_exactness.py": [],
    "tests/onnx/torch_export.py": ["--work", "{tmp}"],
    "tests/onnx/large_file.py": ["--work", "{tmp}", "--compiler", "c++", "--include", "include"],
    "tools/onnx_wild.py": ["node", "--work", "{tmp}", "--compiler", "c++", "--include", "include"],
    "tests/onnx/run_case.py": ["tests/onnx/case_structure.py", "--work", "{tmp}", "--compiler", "c++",
                               "--include", "include"],
}
# Scripts that need nothing beyond the standard library.
STANDALONE = {"tools/extract_snippets.py", "tools/make_single_header.py", "tests/html/check_page.py",
              "bench/compile_bench.py", "bench/perf_check.py", "bench/print_cost.py", "bench/arena_table.py", "bench/arena_cost.py",
              "bench/bridges_cost.py",
              "tests/scripts/check_scripts.py"}


def python_files():
    files = glob.glob(os.path.join(ROOT, "tools", "*")) + glob.glob(os.path.join(ROOT, "bench", "*.py"))
    files += glob.glob(os.path.join(ROOT, "tests", "**", "*.py"), recursive=True)
    for path in sorted(files):
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if path.endswith(".py") or text.startswith("#!"):
            yield os.path.relpath(path, ROOT), text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.parse_args()
    problems, scripts = [], []
    for rel, text in python_files():
        first = text.split("\n", 1)[0]
        executable = os.access(os.path.join(ROOT, rel), os.X_OK)
        if first.startswith("#!"):
            if first != SHEBANG:
                problems.append(f"{rel}: shebang '{first}', expected '{SHEBANG}'")
            if not executable:
                problems.append(f"{rel}: a script, but not executable")
            if rel not in NEEDS and rel not in STANDALONE:
                problems.append(f"{rel}: a script listed neither in NEEDS nor in STANDALONE of {__file__}")
            scripts.append(rel)
        elif executable or "__main__" in text:
            problems.append(f"{rel}: executable or with a __main__ block, but no '{SHEBANG}'")
    for rel in sorted(set(NEEDS) | STANDALONE):
        if rel not in scripts:
            problems.append(f"{rel}: listed here, but not a script of the tree")

    with tempfile.TemporaryDirectory() as stubs, tempfile.TemporaryDirectory() as tmp:
        for name in STUBBED:
            with open(os.path.join(stubs, name + ".py"), "w") as f:
                f.write(f"raise ImportError('{name} is hidden by tests/scripts/check_scripts.py')\n")
        env = dict(os.environ, PYTHONPATH=stubs, PYTHONDONTWRITEBYTECODE="1")
        probe = subprocess.run([sys.executable, "-c", "import torch"], env=env, capture_output=True, text=True)
        if probe.returncode == 0:
            problems.append("the stubs do not hide torch: this check would prove nothing")

        def run(rel, argv):
            return subprocess.run([sys.executable, os.path.join(ROOT, rel)] + argv, env=env, cwd=ROOT,
                                  capture_output=True, text=True, timeout=120)

        for rel in scripts:
            r = run(rel, ["--help"])
            if r.returncode != 0 or not r.stdout.startswith("usage:") or r.stderr:
                problems.append(f"{rel} --help without torch/onnx: status {r.returncode}, stderr {r.stderr[-300:]!r}")
            r = run(rel, ["--no-such-option"])
            if r.returncode != 2 or "Traceback" in r.stderr:
                problems.append(f"{rel} --no-such-option: status {r.returncode}, expected 2 (usage)")
            if rel in NEEDS:
                argv = [a.replace("{tmp}", tmp) for a in NEEDS[rel]]
                r = run(rel, argv)
                if r.returncode != 77 or "Traceback" in r.stderr:
                    problems.append(f"{rel} without torch/onnx: status {r.returncode}, expected 77 (skipped); "
                                    f"stderr {r.stderr[-300:]!r}")
            print(f"checked {rel}")
    for p in problems:
        print("FAILED: " + p)
    print(f"{len(scripts)} scripts, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
