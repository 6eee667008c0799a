#!/bin/sh
# Mutation check of the two loader-lock rules: for each root kind they start
# from, make the model forget it (the kind's root no longer runs under the
# loader lock, nor at a DLL's process exit), rebuild, and expect the lit
# tests of the two checks to fail. A kind whose removal no test notices is
# a kind without a test. The source is restored after each mutation, and
# rebuilt at the end.
#
# Usage, from the top of a configured and built clone:
#   test/tools/mutate-root-kinds.sh [build-dir [kind...]]
# (every kind when none is named).
# Prints one line per kind ("caught" or "MISSED"); exits 1 if one is missed.
set -u
BUILD=${1:-build}
[ $# -gt 0 ] && shift
KINDS=${*:-DllEntry TlsCallback StaticInitializer StaticDestructor AtExit DestructorFunction ConstructorFunction}
RULE=checkers/model/rules/LoaderLockCallInDllMain.cpp
WAIT=checkers/model/rules/WaitForSignalAtProcessExit.cpp
LIT=/usr/lib/llvm-22/bin/lit
FILTER='checks/loader-lock|checks/wait-for-signal|checks/example-telemetry|driver/cross-tu-loader-lock'
cp "$RULE" "$RULE.orig" && cp "$WAIT" "$WAIT.orig" || exit 2
# The restored files are touched: they must be newer than the mutants'
# objects, or the build would keep a mutant.
restore() {
  mv "$RULE.orig" "$RULE"
  mv "$WAIT.orig" "$WAIT"
  touch "$RULE" "$WAIT"
}
trap restore EXIT INT TERM
missed=0
for kind in $KINDS; do
  cp "$RULE.orig" "$RULE"
  cp "$WAIT.orig" "$WAIT"
  for f in "$RULE" "$WAIT"; do
    sed -i -e "/^bool runs\(UnderLoaderLock\|AtDllProcessExit\)(const RootFact &R) {/a\\
  if (R.Kind == RootKind::$kind)\\
    return false;" "$f"
  done
  if ! cmake --build "$BUILD" --target shutdown-tidy ShutdownHazardsTidyPlugin \
       shutdown-hazards >/dev/null 2>&1; then
    echo "$kind: the mutant does not build"; missed=1; continue
  fi
  if "$LIT" -q "$BUILD/test" --filter "$FILTER" >/dev/null 2>&1; then
    echo "$kind: MISSED (the tests pass without it)"; missed=1
  else
    echo "$kind: caught"
  fi
done
restore
trap - EXIT INT TERM
cmake --build "$BUILD" --target shutdown-tidy ShutdownHazardsTidyPlugin \
  shutdown-hazards >/dev/null 2>&1
exit $missed
