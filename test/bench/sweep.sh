#!/usr/bin/env bash
# A sweep of real code: the driver over every translation unit of large
# Debian source packages, to show that it neither crashes nor hangs on code
# it was not written against, and what a worker's memory costs.
#
#   test/bench/sweep.sh [-j N] [--work DIR] [--tool PATH] [--memory-every K]
#                       [--summary-only] [PKG...]
#
# Packages default to poco (configured with its tests), zeromq3, log4cplus
# and thrift (test/bench/sources.sh fetches and configures them; root
# and Debian's mirrors the first time). Each package runs once, cold (no
# cache), at the default time limit (--timeout=300), with --print-timings
# for each worker's CPU time and peak RSS. The driver runs from a copy of
# the tool made at the start, so that a rebuild during the sweep does not
# pull the executable from under its workers. Then clang-22 -fsyntax-only
# runs, one at a time, on every K-th unit of the database (default 5) that a
# worker parsed and on the 5 units whose workers peaked highest, for its
# peak RSS (a unit built by a C compiler with clang's C driver). --summary-only prints the figures of the last sweep of
# the packages again without the driver; clang runs only on the units of
# that K it has not measured yet.
#
# Prints, per package and for the whole sweep: units, analyzed, failed to
# parse (the first error of each, and the errors counted by cause),
# crashes, time-outs, other failures, the driver's wall time, and the
# worker's peak RSS over clang's on the same unit (maximum, median, and the
# units above the 1.2 goal). The last line sums up the sweep. Exits 1 when a
# unit crashed or timed out, 0 otherwise.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=sources.sh
source "$here/sources.sh"
memory_every=5
summary_only=0
rest=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --memory-every) memory_every="$2"; shift 2 ;;
    --summary-only) summary_only=1; shift ;;
    *) rest+=("$1"); shift ;;
  esac
