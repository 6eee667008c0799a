#!/usr/bin/env bash
# Real code as a test: Debian source packages through the driver, each
# report checked with FileCheck against real-code.check, and scored against
# the findings that file expects (its "# expect" lines).
#
#   test/bench/real-code.sh [-j N] [--work DIR] [--tool PATH] [--cold] [PKG...]
#
#   leveldb        no finding: its Env singleton is never destroyed.
#   spdlog         library, tests, example: no finding. spdlog::shutdown()
#                  (called by example/example.cpp) resets the registry's
#                  thread pool and flusher in ordinary code: the safety net.
#   spdlog-nostop  the same without the two resets: the singleton finding
#                  and both teardown joins.
#   spdlog-alone   the library alone (src/*.cpp): nothing calls
#                  spdlog::shutdown(), public API: both teardown joins as
#                  contract warnings that name it, no singleton finding.
#   cpprest        library and samples: the shared thread pool, a
#                  function-local static destroyed by an explicit destructor
#                  call, joins its Boost.Asio threads at exit; no stop exists.
#   log4cplus      library, tests, logging server: no finding. The default
#                  context's appenders join their threads at exit only if
#                  deinitialize() (log4cplus::Initializer in every main) has
#                  not closed them, behind an early exit on the thread's flags.
#   google-glog    library and tests: no static object owns a thread.
#   zeromq3        libzmq alone: threads belong to contexts on the heap.
#   onetbb         libtbb alone: at exit the workers are released without
#                  a join (blocking termination is tbb::finalize's, explicit).
#   thrift         libthrift (C++) alone: no static object owns a thread.
#   poco           Foundation and its samples: the default ThreadPool,
#                  deleted by a static holder at exit, joins its threads
#                  with a 10 s bound; nothing stops it before.
#   cryfs          cpp-utils and the command line (an application using
#                  Boost.Thread and spdlog from /usr/include): the
#                  PseudoRandom() pool's refill thread is joined by its
#                  static's destructor; nothing stops it before.
#
# Prints one line per package and, last, recall (expected findings reported
# / expected findings) and false positives (reported findings not expected)
# over the packages run. Exits non-zero when a package does not match.
#
# Needs root (apt-get build-dep/source) and Debian's mirrors; shares its
# downloads with driver-bench.sh. Facts are cached per package under the
# work directory (the cache key holds the tool's build); --cold empties the
# caches first.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
filecheck=/usr/lib/llvm-22/bin/FileCheck
expectations="$here/real-code.check"
# shellcheck source=sources.sh
source "$here/sources.sh"
bench_options real-code 44 "$@"
cold=0
packages=()
for a in "${args[@]}"; do
  case "$a" in
    --cold) cold=1 ;;
    -*) echo "real-code: unknown argument '$a'" >&2; exit 2 ;;
    *) packages+=("$a") ;;
  esac
