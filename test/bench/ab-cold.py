#!/usr/bin/env python3
"""Cold driver against clang-22 -fsyntax-only, interleaved: the database is
cut into CHUNKS consecutive slices, and for each slice syntax-only runs, then
the driver with an empty cache, back to back. On a machine whose speed drifts
over minutes (a shared virtual machine), one long run of each in turn can
differ by more than the overhead being measured; slices of a minute or so
cancel that drift. Prints one line per slice and the totals.

usage: ab-cold.py COMPILE_COMMANDS_JSON DRIVER [JOBS [CHUNKS]]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))


def measure(args):
    out = subprocess.run([sys.executable, os.path.join(here, "measure.py"), "--"] + args,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    db_path, driver = sys.argv[1], sys.argv[2]
    jobs = sys.argv[3] if len(sys.argv) > 3 else str(os.cpu_count())
    chunks = int(sys.argv[4]) if len(sys.argv) > 4 else 8
    entries = json.load(open(db_path))
    size = -(-len(entries) // chunks)
    total = {"syntax": 0.0, "driver": 0.0}
    work = tempfile.mkdtemp(prefix="ab-cold-")
    try:
        for i in range(0, len(entries), size):
            part = os.path.join(work, f"slice{i}")
            os.makedirs(part)
            with open(os.path.join(part, "compile_commands.json"), "w") as f:
                json.dump(entries[i:i + size], f)
            syntax = measure([sys.executable, os.path.join(here, "syntax-only.py"),
                              os.path.join(part, "compile_commands.json"), jobs])
            cold = measure([driver, "-p", part, "-j", jobs, "--quiet",
                            "--cache-dir=" + os.path.join(part, "cache"), "-o", os.devnull])
            total["syntax"] += syntax["cpu"]
            total["driver"] += cold["cpu"]
            print(f"units {i:5}-{min(i + size, len(entries)) - 1:5}: syntax-only "
                  f"{syntax['cpu']:8.2f} s CPU, driver cold {cold['cpu']:8.2f} s CPU, "
                  f"ratio {cold['cpu'] / syntax['cpu']:.3f}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"total: syntax-only {total['syntax']:.2f} s CPU, driver cold "
          f"{total['driver']:.2f} s CPU, ratio {total['driver'] / total['syntax']:.3f}")


if __name__ == "__main__":
    main()
