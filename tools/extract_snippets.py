#!/usr/bin/env python3
"""Compile every C++ block of Markdown files, so that the docs cannot drift from the library.

Each fenced block tagged cpp (or c++, cxx, cc, hpp) is written to its own source file, preceded by
a #line directive so that diagnostics point at the Markdown file, and compiled with the given
compiler, -std=c++20 and the warning flags of cmake/warnings.txt (the build's own):

  - a block with a main() is built and run; it must exit with 0;
  - a block without main() is compiled with -fsyntax-only (its static_asserts still fire);
  - a block containing the line `// doc: fragment` is compiled after a prelude
        #include <netshape/netshape.hpp>
        namespace ns = netshape;
    (and is then built and run if it has a main(), checked with -fsyntax-only otherwise);
  - a block containing `// doc: fails-with <text>` must fail to compile, and the compiler's output
    must contain <text> (for the error guide: the failure shown is the failure produced).
Any other `// doc:` line is an error, so that a typo cannot silently opt a block out.

Usage:
  extract_snippets.py --compiler g++ -I include [--flag=-isystem/x] [--work DIR] FILE.md...
  extract_snippets.py --compiler g++ -I include --self-test
Standard library only. Exit status: 0 every block as documented, 1 a block failed, 2 usage.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netshape_script import cxx_flags  # noqa: E402

CPP_TAGS = {"cpp", "c++", "cxx", "cc", "hpp", "h++"}
PRELUDE = "#include <netshape/netshape.hpp>\nnamespace ns = netshape;\n"
MARKER = re.compile(r"^\s*//\s*doc:\s*(\S+)\s*(.*?)\s*$")
MAIN = re.compile(r"\bint\s+main\s*\(")
OPEN_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)[^`]*$")
RUN_TIMEOUT = 60


class Block:
    def __init__(self, path, line, tag, text):
        self.path = path      # the Markdown file, as displayed
        self.line = line      # line number of the block's first code line (1-based)
        self.tag = tag
        self.text = text
        self.fragment = False
        self.fails_with = None
        self.problem = None   # a malformed block fails without being compiled
        for source_line in text.splitlines():
            m = MARKER.match(source_line)
            if not m:
                continue
            kind, argument = m.group(1), m.group(2)
            if kind == "fragment" and not argument:
                self.fragment = True
            elif kind == "fails-with" and argument:
                self.fails_with = argument
            else:
                self.problem = "unknown marker '%s' (known: '// doc: fragment', " \
                               "'// doc: fails-with <text>')" % source_line.strip()

    @property
    def has_main(self):
        return MAIN.search(self.text) is not None


def extract(path, display):
    """The C++ blocks of one Markdown file (CommonMark fences: ``` or ~~~, indented up to 3)."""
    blocks = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        m = OPEN_FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, tag = len(m.group(1)), m.group(2), m.group(3).lower()
        close = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{%d,}\\s*$" % len(fence))
        start = i + 1
        j = start
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        if j == len(lines):
            raise SystemExit("%s:%d: unterminated code fence" % (display, i + 1))
        if tag in CPP_TAGS:
            body = []
            for text in lines[start:j]:
                # CommonMark: drop up to the opening fence's indentation from each line.
                strip = min(indent, len(text) - len(text.lstrip(" ")))
                body.append(text[strip:])
            blocks.append(Block(display, start + 1, tag, "\n".join(body) + "\n"))
        i = j + 1
    return blocks


def compile_block(block, args, work):
    """Returns (ok, what happened, output)."""
    if block.problem:
        return False, block.problem, ""
    stem = re.sub(r"[^A-Za-z0-9]+", "_", block.path).strip("_") + "_%d" % block.line
    source = os.path.join(work, stem + ".cpp")
    with open(source, "w", encoding="utf-8") as f:
        if block.fragment:
            f.write(PRELUDE)
        # Diagnostics name the Markdown file and its line, not the scratch file.
        f.write('#line %d "%s"\n' % (block.line, block.path))
        f.write(block.text)
    command = [args.compiler] + cxx_flags() + ["-I" + d for d in args.include] + args.flag
    build = block.has_main and not block.fails_with
    if build:
        exe = os.path.join(work, stem)
        command += [source, "-o", exe]
    else:
        command += ["-fsyntax-only", source]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if block.fails_with:
        if result.returncode == 0:
            return False, "compiled, but is marked to fail with '%s'" % block.fails_with, ""
        if block.fails_with not in result.stdout:
            return False, "failed to compile, but without '%s'" % block.fails_with, result.stdout
        return True, "fails to compile as documented", ""
    if result.returncode != 0:
        return False, "does not compile", result.stdout
    if not build:
        return True, "compiles (-fsyntax-only%s)" % (", fragment" if block.fragment else ""), ""
    try:
        run = subprocess.run([exe], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             cwd=work, timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        return False, "built, but did not finish in %d s" % RUN_TIMEOUT, ""
    if run.returncode != 0:
        return False, "built, but exited with %d" % run.returncode, run.stdout
    return True, "built and ran", ""


def check_files(files, args, work, quiet=False):
    """Compiles every block of every file; returns (blocks seen, failures)."""
    seen, failures = 0, 0
    for path in files:
        display = os.path.relpath(path, args.root) if args.root else path
        blocks = extract(path, display)
        if not quiet and not blocks:
            print("%s: no C++ blocks" % display)
        for block in blocks:
            seen += 1
            ok, what, output = compile_block(block, args, work)
            if not quiet or not ok:
                print("%s:%d: %s%s" % (block.path, block.line, "" if ok else "FAILED: ", what))
            if not ok:
                failures += 1
                if output and not quiet:
                    print(output.rstrip())
    return seen, failures


# --- self-test: the checker must reject what it exists to reject ------------------------------

GOOD = '''# accepted
```cpp
static_assert(2 + 2 == 4);
```
```c++
int main() { return 0; }
```
~~~cpp
// doc: fragment
static_assert(ns::shape{1, 2, 3} == ns::shape{1, 2, 3});
~~~
- in a list:
  ```cpp
  constexpr int answer = 42;
  static_assert(answer == 42);
  ```
```cpp
// doc: fails-with arithmetic is broken
static_assert(1 + 1 == 3, "arithmetic is broken");
```
```sh
this is not C++ and is not compiled
```
'''
GOOD_BLOCKS = 5

BAD = {
    "compile error": "```cpp\nint f() { return undeclared; }\n```\n",
    "warning (-Werror)": "```cpp\nint main() { int unused = 0; return 0; }\n```\n",
    "non-zero exit": "```cpp\nint main() { return 3; }\n```\n",
    "fails-with that compiles": "```cpp\n// doc: fails-with anything\nint x;\n```\n",
    "fails-with, other message": '```cpp\n// doc: fails-with expected\nstatic_assert(false, "other");\n```\n',
    "unknown marker": "```cpp\n// doc: skip\nint f() { return undeclared; }\n```\n",
    "fragment without the prelude's help": "```cpp\nstatic_assert(ns::shape{1, 1, 1} == ns::shape{1, 1, 1});\n```\n",
    "statement without main": "```cpp\nreturn 0;\n```\n",
}


