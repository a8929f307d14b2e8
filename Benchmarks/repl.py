#!/usr/bin/env python3
"""Prompt latency (issue 14, target: an ordinary entry answered within one frame, 16 ms,
after the first). Opens `headroom -i examples/anton.plan` on a real pseudo-terminal, as a
person would, and times each entry from the Enter key to the next prompt: evaluation,
rendering, libedit's redraw and the terminal round trip. Each entry is typed 7 times; the
first (which may compile or fetch) is reported apart from the median of the others."""
import os
import pty
import select
import statistics
import sys
import time

PROMPT = b"headroom> "
ENTRIES = [
    "64 GiB * 3 -> TiB",
    "anton",
    "now.totals",
    "fit(storage).slope -> GB/day",
    "runway(storage, anton.usable)",
    "map(options, o => o.name)",
    "plan",
    "project(memory, 90 days, method: \"holt\", step: 1 week)",
]


def read_until(fd, marker, timeout=60.0):
    """Reads from the terminal until `marker` has arrived; returns what came."""
    data = b""
    end = time.monotonic() + timeout
    while marker not in data:
        left = end - time.monotonic()
        if left <= 0:
            sys.exit(f"no prompt within {timeout} s; the terminal showed:\n{data[-2000:].decode(errors='replace')}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                sys.exit(f"headroom exited; the terminal showed:\n{data[-2000:].decode(errors='replace')}")
            if not chunk:
                sys.exit("headroom closed the terminal")
            data += chunk
    return data


def main():
    headroom = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/headroom")
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm", COLUMNS="120", LINES="40", HOME=os.environ.get("HOME", "/tmp"))
        env["HEADROOM_HISTORY"] = "off"
        os.execve(headroom, [headroom, "-i", "anton.plan"], env)
    try:
        start = time.perf_counter()
        read_until(fd, PROMPT)
        print(f"opening the prompt with anton.plan run: {(time.perf_counter() - start) * 1000:.0f} ms")
        print(f"{'entry':58} {'first ms':>9} {'median ms':>10} {'max ms':>8}")
        worst = 0.0
        for entry in ENTRIES:
            times = []
            for _ in range(7):
                t0 = time.perf_counter()
                os.write(fd, entry.encode() + b"\r")
                read_until(fd, PROMPT)
                times.append((time.perf_counter() - t0) * 1000)
            rest = times[1:]
            worst = max(worst, statistics.median(rest))
            print(f"{entry:58} {times[0]:9.1f} {statistics.median(rest):10.1f} {max(rest):8.1f}")
        print(f"slowest median after the first: {worst:.1f} ms (one frame at 60 Hz: 16.7 ms)")
        os.write(fd, b":quit\r")
    finally:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


if __name__ == "__main__":
    main()
