"""What every netshape script shares (standard library only, safe to import before argument parsing):

  * the exit status convention: 0 ok, 1 failure, 2 usage (argparse's own), 77 skipped because an
    optional dependency (torch, torchvision, onnx) is missing, which CTest reports as skipped
    through SKIP_RETURN_CODE 77;
  * the compiler flags, read from cmake/warnings.txt, the one file CMakeLists.txt reads too;
  * lazy imports of the optional dependencies, after the arguments are parsed, so that --help never
    needs them.
"""
import importlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WARNINGS_FILE = os.path.join(ROOT, "cmake", "warnings.txt")
OK, FAILED, USAGE, SKIPPED = 0, 1, 2, 77


def warning_flags():
    """The warning flags of cmake/warnings.txt, in order."""
    with open(WARNINGS_FILE, encoding="utf-8") as f:
        flags = [line.strip() for line in f]
    return [flag for flag in flags if flag.startswith("-")]


def cxx_flags():
    """The language standard and the warning flags every compile of netshape code uses."""
    return ["-std=c++20"] + warning_flags()


def require(*modules, what=None):
    """Imports the named modules and returns them; if one is missing, prints a SKIPPED line naming
    the interpreter and the Debian package and exits with SKIPPED (77)."""
    loaded = []
    for name in modules:
        try:
            loaded.append(importlib.import_module(name))
        except ImportError as e:
            packages = what or " ".join("python3-" + m.split(".")[0] for m in modules)
            print(f"SKIPPED: {sys.executable} cannot import {name} ({e}); needs {packages}", file=sys.stderr)
            sys.exit(SKIPPED)
    return loaded[0] if len(loaded) == 1 else loaded


def quiet_batch_counter_warnings():
    """torch.onnx.export of a module in training mode warns once per batch norm that it drops the
    increment of the norm's batch counter (`num_batches_tracked`, which no output reads): forty
    lines for a ResNet. Only that warning is silenced; any other still prints."""
    import warnings
    warnings.filterwarnings("ignore", category=UserWarning,
                            message=r"ONNX Preprocess - Removing mutation from node aten::add_ on block input: "
                                    r"'[\w.]*num_batches_tracked'")
