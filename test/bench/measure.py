#!/usr/bin/env python3
"""Runs a command and prints its cost as one JSON line.

usage: measure.py [--cwd DIR] -- command...

cpu: user + system seconds of the command and every process it waited for;
wall: seconds; rss_mib: peak resident set of the largest single process in
that tree (wait4's ru_maxrss); exit: the exit status.
"""
import json
import os
import subprocess
import sys
import time

args = sys.argv[1:]
cwd = None
if args[:1] == ["--cwd"]:
    cwd, args = args[1], args[2:]
if args[:1] == ["--"]:
    args = args[1:]
start = time.monotonic()
p = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(p.pid, 0)
wall = time.monotonic() - start
print(json.dumps({
    "cpu": round(usage.ru_utime + usage.ru_stime, 2),
    "wall": round(wall, 2),
    "rss_mib": round(usage.ru_maxrss / 1024, 1),
    "exit": os.waitstatus_to_exitcode(status),
}))
