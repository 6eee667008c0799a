//===- ShutdownTidyMain.cpp - clang-tidy with the shutdown-* checks -------===//
//
// clang-tidy's own main. The shutdown-hazards module is linked in as object
// files, so its registration is part of this executable; every check of the
// clang-tidy release it is built against is available too.
//
//===----------------------------------------------------------------------===//

#include "tool/ClangTidyMain.h"
#include "clang/Options/OptionUtils.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include <string>

int main(int argc, const char **argv) {
  // Outside LLVM's install tree, the resource directory that clang derives
  // from this executable's path does not exist: use the installed clang's
  // unless the user passed one.
  std::string Own =
      clang::GetResourcesPath(argv[0], reinterpret_cast<void *>(&main));
  std::string Flag = std::string("--extra-arg-before=-resource-dir=") +
                     SHUTDOWN_CLANG_RESOURCE_DIR;
  llvm::SmallVector<const char *, 32> Args(argv, argv + argc);
  if (!llvm::sys::fs::is_directory(Own))
    Args.insert(Args.begin() + 1, Flag.c_str());
  return clang::tidy::clangTidyMain(static_cast<int>(Args.size()), Args.data());
}
