#!/usr/bin/env python3
"""The baseline: clang-22 -fsyntax-only over every entry of a compilation
database, N at a time, each with its own command line (compiler replaced by
clang-22's driver, no output or dependency files). Prints nothing; exits 1 if
any unit fails to parse. Clang gets the heap the analyzer's workers get:
glibc on transparent huge pages when the kernel offers them on request and
GLIBC_TUNABLES is unset (shutdown-hazards sets it so for itself and its
workers), so that the ratio compares the tools, not the page sizes.

usage: syntax-only.py COMPILE_COMMANDS_JSON JOBS
"""
import json
import os
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

CLANG = "/usr/lib/llvm-22/bin/clang++"


def command(entry):
    args = entry.get("arguments") or shlex.split(entry["command"])
    out, skip = [CLANG], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a.startswith("-o"):
            continue
        out.append(a)
    return out + ["-fsyntax-only"]


def environment():
    """The environment the driver gives its workers."""
    env = dict(os.environ)
    try:
        with open("/sys/kernel/mm/transparent_hugepage/enabled") as f:
            madvise = "[madvise]" in f.read()
    except OSError:
        madvise = False
    if madvise and "GLIBC_TUNABLES" not in env:
        env["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1"
    return env


ENV = environment()


def run(entry):
    return subprocess.run(command(entry), cwd=entry["directory"], env=ENV,
                          stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode


def main():
    with open(sys.argv[1]) as f:
        entries = json.load(f)
    seen, unique = set(), []
    for e in entries:
        if e["file"] not in seen:
            seen.add(e["file"])
            unique.append(e)
    with ThreadPoolExecutor(int(sys.argv[2])) as pool:
        codes = list(pool.map(run, unique))
    sys.exit(1 if any(codes) else 0)


if __name__ == "__main__":
    main()
