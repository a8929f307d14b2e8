#!/usr/bin/env python3
"""Side-by-side benchmark (issue 14): the same workloads in Headroom and in what its users
would otherwise reach for, each a whole process, run alternately round by round so that
both see the same machine. Prints median wall time, peak RSS and the ratio to each peer.

Workloads:
  fib      recursive fib(27)                         python3, lua5.4
  loop     map/filter/sum over 1,000,000 quantities  python3 (plain floats), lua5.4
  ingest   query_range: 100 series x 8,640 samples   python3 json.load + float()
           (28 MB of JSON from a loopback server)
  csv      load 1,000,000 rows + linear forecast     pandas read_csv + numpy polyfit
           365 days ahead

The plain-Python peers run as `python3 -S` (no site packages: the interpreter and its
standard library, all they use). A machine's site can cost more at start-up than CPython
itself (this one's global site-packages runs a sandbox's .pth file worth 27 ms), which
would flatter Headroom; without it CPython starts in about 8 ms.

Usage: peers.py HEADROOM [--python PYTHON_WITH_PANDAS] [--rounds N]
lua5.4 is used when on PATH (Debian: apt-get install lua5.4); pandas and numpy when the
given Python has them (`make bench` installs them into .build/bench-venv)."""
import argparse
import http.server
import json
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

FIB_PLAN = "fn fib(n) = if n < 2 then n else fib(n - 1) + fib(n - 2)\nfib(27)\n"
FIB_PY = "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(27))\n"
FIB_LUA = "local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end\nprint(fib(27))\n"

LOOP_PLAN = """xs = range(1, 1000001)
ys = map(xs, x => x * 2 GB)
big = filter(ys, y => y > 1 TB)
sum(big)
"""
LOOP_PY = """xs = range(1, 1000001)
ys = list(map(lambda x: x * 2e9, xs))
big = list(filter(lambda y: y > 1e12, ys))
print(sum(big))
"""
LOOP_LUA = """local ys = {}
for x = 1, 1000000 do ys[#ys + 1] = (function(v) return v * 2e9 end)(x) end
local big = {}
for _, y in ipairs(ys) do if (function(v) return v > 1e12 end)(y) then big[#big + 1] = y end end
local s = 0
for _, y in ipairs(big) do s = s + y end
print(s)
"""

INGEST_PY = """import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/api/v1/query_range?query=x") as r:
    d = json.load(r)
series = [([float(t) for t, _ in s["values"]], [float(v) for _, v in s["values"]]) for s in d["data"]["result"]]
print(len(series))
"""

CSV_PY = """import sys
import numpy as np
import pandas as pd
df = pd.read_csv(sys.argv[1])
t = df["time"].to_numpy(dtype=float)
v = df["used"].to_numpy(dtype=float)
a, b = np.polyfit(t, v, 1)
print(np.polyval([a, b], t[-1] + 365 * 86400))
"""


def write(path, text):
    with open(path, "w") as f:
        f.write(text)
    return path


def range_answer(path):
    """100 series x 8,640 one-minute samples (6 days), as Prometheus writes a matrix."""
    rng = random.Random(7)
    start = 1_764_460_800
    result = []
    for s in range(100):
        v = 1e11 * (1 + s)
        values = []
        for i in range(8640):
            v += rng.gauss(1e5, 1e6)
            values.append([start + 60 * i, repr(round(v, 3))])
        metric = {"__name__": "node_filesystem_avail_bytes", "instance": f"node{s:03d}:9100", "job": "node"}
        result.append({"metric": metric, "values": values})
    body = json.dumps({"status": "success", "data": {"resultType": "matrix", "result": result}}, separators=(",", ":"))
    write(path, body)
    return len(body)


def usage_csv(path, rows=1_000_000):
    rng = random.Random(1)
    start = 1_735_689_600
    with open(path, "w") as f:
        f.write("time,used\n")
        for i in range(rows):
            f.write(f"{start + 60 * i},{120e9 + 1.9e4 * 60 * i + rng.gauss(0, 5e8):.0f}\n")
    return os.path.getsize(path)


SERVER = """import http.server, sys
body = open(sys.argv[1], "rb").read()

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
"""


def serve(directory):
    """A loopback server answering every request with range.json, in its own process."""
    p = subprocess.Popen(
        [sys.executable, write(os.path.join(directory, "server.py"), SERVER), os.path.join(directory, "range.json")],
        stdout=subprocess.PIPE)
    return p, f"http://127.0.0.1:{int(p.stdout.readline())}"


TIME = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)