done
bench_options sweep 27 "${rest[@]+"${rest[@]}"}"
packages=("${args[@]+"${args[@]}"}")
[[ ${#packages[@]} -gt 0 ]] || packages=(poco zeromq3 log4cplus thrift)
[[ "$memory_every" =~ ^[1-9][0-9]*$ ]] || { say "--memory-every: expected a positive integer"; exit 2; }

# Per package, from its sweep directory: the lines of the package, and
# summary.json for the total.
summarize() {
  python3 - "$here" "$work" "$memory_every" "$@" <<'PY'
import collections, importlib.util, json, os, re, shlex, statistics, subprocess, sys

here, work, every, mode, names = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5:]
GOAL = 1.2
LARGEST = 5
SAMPLED = "every unit" if every == 1 else f"every {every}th unit and the {LARGEST} largest workers"


def ratio_line(ratios, sampled):
    above = [r for r in ratios if r[0] > GOAL]
    top = max(ratios)
    return (f"worker / clang -fsyntax-only peak RSS over {len(ratios)} units ({sampled}): "
            f"max {top[0]:.3f} ({top[1]}: {top[2]} / {top[3]:.0f} MiB), "
            f"median {statistics.median(r[0] for r in ratios):.3f}, above {GOAL}: {len(above)}")


if mode == "total":
    t = collections.Counter()
    ratios = []
    for pkg in names:
        s = json.load(open(os.path.join(work, pkg + ".sweep", "summary.json")))
        for k in ("units", "analyzed", "parse-error", "crash", "timeout", "other", "wall"):
            t[k] += s[k]
        ratios += [tuple(r) for r in s["ratios"]]
    memory = ratio_line(ratios, SAMPLED + " of each package") if ratios else "no memory figures"
    print(f"sweep: {len(names)} package{'' if len(names) == 1 else 's'}, {t['units']} units, {t['analyzed']} analyzed, "
          f"{t['parse-error']} failed to parse, {t['crash']} crashes, {t['timeout']} time-outs, "
          f"{t['other']} other failures, {t['wall']} s wall; {memory}")
    sys.exit(1 if t["crash"] or t["timeout"] else 0)

pkg = names[0]
spec = importlib.util.spec_from_file_location("syntax_only", os.path.join(here, "syntax-only.py"))
syntax_only = importlib.util.module_from_spec(spec)
spec.loader.exec_module(syntax_only)
unit_line = re.compile(r"^shutdown-hazards: unit (.+): ([0-9.]+) s CPU, ([0-9]+) MiB$")
# "<file>:12:3: error: " or "<file>: error: " before a clang diagnostic.
location = re.compile(r"^.*?:(?:[0-9]+:[0-9]+:)? (?:fatal )?error: ")


def clang_rss_mib(entry):
    command = syntax_only.command(entry)
    # syntax-only.py runs clang++, which reads a .c file as C++; a unit
    # that a C compiler builds gets clang's C driver, as the worker does.
    compiler = (entry.get("arguments") or shlex.split(entry["command"]))[0]
    if "++" not in os.path.basename(compiler):
        command[0] = os.path.join(os.path.dirname(command[0]), "clang")
    p = subprocess.Popen(command, cwd=entry["directory"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(p.pid, 0)
    return usage.ru_maxrss / 1024


out = os.path.join(work, pkg + ".sweep")
db = json.load(open(os.path.join(work, pkg, "build", "compile_commands.json")))
status, wall = (int(x) for x in open(os.path.join(out, "run")).read().split())
try:
    report = json.load(open(os.path.join(out, "report.json")))
except (OSError, ValueError) as e:
    n = len({e["file"] for e in db})
    print(f"{pkg}: {n} units, no report (driver exit {status}, {e}): see {out}/driver.log")
    json.dump({"units": n, "analyzed": 0, "parse-error": 0, "crash": 0, "timeout": 0, "other": n,
               "wall": wall, "ratios": []}, open(os.path.join(out, "summary.json"), "w"))
    sys.exit(0)
units = report["translationUnits"]
kinds = {"parse-error": [], "crash": [], "timeout": [], "other": []}
for f in report["failures"]:
    kinds.get(f["kind"], kinds["other"]).append(f)
worker = {}
for line in open(os.path.join(out, "driver.log")):
    m = unit_line.match(line.rstrip("\n"))
    if m:
        worker[os.path.normpath(m.group(1))] = int(m.group(3))

# clang's peak RSS on every K-th entry that a worker parsed; kept in the
# sweep directory, so that a summary runs clang only on the units missing
# there.
memory_file = os.path.join(out, f"memory-every-{every}.json")
clang = json.load(open(memory_file)) if os.path.exists(memory_file) else {}
# A sample misses the few units whose workers take the most: those are
# measured too.
largest = set(sorted(worker, key=lambda f: -worker[f])[:LARGEST])
seen = set()
for i, e in enumerate(db):
    f = os.path.normpath(os.path.join(e["directory"], e["file"]))
    if f in seen:
        continue
    seen.add(f)
    if (i % every == 0 or f in largest) and f in worker and f not in clang:
        clang[f] = clang_rss_mib(e)
json.dump(clang, open(memory_file, "w"), indent=1, sort_keys=True)
ratios = sorted(((worker[f] / c, os.path.relpath(f, os.path.join(work, pkg, "src")), worker[f], c)
                 for f, c in clang.items()), reverse=True)

failed = sum(len(v) for v in kinds.values())
print(f"{pkg}: {units} units, {units - failed} analyzed, {len(kinds['parse-error'])} failed to parse, "
      f"{len(kinds['crash'])} crashes, {len(kinds['timeout'])} time-outs, {len(kinds['other'])} other failures; "
      f"driver exit {status}, {wall} s wall")
causes = collections.Counter()
for kind in ("crash", "timeout", "other", "parse-error"):
    for f in kinds[kind]:
        first = f["message"].splitlines()[0] if f["message"] else ""
        # The report names files relative to its root.
        path = os.path.join(report["root"], f["file"])
        print(f"  {kind}: {os.path.relpath(path, os.path.join(work, pkg, 'src'))}: {first[:200]}")
        if kind == "parse-error":
            causes[location.sub("", first)[:120]] += 1
for cause, n in causes.most_common():
    print(f"  parse errors, {n}x: {cause}")
if ratios:
    print("  " + ratio_line(ratios, SAMPLED))
    for r in ratios:
        if r[0] > GOAL:
            print(f"    above {GOAL}: {r[1]}: {r[2]} / {r[3]:.0f} MiB = {r[0]:.3f}")
json.dump({"units": units, "analyzed": units - failed, "parse-error": len(kinds["parse-error"]),
           "crash": len(kinds["crash"]), "timeout": len(kinds["timeout"]), "other": len(kinds["other"]),
           "wall": wall, "ratios": ratios}, open(os.path.join(out, "summary.json"), "w"))
PY
}

if [[ $summary_only == 0 ]]; then
  bin="$work/sweep.bin"
  rm -rf "$bin" && mkdir -p "$bin" && cp "$tool" "$bin/shutdown-hazards"
fi
for pkg in "${packages[@]}"; do
  out="$work/$pkg.sweep"
  if [[ $summary_only == 0 ]]; then
    fetch "$pkg"
    configure "$pkg"
    db="$work/$pkg/build/compile_commands.json"
    rm -rf "$out" && mkdir -p "$out"
    say "$pkg: driver over $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$db") units, -j $jobs ($out/driver.log)"
    start=$SECONDS
    status=0
    "$bin/shutdown-hazards" -p "$db" -j "$jobs" --cache-dir= --print-timings --format=json \
      -o "$out/report.json" 2>"$out/driver.log" || status=$?
    echo "$status $((SECONDS - start))" >"$out/run"
    say "$pkg: clang-22 -fsyntax-only on every ${memory_every}th unit and the 5 largest workers, for its peak RSS"
  fi
  summarize package "$pkg" || say "$pkg: no summary (a fault of this script)"
done
summarize total "${packages[@]}"
