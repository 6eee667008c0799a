#!/usr/bin/env bash
# Real code as a test: Debian's leveldb and spdlog sources through the
# driver, each report checked with FileCheck against real-code.check.
#
#   test/bench/real-code.sh [-j N] [--work DIR] [--tool PATH]
#
#   leveldb        no finding: its Env singleton is never destroyed.
#   spdlog         as Debian configures it (library, tests, example): no
#                  finding. The registry singleton's thread pool and flusher
#                  are joined by its destructor at exit, but spdlog::shutdown()
#                  (public API, called by example/example.cpp) resets both in
#                  ordinary code: the safety net of DESIGN.md §1. The JSON
#                  report's inventory names both threads as stopped
#                  explicitly, with the way from main to each join.
#   spdlog-nostop  the same sources with the two resets deleted from
#                  registry::shutdown(): a registry without an explicit stop.
#                  The singleton finding and both teardown joins, with their
#                  chains from the registry's static instance.
#
# Needs root (apt-get build-dep/source) and Debian's mirrors; shares its
# downloads with driver-bench.sh. 54 to 83 s on 2 cores with the downloads
# and builds already there (three databases of about 30 units, parsed cold).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
filecheck=/usr/lib/llvm-22/bin/FileCheck
# shellcheck source=sources.sh
source "$here/sources.sh"
bench_options real-code 22 "$@"
[[ ${#args[@]} -eq 0 ]] || { echo "real-code: unknown argument '${args[0]}'" >&2; exit 2; }

start=$SECONDS
fetch leveldb
configure leveldb
fetch spdlog
configure spdlog
# A copy without the explicit stop, configured as Debian's.
nostop="$work/spdlog-nostop"
if [[ ! -d "$nostop/src" ]]; then
  mkdir -p "$nostop"
  cp -r "$work/spdlog/src" "$nostop/src"
  sed -i -e '/tp_\.reset();/d' -e '/periodic_flusher_\.reset();/d' \
    "$nostop/src/include/spdlog/details/registry-inl.h"
fi
configure spdlog "$nostop/build" "$nostop/src"

failed=0
check() { # name build-dir expected-exit-code
  local name="$1" build="$2" want="$3" got=0 prefix
  prefix="$(tr a-z- A-Z_ <<<"$name")"
  rm -rf "$work/$name.cache"
  "$tool" -p "$build" -j "$jobs" --quiet --cache-dir="$work/$name.cache" \
    -o "$work/$name.report.txt" 2>"$work/$name.driver.log" || got=$?
  if [[ "$got" != "$want" ]]; then
    say "$name: exit code $got, expected $want (see $work/$name.driver.log)"
    failed=1
  elif ! "$filecheck" "$here/real-code.check" --check-prefix="$prefix" \
         --implicit-check-not='{{warning|error}}:' --allow-empty \
         < "$work/$name.report.txt"; then
    say "$name: the report does not match ($work/$name.report.txt)"
    failed=1
  # The same run again from the cache, as JSON: how each thread of a static
  # object stops (the inventory).
  elif ! { "$tool" -p "$build" -j "$jobs" --quiet --cache-dir="$work/$name.cache" \
             --format=json -o "$work/$name.report.json" 2>>"$work/$name.driver.log" || true
           "$filecheck" "$here/real-code.check" --check-prefix="${prefix}_OWNERS" \
             --allow-empty < "$work/$name.report.json"; }; then
    say "$name: the thread owners do not match ($work/$name.report.json)"
    failed=1
  else
    say "$name: as expected"
  fi
}
check leveldb "$work/leveldb/build" 0
check spdlog "$work/spdlog/build" 0
check spdlog-nostop "$nostop/build" 1
say "$(( SECONDS - start )) s"
exit "$failed"