def run_once(cmd, cwd):
    """Wall time and peak RSS of one run. The peak comes from GNU time (Debian's `time`)
    when present: a process's peak counts the memory of whoever forked it, and this
    script is bigger than lua. Without it, peaks under this script's size read as its size."""
    with tempfile.NamedTemporaryFile() as rss:
        wrapped = [TIME, "-f", "%M", "-o", rss.name] + cmd if TIME else cmd
        start = time.perf_counter()
        p = subprocess.Popen(wrapped, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out, _ = p.communicate()
        wall = time.perf_counter() - start
        if p.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{out.decode()}")
        if TIME:
            return wall, int(open(rss.name).read().split()[-1]) / 1024
        return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def has_modules(python, *modules):
    code = "import " + ", ".join(modules)
    return subprocess.run([python, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--generate":
        d = sys.argv[2]
        print(range_answer(os.path.join(d, "range.json")), usage_csv(os.path.join(d, "usage.csv")))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("headroom", nargs="?", default=".build/release/headroom")
    ap.add_argument("--python", default=sys.executable, help="a Python with pandas and numpy, for the csv peer")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    headroom = os.path.abspath(args.headroom)
    lua = shutil.which("lua5.4")
    python = os.path.abspath(args.python) if os.sep in args.python else args.python

    with tempfile.TemporaryDirectory() as d:
        # Made in a child, so that this process stays small: a child it starts begins with its size.
        sizes = subprocess.run([sys.executable, __file__, "--generate", d], capture_output=True, text=True, check=True)
        size, csv_size = map(int, sizes.stdout.split())
        server, url = serve(d)
        ingest_plan = (
            f'connect("{url}")\n'
            "t = query_range('node_filesystem_avail_bytes', last: 6 days, step: 1 min)\nlen(t)\n"
        )
        csv_plan = 's = load("usage.csv", unit: B)\nlast(project(s, 365 days, step: 1 day))\n'
        workloads = [
            ("fib(27)", [
                ("headroom", [headroom, write(os.path.join(d, "fib.plan"), FIB_PLAN)]),
                ("python3", [sys.executable, "-S", write(os.path.join(d, "fib.py"), FIB_PY)]),
            ] + ([("lua5.4", [lua, write(os.path.join(d, "fib.lua"), FIB_LUA)])] if lua else [])),
            ("map/filter/sum, 1M", [
                ("headroom", [headroom, write(os.path.join(d, "loop.plan"), LOOP_PLAN)]),
                ("python3", [sys.executable, "-S", write(os.path.join(d, "loop.py"), LOOP_PY)]),
            ] + ([("lua5.4", [lua, write(os.path.join(d, "loop.lua"), LOOP_LUA)])] if lua else [])),
            (f"query_range {size / 1e6:.0f} MB", [
                ("headroom", [headroom, write(os.path.join(d, "ingest.plan"), ingest_plan)]),
                ("python3 json", [sys.executable, "-S", write(os.path.join(d, "ingest.py"), INGEST_PY), url]),
            ]),
            (f"CSV 1M rows ({csv_size / 1e6:.0f} MB) + project", [
                ("headroom", [headroom, write(os.path.join(d, "csv.plan"), csv_plan)]),
            ] + ([("pandas+numpy", [python, write(os.path.join(d, "read_usage.py"), CSV_PY), "usage.csv"])]
                 if has_modules(python, "pandas", "numpy") else [])),
        ]
        print(f"{'workload':34} {'program':14} {'median s':>9} {'peak MiB':>9} {'headroom / it':>14}")
        for name, programs in workloads:
            walls = {p: [] for p, _ in programs}
            peaks = {p: 0.0 for p, _ in programs}
            for p, cmd in programs:  # warm the page cache
                run_once(cmd, d)
            for _ in range(args.rounds):
                for p, cmd in programs:
                    wall, mib = run_once(cmd, d)
                    walls[p].append(wall)
                    peaks[p] = max(peaks[p], mib)
            ours = statistics.median(walls["headroom"])
            for p, _ in programs:
                med = statistics.median(walls[p])
                ratio = "" if p == "headroom" else f"{ours / med:13.2f}x"
                print(f"{name:34} {p:14} {med:9.3f} {peaks[p]:9.0f} {ratio:>14}")
                name = ""
        missing = [m for m, ok in [("lua5.4", lua), ("pandas/numpy", has_modules(python, "pandas", "numpy"))] if not ok]
        if missing:
            print(f"(not run: {', '.join(missing)} not installed)")
        server.kill()
        server.wait()


if __name__ == "__main__":
    main()
