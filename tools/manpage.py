#!/usr/bin/env python3
"""Writes headroom.1 (man(7) macros) from the command's own definitions: the JSON that
swift-argument-parser prints for `headroom --experimental-dump-help`, so the manual follows
the options. Exit statuses and the environment come from the root command's discussion.

Usage: python3 tools/manpage.py path/to/headroom > headroom.1
"""
import json
import subprocess
import sys


def esc(text):
    out = text.replace("\\", "\\e").replace("-", "\\-")
    # A line starting with . or ' would be a request.
    return "\n".join(("\\&" + line if line[:1] in ".'" else line) for line in out.split("\n"))


def option_lines(args):
    out = []
    for a in args:
        if not a.get("shouldDisplay", True):
            continue
        names = [("--" if n["kind"] == "long" else "-") + n["name"] for n in a.get("names", [])]
        if a["kind"] == "positional":
            head = f"\\fI{esc(a.get('valueName', 'value'))}\\fR"
        else:
            head = ", ".join(f"\\fB{esc(n)}\\fR" for n in names)
            if a["kind"] == "option":
                head += f" \\fI{esc(a.get('valueName', 'value'))}\\fR"
        out += [".TP", head, esc(a.get("abstract", "")) or "."]
    return out


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "headroom"
    info = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True,
                                     text=True).stdout)["command"]
    version = subprocess.run([binary, "--version"], check=True, capture_output=True, text=True).stdout.strip()
    discussion = info.get("discussion", "")
    paragraphs = [p.strip() for p in discussion.split("\n\n") if p.strip()]
    usage = [p for p in paragraphs if not p.startswith(("Exit status:", "Environment:"))]
    exit_status = next((p[len("Exit status:"):].strip() for p in paragraphs if p.startswith("Exit status:")), "")
    environment = next((p[len("Environment:"):].strip() for p in paragraphs if p.startswith("Environment:")), "")
    lines = [
        f'.TH HEADROOM 1 "" "{esc(version)}" "User Commands"',
        ".SH NAME",
        f"headroom \\- {esc(info.get('abstract', ''))}",
        ".SH SYNOPSIS",
        ".B headroom",
        "[\\fIoptions\\fR] [\\fIfile\\fR.plan | \\fIfile\\fR.md]",
        ".br",
        ".B headroom run",
        "[\\fIoptions\\fR] [\\fIfile\\fR]",
        ".br",
        ".B headroom check",
        "[\\fB\\-\\-update\\fR] \\fInotebook\\fR.md",
        ".SH DESCRIPTION",
        esc(info.get("abstract", "")),
        "With no subcommand it behaves as \\fBheadroom run\\fR.",
    ]
    for p in usage:
        lines += [".PP", ".nf", esc(p), ".fi"]
    lines += [".SH OPTIONS"] + option_lines(info.get("arguments", []))
    for sub in info.get("subcommands", []):
        name = sub["commandName"]
        lines += [".SH COMMAND: " + esc(name.upper()), esc(sub.get("abstract", ""))]
        if sub.get("discussion"):
            lines += [".PP", esc(sub["discussion"])]
        lines += option_lines(sub.get("arguments", []))
    if exit_status:
        lines += [".SH EXIT STATUS", esc(" ".join(exit_status.split()))]
    if environment:
        lines += [".SH ENVIRONMENT"]
        for item in " ".join(environment.split()).rstrip(".").split("), "):
            item = item if item.endswith(")") else item + ")"
            name, _, what = item.partition(" (")
            lines += [".TP", f"\\fB{esc(name)}\\fR", esc(what.rstrip(")").rstrip("."))]
    lines += [
        ".SH SEE ALSO",
        "The README and docs/ of the source tree: language.md, planning.md, metrics.md,",
        "forecasting.md, notebooks.md and unattended.md.",
    ]
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