done
all=(leveldb spdlog spdlog-nostop spdlog-alone cpprest log4cplus google-glog zeromq3 onetbb thrift poco cryfs)
[[ ${#packages[@]} -gt 0 ]] || packages=("${all[@]}")
for p in "${packages[@]}"; do
  [[ " ${all[*]} " == *" $p "* ]] ||
    { echo "real-code: unknown package '$p' (known: ${all[*]})" >&2; exit 2; }
done

# The translation units of a database whose file matches a regex.
slice_units() { # compile_commands.json regex
  python3 - "$1" "$2" <<'EOF'
import json, os, re, sys
files = set()
for e in json.load(open(sys.argv[1])):
    f = os.path.join(e["directory"], e["file"])
    if re.search(sys.argv[2], f):
        files.add(f)
print("\n".join(sorted(files)))
EOF
}

# Findings of a JSON report against the "# expect PREFIX path:line rule"
# lines: prints "expected reported matched" and, on stderr, each finding
# missed and each one not expected.
score() { # prefix report.json
  python3 - "$1" "$2" "$expectations" <<'EOF'
import json, sys
prefix, report, check = sys.argv[1:]
want = []
for line in open(check):
    f = line.split()
    if len(f) == 5 and f[:3] == ["#", "expect", prefix]:
        path, _, lineno = f[3].rpartition(":")
        want.append((path, int(lineno), f[4]))
doc = json.load(open(report))
got = [(x["file"], x["line"], x["rule"]) for x in doc["findings"]]
def same(w, g):
    # JSON paths are relative to the root when inside it, else absolute;
    # an expected path is absolute, or relative to the package's sources.
    full = g[0] if g[0].startswith("/") else doc["root"].rstrip("/") + "/" + g[0]
    path = full == w[0] or (not w[0].startswith("/") and
                            full.endswith("/" + w[0]))
    return path and g[1] == w[1] and g[2] == w[2]
hit = [w for w in want if any(same(w, g) for g in got)]
for w in want:
    if w not in hit:
        print(f"  missed:     {w[0]}:{w[1]} [{w[2]}]", file=sys.stderr)
extra = [g for g in got if not any(same(w, g) for w in want)]
for g in extra:
    print(f"  unexpected: {g[0]}:{g[1]} [{g[2]}]", file=sys.stderr)
print(len(want), len(got), len(hit))
EOF
}

failed=0
total_expected=0 total_matched=0 total_unexpected=0
check() { # name build-dir expected-exit-code [units...]
  local name="$1" build="$2" want="$3" got=0 prefix start=$SECONDS
  shift 3
  prefix="$(tr a-z- A-Z_ <<<"$name")"
  [[ $cold == 0 ]] || rm -rf "$work/$name.cache"
  "$tool" -p "$build" -j "$jobs" --quiet --allow-parse-errors \
    --cache-dir="$work/$name.cache" -o "$work/$name.report.txt" "$@" \
    2>"$work/$name.driver.log" || got=$?
  local seconds=$(( SECONDS - start ))
  # The same run again from the cache, as JSON: the findings to score, and
  # how each thread of a static object stops (the inventory).
  "$tool" -p "$build" -j "$jobs" --quiet --allow-parse-errors \
    --cache-dir="$work/$name.cache" --format=json -o "$work/$name.report.json" "$@" \
    2>>"$work/$name.driver.log" || true
  local counts expected reported matched
  counts="$(score "$prefix" "$work/$name.report.json" 2>"$work/$name.score.log")"
  read -r expected reported matched <<<"$counts"
  total_expected=$(( total_expected + expected ))
  total_matched=$(( total_matched + matched ))
  total_unexpected=$(( total_unexpected + reported - matched ))
  local units
  units="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["translationUnits"])' "$work/$name.report.json" 2>/dev/null || echo '?')"
  local verdict="as expected"
  if [[ "$got" != "$want" ]]; then
    verdict="exit code $got, expected $want (see $work/$name.driver.log)"
  elif ! "$filecheck" "$expectations" --check-prefix="$prefix" \
         --implicit-check-not='{{warning|error}}:' --allow-empty \
         < "$work/$name.report.txt" 2>"$work/$name.filecheck.log"; then
    verdict="the report does not match ($work/$name.report.txt, $work/$name.filecheck.log)"
  elif grep -q "^${prefix}_OWNERS" "$expectations" &&
       ! "$filecheck" "$expectations" --check-prefix="${prefix}_OWNERS" \
           --allow-empty < "$work/$name.report.json" 2>>"$work/$name.filecheck.log"; then
    verdict="the thread owners do not match ($work/$name.report.json)"
  fi
  [[ "$verdict" == "as expected" ]] || failed=1
  say "$name: $units units, $expected expected, $reported reported, $matched of them expected, ${seconds} s: $verdict"
  sed 's/^/real-code: /' "$work/$name.score.log" >&2
}

prepare() { # name: fetch and configure, then run check
  case "$1" in
    spdlog-alone) prepare spdlog ;;
    spdlog-nostop)
      prepare spdlog
      # A copy without the explicit stop, configured as Debian's.
      nostop="$work/spdlog-nostop"
      if [[ ! -d "$nostop/src" ]]; then
        mkdir -p "$nostop"
        cp -r "$work/spdlog/src" "$nostop/src"
        sed -i -e '/tp_\.reset();/d' -e '/periodic_flusher_\.reset();/d' \
          "$nostop/src/include/spdlog/details/registry-inl.h"
      fi
      configure spdlog "$nostop/build" "$nostop/src" ;;
    poco)
      # Foundation alone (with its samples, without its test suite).
      fetch poco
      extra_cmake_flags="$(printf -- '-DENABLE_%s=OFF ' ENCODINGS XML JSON MONGODB DATA \
        DATA_SQLITE DATA_MYSQL DATA_POSTGRESQL DATA_ODBC REDIS UTIL NET NETSSL CRYPTO JWT ZIP \
        PAGECOMPILER PAGECOMPILER_FILE2PAGE ACTIVERECORD ACTIVERECORD_COMPILER APACHECONNECTOR)" \
        configure poco "$work/poco/build-foundation" ;;
    cryfs)
      fetch cryfs
      extra_cmake_flags="-DDEPENDENCY_CONFIG=$work/cryfs/src/cmake-utils/DependenciesFromLocalSystem.cmake" \
        configure cryfs ;;
    *) fetch "$1"; configure "$1" ;;
  esac
}

start=$SECONDS
for p in "${packages[@]}"; do
  case "$p" in
    leveldb|spdlog|google-glog|zeromq3|onetbb|thrift|log4cplus) want=0 ;;
    spdlog-nostop|spdlog-alone|cpprest|poco|cryfs) want=1 ;;
  esac
  prepare "$p"
  case "$p" in
    spdlog-nostop) check "$p" "$work/spdlog-nostop/build" "$want" ;;
    spdlog-alone)
      mapfile -t slice < <(slice_units "$work/spdlog/build/compile_commands.json" '/src/src/[^/]*\.cpp$')
      check "$p" "$work/spdlog/build" "$want" "${slice[@]}" ;;
    poco)
      mapfile -t slice < <(slice_units "$work/poco/build-foundation/compile_commands.json" '/Foundation/(src|samples)/.*\.cpp$')
      check "$p" "$work/poco/build-foundation" "$want" "${slice[@]}" ;;
    cryfs)
      mapfile -t slice < <(slice_units "$work/cryfs/build/compile_commands.json" '/src/src/(cpp-utils|cryfs-cli)/')
      check "$p" "$work/cryfs/build" "$want" "${slice[@]}" ;;
    *) check "$p" "$work/$p/build" "$want" ;;
  esac
done
say "$(( SECONDS - start )) s"
recall="$total_matched/$total_expected"
say "recall $recall (expected findings reported / expected findings), false positives $total_unexpected (reported findings not expected)"
exit "$failed"
