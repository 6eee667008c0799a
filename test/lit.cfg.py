# lit configuration of the shutdown-hazards test suite.
import os
import shutil
import sys

import lit.formats
import lit.util

config.name = "shutdown-hazards"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".c", ".test"]
config.excludes = ["Inputs", "bench", "tools", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.shutdown_obj_root, "lit")

# LLVM 22's tools first: the unversioned ones on PATH are older.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.shutdown_bin_dir, config.environment.get("PATH", "")])
# Plugins load lazily; bind now so an unresolved symbol fails at --load.
config.environment["LD_BIND_NOW"] = "1"
# Deterministic, colourless output.
config.environment["TERM"] = "dumb"
# Built with the sanitizers (the "sanitize" preset, CMakeLists.txt): every
# process of the suite preloads their runtime, so that Debian's clang-tidy-22
# and clang-22 can load the instrumented plugins. Leak checking is off: the
# uninstrumented programs the suite runs (python, perl, clang-22) would be
# reported for what they never free; the fuzz targets check for leaks.
# LLVM's allocators poison the memory they hold in reserve when their inline
# code is compiled with AddressSanitizer, and unpoison what they hand out; here
# that code is instrumented in our plugins and not in Debian's libLLVM and
# libclang-cpp, which share those allocators (the analyzer's program states),
# so that poisoning is turned off: memory handed out by the library's copy of
# the code would stay poisoned, and every read of it would be reported.
if config.sanitizer_runtime:
    config.environment["LD_PRELOAD"] = config.sanitizer_runtime
    config.environment["ASAN_OPTIONS"] = "detect_leaks=0:allow_user_poisoning=0"
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1"
    config.available_features.add("sanitized")

tidy_flags = "--quiet --checks='-*,shutdown-*'"
plugin = config.shutdown_plugin
config.substitutions.append(("%mingw", "--target=x86_64-w64-mingw32"))
config.substitutions.append(("%clang_tidy_plugin",
                             f"{config.clang_tidy} --load={plugin} {tidy_flags}"))
config.substitutions.append(("%shutdown_tidy",
                             f"{os.path.join(config.shutdown_bin_dir, 'shutdown-tidy')} {tidy_flags}"))
config.substitutions.append(("%clang_tidy", config.clang_tidy))
config.substitutions.append(("%shutdown_plugin", plugin))
config.substitutions.append(("%shutdown-hazards",
                             os.path.join(config.shutdown_bin_dir, "shutdown-hazards")))
config.substitutions.append(("%clangxx", config.clang))
# One translation unit's facts, as text (test/tools/dump-facts.cpp).
config.substitutions.append(("%dump_facts",
                             os.path.join(config.shutdown_bin_dir, "shutdown-dump-facts")))
# Driver tests check JSON and SARIF reports with Python (test/driver/Inputs).
config.substitutions.append(("%python", sys.executable))
# A FIFO with no writer makes a worker hang (test/driver/worker-failures.test).
if shutil.which("mkfifo"):
    config.available_features.add("mkfifo")
# The build tree, and CMake, for the test of the install rules (test/install).
config.substitutions.append(("%cmake", config.cmake))
config.substitutions.append(("%shutdown_build_dir", config.shutdown_build_dir))
# The fuzz targets, in the "sanitize" preset's tree (test/fuzz).
if config.fuzz:
    config.available_features.add("fuzz")
    config.substitutions.append(("%fuzz_bin", os.path.join(config.shutdown_build_dir, "fuzz")))
config.substitutions.append(("%S_example", os.path.join(config.shutdown_source_dir, "docs", "example")))