def self_test(args):
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        good = os.path.join(tmp, "good.md")
        with open(good, "w") as f:
            f.write(GOOD)
        seen, failed = check_files([good], args, tmp)
        if seen != GOOD_BLOCKS or failed:
            failures.append("good.md: %d blocks (expected %d), %d failed (expected 0)"
                            % (seen, GOOD_BLOCKS, failed))
        for name, text in BAD.items():
            path = os.path.join(tmp, "bad.md")
            with open(path, "w") as f:
                f.write(text)
            seen, failed = check_files([path], args, tmp, quiet=True)
            if seen != 1 or failed != 1:
                failures.append("%s: accepted (%d blocks, %d failed)" % (name, seen, failed))
            else:
                print("rejected as it must be: %s" % name)
        path = os.path.join(tmp, "open.md")
        with open(path, "w") as f:
            f.write("```cpp\nint x;\n")
        try:
            extract(path, "open.md")
            failures.append("unterminated fence: accepted")
        except SystemExit:
            print("rejected as it must be: unterminated fence")
    for failure in failures:
        print("SELF-TEST FAILED: " + failure)
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", help="Markdown files")
    parser.add_argument("--compiler", required=True)
    parser.add_argument("-I", "--include", action="append", default=[], help="include directory")
    parser.add_argument("--flag", action="append", default=[], help="extra compiler flag")
    parser.add_argument("--work", help="scratch directory (default: a temporary one)")
    parser.add_argument("--root", help="show Markdown paths relative to this directory")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test(args)
    if not args.files:
        parser.error("no Markdown files given")
    if args.work:
        os.makedirs(args.work, exist_ok=True)
        seen, failed = check_files(args.files, args, args.work)
    else:
        with tempfile.TemporaryDirectory() as work:
            seen, failed = check_files(args.files, args, work)
    print("%d C++ block(s), %d failed" % (seen, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
