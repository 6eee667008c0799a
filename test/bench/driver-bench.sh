#!/usr/bin/env bash
# Benchmarks the driver on real code from Debian source packages, against
# clang-22 -fsyntax-only over the same compilation database, and times the
# link of a synthetic 10,000-unit program, alone and in a warm whole run
# (link-bench.py; docs/usage.md, "Performance").
#
#   test/bench/driver-bench.sh [-j N] [--work DIR] [--tool PATH] [package...]
#
# Packages default to "leveldb spdlog poco" (poco: about 700 translation
# units with its test suites; cppcheck is also configured if named). For each: apt-get source
# (deb-src is enabled from the deb entry if missing), its build dependencies,
# a CMake configure with CMAKE_EXPORT_COMPILE_COMMANDS=ON and clang-22, then
# one line per run: -fsyntax-only; the driver cold (empty cache); warm with
# nothing changed; warm after one source file changed (its content: the cache
# hashes contents, a new mtime alone changes nothing). -fsyntax-only runs
# before and after the cold run; ratios are to the mean of the two. CPU s
# (user+system of the whole process tree), wall s, peak RSS of the largest
# process, and the ratios to -fsyntax-only. Budgets (docs/usage.md, "Performance"): cold <= 1.10 x syntax-only
# CPU; warm <= 0.05 x cold.
#
# Needs root (apt-get) and the network to Debian's mirrors.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=sources.sh
source "$here/sources.sh"
bench_options driver-bench 21 "$@"
packages=("${args[@]}")
[[ ${#packages[@]} -gt 0 ]] || packages=(leveldb spdlog poco)

# ---- Measurements --------------------------------------------------------------
measure() { python3 "$here/measure.py" "$@"; }
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.3f}' if b else '-')" "$1" "$2"; }

printf '%-10s %5s  %-28s %9s %8s %9s %12s %11s\n' package TUs run "CPU s" "wall s" "RSS MiB" "CPU/syntax" "wall/syntax"
row() { # package units label json base-json
  printf '%-10s %5s  %-28s %9s %8s %9s %12s %11s\n' "$1" "$2" "$3" \
    "$(field "$4" cpu)" "$(field "$4" wall)" "$(field "$4" rss_mib)" \
    "$(ratio "$(field "$4" cpu)" "$(field "$5" cpu)")" \
    "$(ratio "$(field "$4" wall)" "$(field "$5" wall)")"
}

for pkg in "${packages[@]}"; do
  fetch "$pkg"
  configure "$pkg"
  db="$work/$pkg/build/compile_commands.json"
  units="$(python3 -c "import json,sys; print(len({e['file'] for e in json.load(open(sys.argv[1]))}))" "$db")"
  cache="$work/$pkg/cache"
  # The driver's own messages (units it could not analyze) go to a log.
  run() { measure -- "$tool" -p "$db" -j "$jobs" --quiet --cache-dir="$cache" \
            -o "$work/$pkg/report.txt" 2>>"$work/$pkg/driver.log"; }

  # The baseline runs before and after the cold run, and the ratios use
  # the mean of the two: a shared virtual machine's speed drifts over
  # minutes by more than the budget's margin, and whichever runs first
  # would gain from it.
  before="$(measure -- python3 "$here/syntax-only.py" "$db" "$jobs")"
  rm -rf "$cache" "$work/$pkg/driver.log"
  cold="$(run)"
  after="$(measure -- python3 "$here/syntax-only.py" "$db" "$jobs")"
  syntax="$(python3 -c "import json,sys; a,b=(json.loads(x) for x in sys.argv[1:]); print(json.dumps({k: round((a[k]+b[k])/2, 2) for k in ('cpu','wall','rss_mib')} | {'exit': max(a['exit'], b['exit'])}))" "$before" "$after")"
  warm="$(run)"
  # One source file changes (the first of the database): one unit parsed.
  file="$(python3 -c "import json,sys; e=json.load(open(sys.argv[1]))[0]; import os; print(os.path.join(e['directory'], e['file']))" "$db")"
  cp "$file" "$file.bench-orig"
  echo "// driver-bench: changed" >> "$file"
  changed="$(run)"
  mv "$file.bench-orig" "$file"

  row "$pkg" "$units" "clang -fsyntax-only, before" "$before" "$syntax"
  row "$pkg" "$units" "clang -fsyntax-only, after" "$after" "$syntax"
  row "$pkg" "$units" "clang -fsyntax-only, mean" "$syntax" "$syntax"
  row "$pkg" "$units" "driver cold" "$cold" "$syntax"
  row "$pkg" "$units" "driver warm" "$warm" "$syntax"
  row "$pkg" "$units" "driver warm, 1 changed" "$changed" "$syntax"
  # Wall time beside CPU: with every core busy the two ratios are the same;
  # a wall ratio above the CPU ratio is time the workers spent idle.
  printf '%-10s %5s  %-28s warm/cold CPU %s (budget 0.05), cold/syntax CPU %s (budget 1.10), cold/syntax wall %s; exit codes: syntax %s, cold %s\n' \
    "$pkg" "$units" "budgets" \
    "$(ratio "$(field "$warm" cpu)" "$(field "$cold" cpu)")" \
    "$(ratio "$(field "$cold" cpu)" "$(field "$syntax" cpu)")" \
    "$(ratio "$(field "$cold" wall)" "$(field "$syntax" wall)")" \
    "$(field "$syntax" exit)" "$(field "$cold" exit)"
  cp "$work/$pkg/report.txt" "$work/$pkg.report.txt"
done

# ---- The link, 10,000 synthetic units ---------------------------------------------
# --link-only over the fact files, and a whole run from a warm cache holding
# the same facts, side by side.
python3 "$here/link-bench.py" --tool "$tool" --work "$work" -j "$jobs" 10000
say "reports in $work/*.report.txt"
