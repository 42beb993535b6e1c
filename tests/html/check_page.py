#!/usr/bin/env python3
"""Loads netshape's HTML summaries in headless Chromium (Debian's `chromium`) and checks them.

For each page that `goldens --print NAME` writes (tests/golden/goldens.cpp): it loads without a
console message (an error, an uncaught exception, a log), its DOM holds the layers table with one
row per line of the text table and the totals and the inline SVG graph, and its screenshot is a
PNG whose top part shows dark pixels (the table's text) on the white page; opened as
"page.html#folded" (every block folded by the page's script), exactly the rows inside blocks are
hidden. First, a self-test: a
page with a console error and a blank page must both be refused, so that the checks can fail.

Usage: check_page.py --goldens PATH --work DIR [--chromium PATH] [NAME ...]
Exit status: 0 pages as described, 1 one is not, 2 usage, 77 no Chromium (skipped).
"""

import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib

PAGES = ["inception", "sided", "hostile"]


def chromium_args(chromium, extra, url):
    return [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--enable-logging=stderr", "--v=0"] + extra + [url]


def console_lines(stderr):
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def png_pixels(path):
    """(width, height, rows of RGB(A) bytes) of an 8-bit RGB or RGBA PNG, unfiltered."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            if depth != 8 or color not in (2, 6):
                raise ValueError("not 8-bit RGB or RGBA")
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(line)
        prev = line
    return width, height, channels, rows


def dark_pixels(path, top):
    width, height, channels, rows = png_pixels(path)
    count = 0
    for line in rows[:min(top, height)]:
        for x in range(0, width * channels, channels):
            if line[x] + line[x + 1] + line[x + 2] < 3 * 100:
                count += 1
    return count


def check(chromium, path, expect_rows, work):
    """Problems with the page at path (an empty list when it is as described)."""
    problems = []
    url = "file://" + os.path.abspath(path)
    shot = os.path.join(work, os.path.basename(path) + ".png")
    run = subprocess.run(chromium_args(chromium, ["--screenshot=" + shot, "--window-size=1200,800"], url),
                         capture_output=True, text=True, timeout=120)
    problems += ["console: " + line for line in console_lines(run.stderr)]
    if not os.path.exists(shot) or os.path.getsize(shot) == 0:
        return problems + ["no screenshot"]
    if dark_pixels(shot, 400) < 500:
        problems.append("the screenshot's top shows no table (%d dark pixels)" % dark_pixels(shot, 400))
    if expect_rows is not None:
        dom = subprocess.run(chromium_args(chromium, ["--dump-dom"], url), capture_output=True, text=True, timeout=120).stdout
        layers = re.search(r'<table class="layers">(.*?)</table>', dom, re.S)
        rows = len(re.findall(r"<tr[ >]", layers.group(1))) - 1 if layers else -1  # less the header's
        if rows != expect_rows:
            problems.append("the layers table has %d rows, the text table %d" % (rows, expect_rows))
        if '<table class="totals">' not in dom or "<svg" not in dom:
            problems.append("no totals table or no graph in the DOM")
        # Folded (the script folds every block for "#folded"): only the rows outside every block show.
        folded = subprocess.run(chromium_args(chromium, ["--dump-dom"], url + "#folded"), capture_output=True, text=True,
                                timeout=120).stdout
        rows = re.findall(r"<tr( [^>]*)?>", folded.split('<table class="totals">')[0])
        hidden = sum(1 for attrs in rows if attrs and " hidden" in attrs)
        nested = sum(1 for attrs in rows if attrs and "data-parents=" in attrs)
        if nested == 0 or hidden != nested:
            problems.append("folded: %d rows hidden, %d inside blocks" % (hidden, nested))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goldens", required=True, help="the goldens program (tests/golden/goldens.cpp)")
    parser.add_argument("--work", required=True, help="a directory for the pages and screenshots")
    parser.add_argument("--chromium", default=None, help="the browser (default: chromium on the PATH)")
    parser.add_argument("pages", nargs="*", default=PAGES, help="golden networks whose .html to load")
    args = parser.parse_args()
    chromium = args.chromium or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("check_page: no chromium; skipped (Debian: apt-get install chromium)")
        return 77
    os.makedirs(args.work, exist_ok=True)

    # Self-test: an error on the console and a blank page are refused.
    bad = os.path.join(args.work, "self_test_error.html")
    with open(bad, "w") as f:
        f.write("<!DOCTYPE html><html><body><table class=\"layers\"><tr><td>x</td></tr></table>"
                "<script>undefined_function();</script></body></html>")
    blank = os.path.join(args.work, "self_test_blank.html")
    with open(blank, "w") as f:
        f.write("<!DOCTYPE html><html><body></body></html>")
    if not any(p.startswith("console") for p in check(chromium, bad, None, args.work)) or not check(chromium, blank, None, args.work):
        print("check_page: the self-test pages were not refused: these checks would prove nothing")
        return 1

    failed = False
    for name in args.pages:
        page = os.path.join(args.work, name + ".html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(subprocess.run([args.goldens, "--print", name + ".html"], capture_output=True, text=True, check=True).stdout)
        text = subprocess.run([args.goldens, "--print", name + ".txt"], capture_output=True, text=True, check=True).stdout
        table = text.split("\n\n")[0].splitlines()[2:]  # the layer rows, below the header and its rule
        problems = check(chromium, page, len(table), args.work)
        for p in problems:
            print("%s.html: %s" % (name, p))
        failed = failed or bool(problems)
        if not problems:
            print("%s.html: loads without console messages, %d rows, totals and graph, a screenshot showing them" % (name, len(table)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
