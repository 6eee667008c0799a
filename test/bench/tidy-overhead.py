#!/usr/bin/env python3
"""What the shutdown-* clang-tidy checks add to parsing, per translation unit.

usage: tidy-overhead.py SHUTDOWN_TIDY COMPILE_COMMANDS_JSON [MAX_TUS]

For every entry of the database (or the first MAX_TUS), side by side:
  - clang-22 -fsyntax-only with the entry's command line (CPU seconds);
  - shutdown-tidy --checks=-*,shutdown-* --enable-check-profile: the CPU
    seconds clang-tidy's own profiler attributes to the four checks (the
    extraction and the rules run inside the first check's callback; the
    others reuse its result), and the whole run's CPU seconds.
Prints one line per TU and a total; the ratio 'checks/parse' is what the
checks add to parsing the TU. Runs one TU at a time, so the figures are not
distorted by parallel jobs.
"""
import importlib.util
import json
import os
import re
import resource
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "syntax_only", os.path.join(HERE, "syntax-only.py"))
syntax_only = importlib.util.module_from_spec(spec)
spec.loader.exec_module(syntax_only)


def cpu_of(args, cwd):
    """CPU seconds (user + system) of a child process, and its stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, p.returncode, p.stderr


# "   0.0123 ( 93.9%)   0.0001 ( 92.9%)   0.0124 ( 93.8%) ... Total"
PROFILE_TOTAL = re.compile(
    r"^\s*[\d.]+\s+\([\s\d.]+%\)\s+[\d.]+\s+\([\s\d.]+%\)\s+([\d.]+)\s+\([\s\d.]+%\).*\bTotal\s*$")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    tidy, database = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    entries = json.load(open(database))[:limit]
    build_dir = os.path.dirname(os.path.abspath(database))
    total_parse = total_checks = total_tidy = 0.0
    print(f"{'translation unit':50} {'parse s':>8} {'checks s':>9} {'tidy s':>8} {'checks/parse':>13}")
    for e in entries:
        parse, rc, err = cpu_of(syntax_only.command(e), e["directory"])
        if rc != 0:
            print(f"{e['file']}: does not parse, skipped: {err.splitlines()[:1]}")
            continue
        tidy_cpu, rc, err = cpu_of(
            [tidy, "-p", build_dir, "--quiet", "--checks=-*,shutdown-*",
             "--enable-check-profile", e["file"]], e["directory"])
        checks = 0.0
        for line in err.splitlines():
            m = PROFILE_TOTAL.match(line)
            if m:
                checks = float(m.group(1))
        total_parse += parse
        total_checks += checks
        total_tidy += tidy_cpu
        name = os.path.relpath(e["file"], os.path.dirname(build_dir))
        print(f"{name[-50:]:50} {parse:8.3f} {checks:9.4f} {tidy_cpu:8.3f} {checks / parse:12.2%}")
    if total_parse:
        print(f"{'TOTAL (' + str(len(entries)) + ' TUs)':50} {total_parse:8.3f} {total_checks:9.4f} {total_tidy:8.3f} {total_checks / total_parse:12.2%}")


if __name__ == "__main__":
    main()
