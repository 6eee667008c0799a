#!/usr/bin/env bash
# What the analyzer plugin's checkers cost, on real code from Debian source
# packages (docs/analyzer.md, "What it costs"): clang-22 --analyze over a
# compilation database, one unit at a time per job, side by side:
#
#   no checker          --analyze --analyzer-no-default-checks (parse, CFGs)
#   shutdown            the plugin's checkers alone
#   core                -analyzer-checker=core
#   core + shutdown     both
#   default             the driver's default checkers (what scan-build runs)
#   default + shutdown  with the plugin's checkers too
#
# Each runs twice, in this order and then in the reverse one, and counts
# the mean of its two runs: a shared machine's speed drifts over minutes by
# more than the differences measured, and the mirrored order cancels a
# steady drift. Then the ratios: shutdown / no checker, shutdown / core,
# and what adding the checkers costs a core and a default run.
# Goal: at most 1.3.
#
#   test/bench/analyzer-bench.sh [-j N] [--work DIR] [--plugin PATH] [package...]
#
# Packages default to leveldb. apt-get source, build dependencies and a
# CMake configure as for the other benchmarks (test/bench/sources.sh).
# CPU s is user+system of the whole process tree; the analyzer's warnings go
# to DIR/PKG.analyze-MODE.log, and the shutdown findings are counted.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=sources.sh
source "$here/sources.sh"
bench_options analyzer-bench 25 "$@"
plugin="$repo/build/lib/ShutdownHazardsAnalyzerPlugin.so"
packages=()
for ((i = 0; i < ${#args[@]}; i++)); do
  if [[ "${args[$i]}" == --plugin ]]; then
    plugin="${args[$((i + 1))]}"
    i=$((i + 1))
  else
    packages+=("${args[$i]}")
  fi
done
[[ ${#packages[@]} -gt 0 ]] || packages=(leveldb)
[[ -f "$plugin" ]] || { say "no plugin at $plugin (build it, or pass --plugin)"; exit 2; }

# Runs clang-22 --analyze over every unit of a database, JOBS at a time,
# with the driver's default checkers or none (DEFAULTS: 1 or 0) and the
# extra flags; stderr to LOG. Exits 1 if a unit fails.
runner='
import json, shlex, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
db, jobs, log, defaults, extra = (sys.argv[1], int(sys.argv[2]), sys.argv[3],
                                  sys.argv[4] == "1", sys.argv[5:])
def command(e):
    args = e.get("arguments") or shlex.split(e["command"])
    out, skip = ["/usr/lib/llvm-22/bin/clang++"], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD", "-Werror") or a.startswith("-o"):
            continue
        out.append(a)
    out += ["--analyze", "-o", "/dev/null"]
    return out + ([] if defaults else ["--analyzer-no-default-checks"]) + extra
def run(e):
    return subprocess.run(command(e), cwd=e["directory"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
entries, seen = [], set()
for e in json.load(open(db)):
    if e["file"] not in seen:
        seen.add(e["file"])
        entries.append(e)
with ThreadPoolExecutor(jobs) as pool:
    results = list(pool.map(run, entries))
with open(log, "w") as f:
    for r in results:
        f.write(r.stderr)
sys.exit(1 if any(r.returncode for r in results) else 0)
'
measure() { python3 "$here/measure.py" "$@"; }
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.2f}' if b else '-')" "$1" "$2"; }
mean() { python3 -c "import json,sys; a,b=(json.loads(x) for x in sys.argv[1:]); print(json.dumps({k: round((a[k]+b[k])/2, 2) for k in ('cpu','wall','rss_mib')} | {'exit': max(a['exit'], b['exit'])}))" "$1" "$2"; }

load=(-Xclang -load -Xclang "$plugin")
modes=(none shutdown core core-shutdown default default-shutdown)
declare -A label=([none]="no checker" [shutdown]="shutdown" [core]="core"
  [core-shutdown]="core + shutdown" [default]="default"
  [default-shutdown]="default + shutdown")
declare -A flags=([none]="0" [shutdown]="0 ${load[*]} -Xclang -analyzer-checker=shutdown"
  [core]="0 -Xclang -analyzer-checker=core"
  [core-shutdown]="0 ${load[*]} -Xclang -analyzer-checker=core,shutdown"
  [default]="1" [default-shutdown]="1 ${load[*]} -Xclang -analyzer-checker=shutdown")
printf '%-10s %5s  %-20s %9s %9s %9s %8s %12s %8s %5s\n' package TUs run "CPU s" "1st CPU s" "2nd CPU s" "wall s" "/no checker" "/core" exit
for pkg in "${packages[@]}"; do
  fetch "$pkg"
  configure "$pkg"
  db="$work/$pkg/build/compile_commands.json"
  units="$(python3 -c "import json,sys; print(len({e['file'] for e in json.load(open(sys.argv[1]))}))" "$db")"
  declare -A first=() second=() result=()
  for mode in "${modes[@]}"; do
    # shellcheck disable=SC2086 # flags[] holds words.
    first[$mode]="$(measure -- python3 -c "$runner" "$db" "$jobs" "$work/$pkg.analyze-$mode.log" ${flags[$mode]})"
  done
  for ((i = ${#modes[@]} - 1; i >= 0; i--)); do
    mode="${modes[$i]}"
    # shellcheck disable=SC2086
    second[$mode]="$(measure -- python3 -c "$runner" "$db" "$jobs" "$work/$pkg.analyze-$mode.log" ${flags[$mode]})"
  done
  for mode in "${modes[@]}"; do
    result[$mode]="$(mean "${first[$mode]}" "${second[$mode]}")"
  done
  cpu() { field "${result[$1]}" cpu; }
  for mode in "${modes[@]}"; do
    printf '%-10s %5s  %-20s %9s %9s %9s %8s %12s %8s %5s\n' "$pkg" "$units" "${label[$mode]}" \
      "$(cpu "$mode")" "$(field "${first[$mode]}" cpu)" "$(field "${second[$mode]}" cpu)" \
      "$(field "${result[$mode]}" wall)" \
      "$(ratio "$(cpu "$mode")" "$(cpu none)")" "$(ratio "$(cpu "$mode")" "$(cpu core)")" \
      "$(field "${result[$mode]}" exit)"
  done
  findings="$(grep -c '\[shutdown\.' "$work/$pkg.analyze-shutdown.log" || true)"
  printf '%-10s %5s  adding shutdown: to core %s, to default %s; shutdown alone / no checker %s (goal <= 1.3); %s shutdown findings\n' \
    "$pkg" "$units" \
    "$(ratio "$(cpu core-shutdown)" "$(cpu core)")" \
    "$(ratio "$(cpu default-shutdown)" "$(cpu default)")" \
    "$(ratio "$(cpu shutdown)" "$(cpu none)")" "$findings"
done
