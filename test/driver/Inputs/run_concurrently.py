#!/usr/bin/env python3
"""Runs a command N times at once; checks that every run exits alike and
writes the same stdout.

usage: run_concurrently.py N command...
"""
import subprocess
import sys

n = int(sys.argv[1])
procs = [subprocess.Popen(sys.argv[2:], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL) for _ in range(n)]
results = [(p.communicate()[0], p.returncode) for p in procs]
outs = {r[0] for r in results}
codes = {r[1] for r in results}
if len(outs) != 1 or len(codes) != 1:
    sys.exit(f"run_concurrently: runs differ: exit codes {sorted(codes)}, "
             f"{len(outs)} different outputs")
print(f"run_concurrently: {n} runs, exit {codes.pop()}, same output")
