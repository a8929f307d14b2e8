#!/usr/bin/env python3
"""Data benchmark: wall time and peak memory of the planning builtins on a large series.

Writes a CSV of a year of one-minute samples (525,600 rows, trend plus a daily cycle plus
noise, fixed seed) to a temporary directory and times, each in a fresh process, loading it,
fitting it, and forecasting it with each method. Each case is run 3 times; the median wall
time and the largest peak RSS are reported."""
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

ROWS = 525_600


def write_csv(path):
    rng = random.Random(42)
    start = 1_735_689_600  # 2025-01-01T00:00:00Z
    with open(path, "w") as f:
        f.write("time,used\n")
        for i in range(ROWS):
            t = start + 60 * i
            day = math.sin(2 * math.pi * (i % 1440) / 1440)
            v = 120e9 + 1.9e4 * 60 * i + 2e9 * day + rng.gauss(0, 5e8)
            f.write(f"{t},{v:.0f}\n")


def run(headroom, plan, directory):
    path = os.path.join(directory, "case.plan")
    with open(path, "w") as f:
        f.write(plan)
    walls, peak = [], 0
    for _ in range(3):
        start = time.perf_counter()
        p = subprocess.Popen([headroom, path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(p.pid, 0)  # this child's own peak RSS
        walls.append(time.perf_counter() - start)
        if status != 0:
            sys.exit(f"failed: {plan!r}\n{p.stderr.read().decode()}")
        p.stderr.close()
        peak = max(peak, usage.ru_maxrss)
    return statistics.median(walls), peak / 1024


def main():
    headroom = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/headroom")
    with tempfile.TemporaryDirectory() as d:
        write_csv(os.path.join(d, "usage.csv"))
        load = 's = load("usage.csv", unit: B)\n'
        cases = [
            ("load 525,600 rows", load + "len(s)\n"),
            ("+ fit", load + "fit(s).slope\n"),
            ("+ project linear, 90 days", load + "last(project(s, 90 days, step: 1 day))\n"),
            ("+ resample 1 h, project holt", load + "h = resample(s, 1 hour, \"mean\")\nlast(project(h, 90 days, method: \"holt\", step: 1 day))\n"),
            ("+ project holt (525,600 points)", load + "last(project(s, 90 days, method: \"holt\", step: 1 day))\n"),
            ("+ project auto (rolling origins)", load + "last(project(s, 90 days, method: \"auto\", step: 1 day))\n"),
        ]
        # A short series: 200 hourly values (the first 200 rows), alone and forecast by auto.
        with open(os.path.join(d, "usage.csv")) as full, open(os.path.join(d, "short.csv"), "w") as short:
            for _, line in zip(range(201), full):
                short.write(line)
        few = 's = load("short.csv", unit: B)\n'
        cases += [
            ("load 200 rows", few + "len(s)\n"),
            ("+ project auto (200 points)", few + "last(project(s, 30 days, method: \"auto\", step: 1 day))\n"),
        ]
        print(f"{'case':40} {'median s':>9} {'peak MiB':>9}  (3 runs each)")
        for name, plan in cases:
            wall, mib = run(headroom, plan, d)
            print(f"{name:40} {wall:9.3f} {mib:9.0f}")


if __name__ == "__main__":
    main()
