#!/usr/bin/env python3
"""Regenerates examples/anton-snapshot.json, the data examples/anton.plan replays.

1. Writes 90 days of history for the Anton homelab as OpenMetrics: what node_exporter
   (with the node-mixin recording rules), kube-state-metrics and Ceph's mgr exporter
   would have stored. Trend, daily cycle and noise, from a fixed seed.
2. Backfills a real Prometheus with promtool and starts it on a free loopback port.
3. Runs `headroom --record examples/anton-snapshot.json examples/anton.plan` against it.

Usage: python3 examples/snapshot/generate_anton.py [path/to/headroom]
Needs Debian's prometheus package (prometheus, promtool). The history ends at END, so
re-running gives the same snapshot.
"""
import math
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

END = 1795910400          # 2026-11-29T00:00:00Z
DAYS = 90
GIB = 1024 ** 3
NODES = ["k8s-1", "k8s-2", "k8s-3"]
random.seed(20261129)


def history():
    out = []

    def family(name, kind, help_text):
        out.append(f"# HELP {name} {help_text}\n# TYPE {name} {kind}\n")

    hours = range(DAYS * 24, -1, -1)
    # CPU: the node-mixin recording rules. Busy share grows from about 30% to 40%.
    family("instance:node_num_cpu:sum", "gauge", "CPUs per node.")
    for n in NODES:
        for h in hours:
            out.append(f'instance:node_num_cpu:sum{{instance="{n}"}} 12 {END - h * 3600}\n')
    family("instance:node_cpu_utilisation:rate5m", "gauge", "Share of CPU time busy.")
    for i, n in enumerate(NODES):
        for h in hours:
            day = (DAYS * 24 - h) / 24
            busy = 0.29 + 0.0012 * day + 0.08 * math.sin(2 * math.pi * (day % 1) - 1.2) + 0.02 * i + random.gauss(0, 0.015)
            out.append(f'instance:node_cpu_utilisation:rate5m{{instance="{n}"}} {max(0.02, min(0.98, busy)):.5f} {END - h * 3600}\n')
    # Memory: 64 GiB per node; used grows from about 96 GiB to 121 GiB in all.
    family("node_memory_MemTotal_bytes", "gauge", "Memory per node.")
    for n in NODES:
        for h in hours:
            out.append(f'node_memory_MemTotal_bytes{{instance="{n}"}} {64 * GIB} {END - h * 3600}\n')
    family("node_memory_MemAvailable_bytes", "gauge", "Memory available.")
    for i, n in enumerate(NODES):
        for h in hours:
            day = (DAYS * 24 - h) / 24
            used = (32 + 0.093 * day + 1.5 * math.sin(2 * math.pi * (day % 1)) + (i - 1) * 2 + random.gauss(0, 0.4)) * GIB
            out.append(f'node_memory_MemAvailable_bytes{{instance="{n}"}} {64 * GIB - used:.0f} {END - h * 3600}\n')
    # Ceph: 6 x 1 TB raw, 3-way replication; stored data grows from about 40 GiB to 116 GiB.
    family("ceph_cluster_total_bytes", "gauge", "Raw capacity.")
    for h in hours:
        out.append(f"ceph_cluster_total_bytes {6e12:.0f} {END - h * 3600}\n")
    family("ceph_cluster_total_used_bytes", "gauge", "Raw bytes used.")
    stored = 40.0
    for h in hours:
        day = (DAYS * 24 - h) / 24
        stored += 0.845 / 24 + random.gauss(0, 0.05)
        weekly = 0.6 * math.sin(2 * math.pi * day / 7)
        out.append(f"ceph_cluster_total_used_bytes {3 * (stored + weekly) * GIB:.0f} {END - h * 3600}\n")
    # The last hour at one minute, for assess(): idle CPU counters and Kubernetes resources.
    family("node_cpu_seconds_total", "counter", "Seconds the CPUs spent in each mode.")
    for i, n in enumerate(NODES):
        idle_share = 0.58 - 0.02 * i
        for cpu in range(12):
            for m in range(60, -1, -1):
                out.append(f'node_cpu_seconds_total{{cpu="{cpu}",instance="{n}",mode="idle"}} {500000 + (60 - m) * 60 * idle_share:.1f} {END - m * 60}\n')
    family("kube_node_status_allocatable", "gauge", "Allocatable resources.")
    for n in NODES:
        for res, v in [("cpu", 11.8), ("memory", 62 * GIB)]:
            for m in range(60, -1, -5):
                out.append(f'kube_node_status_allocatable{{node="{n}",resource="{res}"}} {v:.0f} {END - m * 60}\n' if res == "memory"
                           else f'kube_node_status_allocatable{{node="{n}",resource="{res}"}} {v} {END - m * 60}\n')
    family("kube_pod_container_resource_requests", "gauge", "Requested resources.")
    for i, n in enumerate(NODES):
        for res, v in [("cpu", 6.5 + i), ("memory", (38 + 3 * i) * GIB)]:
            for m in range(60, -1, -5):
                out.append(f'kube_pod_container_resource_requests{{node="{n}",resource="{res}"}} {v:.1f} {END - m * 60}\n')
    # The last day at one minute, for assess()'s network part: 1 GbE links, receive and send
    # with a daytime peak (no random draws, so the series above stay as they were), and
    # loopback traffic that assess must leave out.
    day = 24 * 60
    for direction, scale in [("receive", 1.0), ("transmit", 0.4)]:
        name = f"node_network_{direction}_bytes_total"
        family(name, "counter", f"Bytes {direction}d.")
        for i, n in enumerate(NODES):
            total = 1e12
            for m in range(day, -1, -1):
                t = END - m * 60
                hour = (t % 86400) / 3600
                mbit = scale * (40 + 15 * i) * (1 + 0.8 * max(0.0, math.sin(math.pi * (hour - 7) / 12)))
                total += mbit * 1e6 / 8 * 60
                out.append(f'{name}{{device="enp2s0f0",instance="{n}"}} {total:.0f} {t}\n')
            for m in range(day, -1, -1):
                out.append(f'{name}{{device="lo",instance="{n}"}} {1e12 + (day - m) * 60 * 5e8:.0f} {END - m * 60}\n')
    family("node_network_speed_bytes", "gauge", "Link speed in bytes per second.")
    for n in NODES:
        for m in range(60, -1, -5):
            out.append(f'node_network_speed_bytes{{device="enp2s0f0",instance="{n}"}} 125000000 {END - m * 60}\n')
    out.append("# EOF\n")
    return "".join(out)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    headroom = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/debug/headroom"))
    work = tempfile.mkdtemp(prefix="anton-prom-")
    try:
        om = os.path.join(work, "history.om")
        with open(om, "w") as f:
            f.write(history())
        data = os.path.join(work, "data")
        subprocess.run(["promtool", "tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=2400h", om, data],
                       check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(work, "prometheus.yml"), "w") as f:
            f.write("scrape_configs: []\n")
        port = free_port()
        prom = subprocess.Popen(["prometheus", f"--config.file={work}/prometheus.yml", f"--storage.tsdb.path={data}",
                                 f"--web.listen-address=127.0.0.1:{port}", "--storage.tsdb.retention.time=10y"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(300):
                try:
                    if b"Ready" in urllib.request.urlopen(f"http://127.0.0.1:{port}/-/ready").read():
                        break
                except OSError:
                    time.sleep(0.2)
            subprocess.run([headroom, "--prometheus", f"http://127.0.0.1:{port}", "--today", "2026-11-29",
                            "--record", os.path.join(root, "examples/anton-snapshot.json"),
                            os.path.join(root, "examples/anton.plan")], check=True, cwd=root)
        finally:
            prom.terminate()
            prom.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
