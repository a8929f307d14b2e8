#!/usr/bin/env python3
"""Writes examples/usage.csv: 60 days of Ceph usage (GiB) for the docs and examples.

Deterministic: a trend of about 1.6 GiB a day from 80 GiB, a weekly rhythm, and noise
from a fixed seed. Re-run after changing it, and re-record the golden files.
"""
import math
import random

random.seed(7)
lines = ["time,used,objects"]
for day in range(60):
    t = f"2026-09-{day + 1:02d}" if day < 30 else f"2026-10-{day - 29:02d}"
    used = 80 + 1.6 * day + 2.0 * math.sin(day * 2 * math.pi / 7) + random.gauss(0, 0.8)
    objects = 40000 + 650 * day + random.randint(-300, 300)
    lines.append(f"{t}T00:00:00Z,{used:.2f},{objects}")
open("examples/usage.csv", "w").write("\n".join(lines) + "\n")
