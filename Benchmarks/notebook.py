#!/usr/bin/env python3
"""Notebook rendering benchmark: the Anton plan run plainly, as a notebook (Markdown + SVG
charts) and as HTML; the difference is what rendering costs. Target (the notebooks issue):
each under 150 ms beyond the plan's own run."""
import os
import statistics
import subprocess
import sys
import tempfile
import time


def measure(cmd, cwd, runs=20):
    for _ in range(3):
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    headroom = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/headroom")
    examples = os.path.abspath("examples")
    with tempfile.TemporaryDirectory() as out:
        plain = measure([headroom, "anton.plan"], examples)
        md = measure([headroom, "run", "anton.plan", "--notebook", os.path.join(out, "anton.md")], examples)
        html = measure([headroom, "run", "anton.plan", "--html", os.path.join(out, "anton.html")], examples)
        check = measure([headroom, "check", "anton.md"], examples)
    print(f"{'anton.plan':40} {'median ms':>10} {'beyond the plan':>16}  (20 runs)")
    for name, t in [("run (plain)", plain), ("--notebook (Markdown + 7 SVG)", md), ("--html", html),
                    ("check anton.md", check)]:
        print(f"{name:40} {t:10.1f} {t - plain:16.1f}")


if __name__ == "__main__":
    main()