# shutdown-clangd is built where gRPC and protobuf are installed
# (CMakeLists.txt); its LSP sessions (test/clangd) need it.
shutdown_clangd = os.path.join(config.shutdown_bin_dir, "shutdown-clangd")
if os.path.exists(shutdown_clangd):
    config.available_features.add("shutdown-clangd")
    config.substitutions.append(("%shutdown_clangd", shutdown_clangd))
    config.substitutions.append(("%shutdown_build", os.path.dirname(config.shutdown_bin_dir)))
    config.substitutions.append(("%clangd_session",
                                 f"{sys.executable} {os.path.join(config.test_source_root, 'clangd', 'Inputs', 'session.py')}"))

# The HTML report is loaded in a headless browser where one is installed
# (.ci/install-deps.sh installs Debian's chromium): test/driver/html-chromium.test.
# Chromium brings its own allocator, so it runs without the sanitizers'
# runtime that the sanitized suite preloads everywhere else.
if os.path.exists("/usr/bin/chromium"):
    config.available_features.add("chromium")
    config.substitutions.append(
        ("%chromium", "env -u LD_PRELOAD /usr/bin/chromium --headless --no-sandbox --disable-gpu "
                      "--no-first-run --disable-background-networking "
                      "--disable-component-update --disable-sync"))


# ---- The Clang Static Analyzer plugin (test/analyzer) ----------------------
import shlex
import subprocess

analyzer_plugin = os.path.join(os.path.dirname(plugin), "ShutdownHazardsAnalyzerPlugin.so")
config.substitutions.append(("%analyzer_plugin", analyzer_plugin))
# cc1 with the plugin loaded, as clang's analyzer tests run it; a test
# names the checkers (-analyzer-checker=shutdown for all of them).
config.substitutions.append(
    ("%clang_analyze_cc1",
     f"{config.clang} -cc1 -analyze -setup-static-analyzer -load {analyzer_plugin}"))
# The driver with the plugin, its checkers only.
config.substitutions.append(
    ("%clang_analyze",
     f"{config.clang} --analyze --analyzer-no-default-checks -Xclang -load "
     f"-Xclang {analyzer_plugin} -Xclang -analyzer-checker=shutdown"))


def cc1_target_flags(target):
    """What the driver tells cc1 about a target's headers and language: its
    triple, the C++ and system include directories (MinGW's windows.h and
    libstdc++ for x86_64-w64-mingw32), exceptions and atexit flavour. cc1 run
    directly knows none of them."""
    args = [config.clang, "-###", "-fsyntax-only", "-x", "c++", os.devnull]
    if target:
        args.insert(1, "--target=" + target)
    out = subprocess.run(args, capture_output=True, text=True).stderr
    cc1 = shlex.split([l for l in out.splitlines() if '"-cc1"' in l][-1])
    with_value = {"-triple", "-resource-dir", "-internal-isystem",
                  "-internal-externc-isystem", "-isysroot"}
    singles = ("-fgnuc-version=", "-exception-model=", "-fcxx-exceptions",
               "-fexceptions", "-fno-use-cxa-atexit", "-fms-", "-fdeclspec")
    keep, i = [], 0
    while i < len(cc1):
        if cc1[i] in with_value and i + 1 < len(cc1):
            keep += cc1[i:i + 2]
            i += 2
            continue
        if cc1[i].startswith(singles):
            keep.append(cc1[i])
        i += 1
    return " ".join(shlex.quote(a) for a in keep)


config.substitutions.append(("%cc1_mingw", cc1_target_flags("x86_64-w64-mingw32")))
config.substitutions.append(("%cc1_host", cc1_target_flags(None)))
tools_dir = config.llvm_tools_dir
config.substitutions.append(("%scan_build", os.path.join(tools_dir, "scan-build")))
config.substitutions.append(("%analyze_build", os.path.join(tools_dir, "analyze-build")))
config.substitutions.append(("%extdef_mapping", os.path.join(tools_dir, "clang-extdef-mapping")))
# The example's compilation database, as CMake configures it in the build tree.
config.substitutions.insert(0, ("%S_example_build",
                                os.path.join(os.path.dirname(config.shutdown_obj_root), "docs", "example")))
