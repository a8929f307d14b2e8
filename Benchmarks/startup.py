#!/usr/bin/env python3
"""Start-up benchmark: wall time of `headroom -e '1+1'` and of a whole example, beside
python3 and lua5.4 when present. Target (issue #2): under 15 ms for `-e '1+1'`."""
import shutil
import statistics
import subprocess
import sys
import time


def measure(cmd, runs=60):
    for _ in range(5):  # warm the page cache
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


def main():
    headroom = sys.argv[1] if len(sys.argv) > 1 else ".build/release/headroom"
    cases = [
        ("headroom -e '1+1'", [headroom, "-e", "1+1"]),
        ("headroom examples/basics.plan", [headroom, "examples/basics.plan"]),
        ("headroom examples/anton.plan", [headroom, "examples/anton.plan"]),
        # The interpreter itself (not a PATH shim) without site packages, as peers.py runs it.
        ("python3 -S -c '1+1'", [sys.executable, "-S", "-c", "1+1"]),
    ]
    if shutil.which("lua5.4"):
        cases.append(("lua5.4 -e 'print(1+1)'", ["lua5.4", "-e", "print(1+1)"]))
    print(f"{'command':40} {'median':>8} {'min':>8} {'max':>8}  (ms, {60} runs)")
    for name, cmd in cases:
        med, lo, hi = measure(cmd)
        print(f"{name:40} {med:8.1f} {lo:8.1f} {hi:8.1f}")


if __name__ == "__main__":
    main()
