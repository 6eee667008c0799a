# Debian source packages as CMake compilation databases, for the benchmarks
# and the real-code test, and the options those scripts share. Sourced;
# expects $repo (the project's root).
#
#   bench_options NAME HELP_END [ARGS...]
#                          reads -j N, --work DIR, --tool PATH and -h (prints
#                          lines 2 to HELP_END of the script); sets $jobs,
#                          $work (made), $tool (checked), and $args (the
#                          rest); say() then prefixes messages with NAME
#   fetch PKG              apt-get build-dep (or the packages of build_deps)
#                          + source into $work/PKG/src
#   configure PKG [BUILD [SRC]]
#                          CMake from SRC (default $work/PKG/src) into BUILD
#                          (default $work/PKG/build) with clang-22 and
#                          CMAKE_EXPORT_COMPILE_COMMANDS=ON; extra CMake
#                          options in $extra_cmake_flags

bench_options() {
  bench_name="$1"
  local help_end="$2"
  shift 2
  jobs="$(nproc)"
  work="${TMPDIR:-/tmp}/shutdown-hazards-bench"
  tool="$repo/build/bin/shutdown-hazards"
  args=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -j) jobs="$2"; shift 2 ;;
      -j*) jobs="${1#-j}"; shift ;;
      --work) work="$2"; shift 2 ;;
      --tool) tool="$2"; shift 2 ;;
      -h|--help) sed -n "2,${help_end}p" "$0"; exit 0 ;;
      *) args+=("$1"); shift ;;
    esac
  done
  [[ -x "$tool" ]] || { echo "$bench_name: no driver at $tool (build it, or pass --tool)" >&2; exit 2; }
  mkdir -p "$work"
}
say() { echo "$bench_name: $*" >&2; }

enable_deb_src() {
  if grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ ||
     grep -qs '^deb-src ' /etc/apt/sources.list; then
    return
  fi
  say "enabling deb-src (/etc/apt/sources.list.d/debian-src.sources)"
  sed -e 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
    > /etc/apt/sources.list.d/debian-src.sources
  apt-get update -q >/dev/null
}

# Per package: CMake options that give the most translation units without a
# build step (no generated sources; no precompiled headers, which only a
# build would make).
declare -A cmake_flags=(
  [leveldb]="-DLEVELDB_BUILD_TESTS=OFF -DLEVELDB_BUILD_BENCHMARKS=OFF"
  [spdlog]="-DSPDLOG_FMT_EXTERNAL=ON -DSPDLOG_BUILD_EXAMPLE=ON -DSPDLOG_BUILD_TESTS=ON -DSPDLOG_BUILD_SHARED=OFF"
  [cppcheck]="-DBUILD_TESTS=ON -DUSE_MATCHCOMPILER=Off -DBUILD_GUI=OFF -DHAVE_RULES=OFF"
  [poco]="-DENABLE_TESTS=ON -DPOCO_UNBUNDLED=ON"
  [cpprest]="-DBUILD_TESTS=OFF -DBUILD_SAMPLES=ON -DWERROR=OFF"
  [log4cplus]="-DWITH_UNIT_TESTS=OFF -DLOG4CPLUS_BUILD_TESTING=ON"
  [google-glog]="-DBUILD_TESTING=ON"
  [zeromq3]="-DBUILD_TESTS=OFF -DWITH_PERF_TOOL=OFF -DENABLE_PRECOMPILED=OFF -DWITH_DOCS=OFF -DWITH_DOC=OFF"
  [onetbb]="-DTBB_TEST=OFF -DTBB_STRICT=OFF -DTBBMALLOC_BUILD=OFF -DTBB_ENABLE_IPO=OFF"
  [cryfs]="-DBUILD_TESTING=OFF -DCRYFS_UPDATE_CHECKS=OFF -DDISABLE_ASM=ON -DDISABLE_OPENMP=ON"
  [thrift]="-DBUILD_CPP=ON -DBUILD_C_GLIB=OFF -DBUILD_JAVA=OFF -DBUILD_JAVASCRIPT=OFF -DBUILD_NODEJS=OFF -DBUILD_PYTHON=OFF -DBUILD_KOTLIN=OFF -DBUILD_HASKELL=OFF -DBUILD_COMPILER=OFF -DBUILD_TESTING=OFF -DBUILD_TUTORIALS=OFF -DWITH_QT5=OFF"
)

# Packages whose build dependencies are far more than their C++ part needs
# (other languages' toolchains): these Debian packages instead of build-dep.
declare -A build_deps=(
  [thrift]="libboost-dev libevent-dev libssl-dev zlib1g-dev"
)

fetch() {
  local pkg="$1"
  local dir="$work/$pkg"
  if [[ -d "$dir/src" ]]; then return; fi
  enable_deb_src
  command -v dpkg-source >/dev/null || apt-get install -y -q --no-install-recommends dpkg-dev >/dev/null
  say "$pkg: build dependencies, apt-get source"
  if [[ -n "${build_deps[$pkg]:-}" ]]; then
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${build_deps[$pkg]} >"$work/$pkg.deps.log" 2>&1
  else
    DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -q --no-install-recommends "$pkg" >"$work/$pkg.deps.log" 2>&1
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$dir" && apt-get source -q "$pkg" >"$work/$pkg.source.log" 2>&1)
  local src
  src="$(find "$dir" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
  mv "$src" "$dir/src"
}

configure() {
  local pkg="$1" build="${2:-$work/$1/build}" src="${3:-$work/$1/src}"
  if [[ -f "$build/compile_commands.json" ]]; then return; fi
  say "$pkg: cmake configure ($build)"
  # shellcheck disable=SC2086
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON \
    ${cmake_flags[$pkg]:-} ${extra_cmake_flags:-} >"$build.cmake.log" 2>&1 ||
    { say "$pkg: cmake failed, see $build.cmake.log"; return 1; }
}
