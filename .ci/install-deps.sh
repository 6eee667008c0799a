#!/usr/bin/env bash
# Installs what shutdown-hazards needs to build and test, from Debian packages
# only. Idempotent: installs only what is missing. Works as root, or through
# sudo otherwise. Used by the README's commands and by CI alike.
#
#   .ci/install-deps.sh            build + test dependencies
#   .ci/install-deps.sh --bench    also what test/bench needs (dpkg-dev for apt-get source)
set -euo pipefail

packages=(
  clang-22 clang-tidy-22 libclang-22-dev llvm-22-dev llvm-22-tools
  libclang-rt-22-dev # AddressSanitizer, UBSan, libFuzzer: the "sanitize" preset
  libgrpc++-dev libprotobuf-dev protobuf-compiler-grpc # clangd's libraries link them (shutdown-clangd)
  clang-tools-22 # scan-build-22, analyze-build-22, clang-extdef-mapping-22 (test/analyzer)
  cmake ninja-build python3
  mingw-w64-x86-64-dev g++-mingw-w64-x86-64-posix
  git
  chromium # loads the HTML report headless (test/driver/html-chromium.test)
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(dpkg-dev)
fi

say() { echo "install-deps: $*" >&2; }

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  say "error: this script needs a Debian system with dpkg and apt-get"
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != installed ]]; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  say "all ${#packages[@]} packages already installed"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo)
else
  say "error: missing packages (${missing[*]}) and not root, and sudo is not available"
  exit 1
fi

say "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! "${as_root[@]}" apt-get update -q >/dev/null; then
  say "error: 'apt-get update' failed; check the network and /etc/apt/sources.list.d"
  exit 1
fi
for p in "${missing[@]}"; do
  if ! apt-cache show "$p" >/dev/null 2>&1; then
    say "error: package '$p' is not known to apt (LLVM 22 comes from bookworm-security on Debian 12)"
    exit 1
  fi
done
if ! "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/install-deps.$$.log 2>&1; then
  tail -n 20 /tmp/install-deps.$$.log >&2
  say "error: 'apt-get install ${missing[*]}' failed (log above)"
  exit 1
fi
rm -f /tmp/install-deps.$$.log
for p in "${missing[@]}"; do
  if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != installed ]]; then
    say "error: package '$p' is still not installed"
    exit 1
  fi
done
say "installed ${#missing[@]} package(s)"
