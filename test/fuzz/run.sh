#!/usr/bin/env bash
# Runs each fuzz target for a given time, one after the other.
#
#   test/fuzz/run.sh [--build DIR] [SECONDS] [TARGET...]
#
# DIR: the "sanitize" preset's build tree (default build-sanitize), where
# `cmake --build --preset sanitize` built the targets into fuzz/. SECONDS:
# per target (default 30). TARGET: CompileDb, Facts, Baseline, ChangedLines,
# Config (default all).
#
# Each target starts from its seed corpus (test/fuzz/corpus/<Target>) and
# the inputs that crashed it before (test/fuzz/crashes/<Target>), in a
# scratch copy: the committed corpus does not grow by itself. An input that
# crashes a target, leaks, or takes more than 10 s is written to
# test/fuzz/crashes/<Target>/; commit it and it stays a regression test
# (test/fuzz/regressions.test runs every one). Exits 1 when a target found
# one, 2 when the targets are not built.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="$repo/build-sanitize"
seconds=30
targets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build="$(cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    [0-9]*) seconds="$1"; shift ;;
    *) targets+=("$1"); shift ;;
  esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=(CompileDb Facts Baseline ChangedLines Config)

# The targets link the sanitizers' shared runtime, which must be the first
# library the process loads (libFuzzer puts libstdc++ before it).
runtime="$(clang++-22 -print-file-name=libclang_rt.asan-x86_64.so)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
found=0
for t in "${targets[@]}"; do
  bin="$build/fuzz/${t}Fuzzer"
  if [[ ! -x "$bin" ]]; then
    echo "fuzz: $bin is not built (cmake --preset sanitize && cmake --build --preset sanitize)" >&2
    exit 2
  fi
  mkdir -p "$work/$t" "$here/crashes/$t"
  cp "$here/corpus/$t/"* "$here/crashes/$t/"* "$work/$t/" 2>/dev/null || true
  log="$work/$t.log"
  status=0
  # One process, so that the time given is the time spent; a crash stops it.
  LD_PRELOAD="$runtime" nice -n 10 "$bin" "$work/$t" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$here/crashes/$t/" >"$log" 2>&1 || status=$?
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
  if [[ $status -ne 0 ]]; then
    found=1
    echo "fuzz: $t: FAILED (exit $status) after ${runs:-?} runs; the input is in test/fuzz/crashes/$t/:" >&2
    grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -n 5 >&2 || true
  else
    echo "fuzz: $t: ${runs:-?} runs in ${seconds} s, no crash"
  fi
done
exit $found
