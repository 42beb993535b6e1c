#!/usr/bin/env python3
"""Builds bench/arena_table.cpp (g++ -O1, the project's warnings) and writes its table into
docs/arena.md, between the lines '<!-- arena table -->' and '<!-- end arena table -->', and the
picture docs/arena_mobilenet_v2.svg.
Python standard library only. Exit status: 0 written, 1 failure, 2 usage."""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from netshape_script import ROOT, cxx_flags  # noqa: E402

BEGIN, END = "<!-- arena table -->", "<!-- end arena table -->"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--compiler", default=os.environ.get("CXX", "g++"), help="the C++ compiler (default: $CXX or g++)")
    args = parser.parse_args()
    doc = os.path.join(ROOT, "docs", "arena.md")
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "arena_table")
        cmd = [args.compiler, *cxx_flags(), "-O1", "-I" + os.path.join(ROOT, "include"),
               os.path.join(ROOT, "bench", "arena_table.cpp"), "-o", exe]
        built = subprocess.run(cmd, capture_output=True, text=True)
        if built.returncode != 0:
            sys.stderr.write(built.stderr[:5000])
            return 1
        svg = os.path.join(ROOT, "docs", "arena_mobilenet_v2.svg")
        table = subprocess.run([exe, svg], capture_output=True, text=True, check=True).stdout
    text = open(doc, encoding="utf-8").read()
    if BEGIN not in text or END not in text:
        sys.stderr.write("docs/arena.md has no arena table markers\n")
        return 1
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(doc, "w", encoding="utf-8") as out:
        out.write(head + BEGIN + "\n" + table + END + tail)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
