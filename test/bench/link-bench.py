#!/usr/bin/env python3
"""Times the link of the synthetic programs of gen-facts.py, each two ways,
side by side: --link-only over its fact files, and a whole run whose every
unit comes from a warm cache holding the same facts (nothing is parsed, so
the link and the cache check are what it costs).

usage: link-bench.py [--tool PATH] [--work DIR] [-j N] [--runs N]
                     [--link-only] [UNITS...]

UNITS default to 10,000, 30,000 and 100,000 (the goals: 10,000 within 5 s,
100,000 within 15 s and 4 GiB). --link-only times that mode alone, without
making the database and the cache of the whole run (for 100,000 units, 1.5
GiB more). The fact files are made once per fact format version and size in
WORK (shared with driver-bench.sh; made in a temporary directory first, so
that an interrupted run leaves no partial set). The whole run needs a
database and a cache: each unit is a one-line source file; one unit is
extracted by the driver to learn the cache key and the header of an entry,
and the other entries are written from it (the key names the file; the
entry's path and each file's hash are xxh3, from the system's libxxhash),
each holding its unit's synthetic fact file. The cache is made anew on
every call, for the tool given. Runs alternate between the two modes; each
row is the median of its runs (CPU s, wall s, peak RSS), with every run's
wall time and the link's phases (--print-timings, one more run); the
reports of both modes must be the same.
"""
import argparse
import ctypes
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.normpath(os.path.join(here, "..", ".."))


def xxh3_function():
    try:
        lib = ctypes.CDLL("libxxhash.so.0")
    except OSError:
        sys.exit("link-bench: needs libxxhash.so.0 (Debian: libxxhash0)")
    f = lib.XXH3_64bits
    f.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
    f.restype = ctypes.c_uint64
    return lambda data: f"{f(data, len(data)):016x}"


def facts_version():
    with open(os.path.join(repo, "checkers", "model", "Facts.h")) as f:
        return int(re.search(r"FactsVersion = (\d+);", f.read()).group(1))


def database(units, directory, path):
    with open(path, "w") as f:
        json.dump([{"directory": directory, "file": name(i),
                    "command": f"clang++-22 -c {name(i)}"} for i in units], f)


def name(i):
    return f"u{i:05}.cpp"


def make_cache(tool, program, facts, cache, units, xxh3):
    """The warm cache: one entry extracted, the others written from it."""
    probe = os.path.join(program, "probe")
    os.makedirs(probe, exist_ok=True)
    database([0], program, os.path.join(probe, "compile_commands.json"))
    shutil.rmtree(cache, ignore_errors=True)
    subprocess.run([tool, "-p", probe, "--quiet", f"--cache-dir={cache}",
                    "-o", os.devnull], check=False)
    entries = os.listdir(cache)
    if len(entries) != 1:
        sys.exit(f"link-bench: the probe made {len(entries)} cache entries")
    with open(os.path.join(cache, entries[0]), "rb") as f:
        header = json.loads(f.readline())
    if xxh3(header["key"].encode()) + ".json" != entries[0] or \
            len(header["deps"]) != 1:
        sys.exit("link-bench: the cache does not look as this script expects "
                 "(the entry's name is not the xxh3 of its key, or the unit "
                 "read more than its own file)")
    for i in range(units):
        source = os.path.join(program, name(i))
        with open(source, "rb") as f:
            contents = f.read()
        with open(os.path.join(facts, f"u{i:05}.json"), "rb") as f:
            fact_file = f.read()
        entry = dict(header)  # The writer's key order: readers rely on it.
        entry["key"] = header["key"].replace(name(0), name(i))
        entry["file"] = source
        entry["deps"] = [[source, xxh3(contents)]]
        entry["factsSize"] = len(fact_file)
        with open(os.path.join(cache, xxh3(entry["key"].encode()) + ".json"),
                  "wb") as f:
            f.write(json.dumps(entry, separators=(",", ":"),
                               ensure_ascii=False).encode())
            f.write(b"\n" + fact_file)


def measure(cmd):
    out = subprocess.run([sys.executable, os.path.join(here, "measure.py"),
                          "--", *cmd], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)


def phases(cmd):
    """--print-timings' link phases, "name s" each."""
    err = subprocess.run(cmd + ["--print-timings"], capture_output=True,
                         text=True).stderr
    found = re.findall(r"shutdown-hazards: (.*?): ([0-9.]+) s$", err, re.M)
    return ", ".join(f"{n} {float(s):.2f}" for n, s in found
                     if not n.startswith("unit "))


