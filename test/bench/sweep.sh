#!/usr/bin/env bash
# A sweep of real code: the driver over every translation unit of large
# Debian source packages, to show that it neither crashes nor hangs on code
# it was not written against, and what a worker's memory costs.
#
#   test/bench/sweep.sh [-j N] [--work DIR] [--tool PATH] [--memory-every K] [PKG...]
#
# Packages default to poco (configured with its tests), zeromq3, log4cplus
# and thrift (test/bench/sources.sh fetches and configures them; root and
# Debian's mirrors the first time). Each package runs once, cold (no cache),
# at the default time limit (--timeout=300), with --print-timings for each
# worker's CPU and peak RSS. Then clang-22 -fsyntax-only runs on every K-th
# unit (default 1: all), one at a time, for its peak RSS.
#
# Prints, per package and for the whole sweep: units, analyzed, failed to
# parse (and the first error of each), crashes, time-outs, other failures,
# the driver's wall time, and the worker's peak RSS over clang's on the same
# unit (maximum, median, and the units above the 1.2 goal). Exits 1 when a
# unit crashed or timed out, 0 otherwise.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=sources.sh
source "$here/sources.sh"
memory_every=1
rest=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --memory-every) memory_every="$2"; shift 2 ;;
    *) rest+=("$1"); shift ;;
  esac
done
bench_options sweep 19 "${rest[@]+"${rest[@]}"}"
packages=("${args[@]+"${args[@]}"}")
[[ ${#packages[@]} -gt 0 ]] || packages=(poco zeromq3 log4cplus thrift)

for pkg in "${packages[@]}"; do
  fetch "$pkg"
  configure "$pkg"
  db="$work/$pkg/build/compile_commands.json"
  out="$work/$pkg.sweep"
  rm -rf "$out" && mkdir -p "$out"
  say "$pkg: driver over $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$db") units"
  start=$SECONDS
  status=0
  "$tool" -p "$db" -j "$jobs" --cache-dir= --print-timings --format=json \
    -o "$out/report.json" 2>"$out/driver.log" || status=$?
  echo "$status $((SECONDS - start))" >"$out/run"
done

python3 - "$here" "$work" "$memory_every" "${packages[@]}" <<'PY'
import importlib.util, json, os, re, statistics, subprocess, sys

here, work, every, packages = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
spec = importlib.util.spec_from_file_location("syntax_only", os.path.join(here, "syntax-only.py"))
syntax_only = importlib.util.module_from_spec(spec)
spec.loader.exec_module(syntax_only)
unit_line = re.compile(r"^shutdown-hazards: unit (.+): ([0-9.]+) s CPU, ([0-9]+) MiB$")


def clang_rss_mib(entry):
    p = subprocess.Popen(syntax_only.command(entry), cwd=entry["directory"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(p.pid, 0)
    return usage.ru_maxrss / 1024


total = {"units": 0, "analyzed": 0, "parse": 0, "crash": 0, "timeout": 0, "other": 0}
all_ratios = []
for pkg in packages:
    out = os.path.join(work, pkg + ".sweep")
    db_path = os.path.join(work, pkg, "build", "compile_commands.json")
    db = json.load(open(db_path))
    status, wall = open(os.path.join(out, "run")).read().split()
    report = json.load(open(os.path.join(out, "report.json")))
    units = report["translationUnits"]
    kinds = {"parse-error": [], "crash": [], "timeout": [], "other": []}
    for f in report["failures"]:
        kinds.get(f["kind"], kinds["other"]).append(f)
    worker = {}
    for line in open(os.path.join(out, "driver.log")):
        m = unit_line.match(line.rstrip("\n"))
        if m:
            worker[os.path.normpath(m.group(1))] = int(m.group(3))
    failed = sum(len(v) for v in kinds.values())
    ratios = []
    seen = set()
    for i, e in enumerate(db):
        f = os.path.normpath(os.path.join(e["directory"], e["file"]))
        if f in seen or i % every or f not in worker:
            continue
        seen.add(f)
        c = clang_rss_mib(e)
        ratios.append((worker[f] / c, f, worker[f], c))
    ratios.sort(reverse=True)
    all_ratios += ratios
    print(f"{pkg}: {units} units, {units - failed} analyzed, {len(kinds['parse-error'])} failed to parse, "
          f"{len(kinds['crash'])} crashes, {len(kinds['timeout'])} time-outs, {len(kinds['other'])} other failures; "
          f"exit {status}, {wall} s wall")
    for f in kinds["parse-error"] + kinds["crash"] + kinds["timeout"] + kinds["other"]:
        print(f"  {f['kind']}: {f['file']}: {f['message'].splitlines()[0][:160]}")
    if ratios:
        above = [r for r in ratios if r[0] > 1.2]
        print(f"  worker / clang -fsyntax-only peak RSS over {len(ratios)} units: max {ratios[0][0]:.3f} "
              f"({os.path.relpath(ratios[0][1], work)}: {ratios[0][2]} / {ratios[0][3]:.0f} MiB), "
              f"median {statistics.median(r[0] for r in ratios):.3f}, above 1.2: {len(above)}")
    total["units"] += units
    total["analyzed"] += units - failed
    total["parse"] += len(kinds["parse-error"])
    total["crash"] += len(kinds["crash"])
    total["timeout"] += len(kinds["timeout"])
    total["other"] += len(kinds["other"])
print(f"sweep: {total['units']} units, {total['analyzed']} analyzed, {total['parse']} failed to parse, "
      f"{total['crash']} crashes, {total['timeout']} time-outs, {total['other']} other failures", end="")
if all_ratios:
    print(f"; peak RSS worker / clang: max {max(r[0] for r in all_ratios):.3f}, "
          f"median {statistics.median(r[0] for r in all_ratios):.3f} over {len(all_ratios)} units")
else:
    print()
sys.exit(1 if total["crash"] or total["timeout"] else 0)
PY
