# Debian source packages as CMake compilation databases, for the benchmarks
# and the real-code test. Sourced; expects $work (a scratch directory) and
# say() to be defined.
#
#   fetch PKG              apt-get build-dep + source into $work/PKG/src
#   configure PKG [BUILD [SRC]]
#                          CMake from SRC (default $work/PKG/src) into BUILD
#                          (default $work/PKG/build) with clang-22 and
#                          CMAKE_EXPORT_COMPILE_COMMANDS=ON; extra CMake
#                          options in $extra_cmake_flags

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
)

fetch() {
  local pkg="$1"
  local dir="$work/$pkg"
  if [[ -d "$dir/src" ]]; then return; fi
  enable_deb_src
  command -v dpkg-source >/dev/null || apt-get install -y -q --no-install-recommends dpkg-dev >/dev/null
  say "$pkg: apt-get build-dep, apt-get source"
  DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -q --no-install-recommends "$pkg" >"$work/$pkg.deps.log" 2>&1
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
