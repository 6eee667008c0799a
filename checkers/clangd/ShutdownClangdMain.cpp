//===- ShutdownClangdMain.cpp - clangd with the shutdown-* checks ---------===//
//
// clangd's own main (libclangdMain.a, clang::clangd::clangdMain). The
// shutdown-hazards clang-tidy module is linked in as object files, so
// clang-tidy's module registry, which clangd reads, holds its checks beside
// every check of the release. Flags and behaviour are clangd's.
//
//===----------------------------------------------------------------------===//

#include "clang/Options/OptionUtils.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/StringSaver.h"
#include <string>

namespace clang::clangd {
// Defined in libclangdMain.a; Debian ships no header for it.
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

// Whether a command-line word sets clangd's --resource-dir.
static bool setsResourceDir(llvm::StringRef Arg) {
  if (!Arg.consume_front("-"))
    return false;
  Arg.consume_front("-");
  return Arg == "resource-dir" || Arg.starts_with("resource-dir=");
}

// Whether the user chose a resource directory. clangd reads CLANGD_FLAGS
// before the command line and the last occurrence of an option wins, so an
// inserted --resource-dir would override the one in CLANGD_FLAGS.
static bool userSetsResourceDir(int Argc, char **Argv) {
  for (int I = 1; I < Argc; ++I)
    if (setsResourceDir(Argv[I]))
      return true;
  std::optional<std::string> Env = llvm::sys::Process::GetEnv("CLANGD_FLAGS");
  if (!Env)
    return false;
  llvm::BumpPtrAllocator Alloc;
  llvm::StringSaver Saver(Alloc);
  llvm::SmallVector<const char *, 16> Words;
  llvm::cl::TokenizeGNUCommandLine(*Env, Saver, Words);
  for (const char *W : Words)
    if (W && setsResourceDir(W))
      return true;
  return false;
}

int main(int argc, char **argv) {
  // clangd looks for the compiler's resource directory (stddef.h,
  // intrinsics) next to its own executable. Outside LLVM's install tree
  // there is none: use the installed clang's unless the user chose one.
  std::string Own =
      clang::GetResourcesPath(argv[0], reinterpret_cast<void *>(&main));
  std::string Flag =
      std::string("--resource-dir=") + SHUTDOWN_CLANG_RESOURCE_DIR;
  llvm::SmallVector<char *, 32> Args(argv, argv + argc);
  if (!llvm::sys::fs::is_directory(Own) && !userSetsResourceDir(argc, argv))
    Args.insert(Args.begin() + 1, Flag.data());
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1,
                                   Args.data());
}