def facts_set(a, version, units):
    """The fact files of the synthetic program of that many units."""
    suffix = "" if units == 10000 else f"-{units}"
    facts = os.path.join(a.work, f"synthetic-facts-v{version}{suffix}")
    if not os.path.isdir(facts):
        partial = facts + ".partial"
        shutil.rmtree(partial, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(here, "gen-facts.py"),
                        partial, str(units)], check=True)
        os.rename(partial, facts)
    return facts, suffix


def bench(a, xxh3, version, units):
    """Times one size; returns its rows."""
    facts, suffix = facts_set(a, version, units)
    reports = {m: os.path.join(a.work, f"synthetic.{m}{suffix}.txt")
               for m in ("link-only", "warm")}
    modes = {
        # --root=/: the synthetic facts name files under /synthetic, not the
        # database's; both modes take all of them as the project.
        "link-only": [a.tool, f"--link-only={facts}", "--root=/", "-j", a.jobs,
                      "--quiet",
                      "-o", reports["link-only"]],
    }
    if not a.link_only_mode:
        program = os.path.join(a.work, f"synthetic-program{suffix}")
        if not os.path.isdir(program):
            partial = program + ".partial"
            shutil.rmtree(partial, ignore_errors=True)
            os.makedirs(partial)
            for i in range(units):
                with open(os.path.join(partial, name(i)), "w") as f:
                    f.write(f"int u{i}() {{ return {i}; }}\n")
            database(range(units), program,
                     os.path.join(partial, "compile_commands.json"))
            os.rename(partial, program)
        cache = os.path.join(a.work, f"synthetic-cache{suffix}")
        make_cache(a.tool, program, facts, cache, units, xxh3)
        modes["warm"] = [a.tool, "-p", program, "--root=/", "-j", a.jobs,
                         "--quiet",
                         f"--cache-dir={cache}", "-o", reports["warm"]]
    runs = {m: [] for m in modes}
    for _ in range(a.runs):
        for m, cmd in modes.items():
            runs[m].append(measure(cmd))
    if "warm" in modes:
        with open(reports["link-only"], "rb") as f1, \
                open(reports["warm"], "rb") as f2:
            if f1.read() != f2.read():
                sys.exit(f"link-bench: the two modes' reports differ "
                         f"({units} units)")
    megabytes = sum(os.path.getsize(os.path.join(facts, f))
                    for f in os.listdir(facts)) / 2**20
    rows = []
    for m, cmd in modes.items():
        med = {k: statistics.median(r[k] for r in runs[m])
               for k in ("cpu", "wall", "rss_mib")}
        walls = " ".join(f"{r['wall']:.2f}" for r in runs[m])
        rows.append((units, megabytes, m, med, walls,
                     phases(cmd[:-2] + ["-o", os.devnull])))
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tool", default=os.path.join(repo, "build", "bin",
                                                  "shutdown-hazards"))
    p.add_argument("--work", default=os.path.join(
        os.environ.get("TMPDIR", "/tmp"), "shutdown-hazards-bench"))
    p.add_argument("-j", dest="jobs", default=str(os.cpu_count()))
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--link-only", action="store_true", dest="link_only_mode")
    p.add_argument("units", nargs="*", type=int,
                   default=[10000, 30000, 100000])
    a = p.parse_args()
    a.work = os.path.abspath(a.work)
    os.makedirs(a.work, exist_ok=True)
    xxh3 = None if a.link_only_mode else xxh3_function()
    version = facts_version()
    labels = {"link-only": "--link-only (fact files)",
              "warm": "whole run, warm cache (entries)"}
    print(f"link of synthetic programs, -j {a.jobs}, median of {a.runs} runs; "
          f"load average before: {os.getloadavg()[0]:.2f}")
    print(f"{'units':>7} {'facts MiB':>9}  {'mode':<32} {'CPU s':>7} "
          f"{'wall s':>7} {'RSS MiB':>8}  runs (wall s)")
    all_rows = []
    for units in a.units:
        rows = bench(a, xxh3, version, units)
        all_rows += rows
        for units, megabytes, m, med, walls, _ in rows:
            print(f"{units:>7} {megabytes:>9.0f}  {labels[m]:<32} "
                  f"{med['cpu']:>7.2f} {med['wall']:>7.2f} "
                  f"{med['rss_mib']:>8.1f}  {walls}", flush=True)
    for units, _, m, _, _, phase_list in all_rows:
        print(f"  phases, {units} units, {labels[m]}: {phase_list}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
