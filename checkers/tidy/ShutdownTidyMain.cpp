//===- ShutdownTidyMain.cpp - clang-tidy with the shutdown-* checks -------===//
//
// clang-tidy's own main. The shutdown-hazards module is linked in as object
// files, so its registration is part of this executable; every check of the
// clang-tidy release it is built against is available too.
//
// The shutdown-* checks are enabled by default: a project's .clang-tidy
// lists the checks it runs with clang-tidy, and usually starts with '-*'.
//
//===----------------------------------------------------------------------===//

#include "tool/ClangTidyMain.h"
#include "clang/Options/OptionUtils.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/StringSaver.h"
#include <string>

static constexpr llvm::StringLiteral OurChecks = "shutdown-*";

// clang-tidy appends --checks to the Checks of the .clang-tidy files and the
// later glob wins, so putting shutdown-* first in --checks enables the
// checks whatever the configuration says, while the user's own globs on the
// command line (--checks='-shutdown-join-in-teardown') still disable them.
// The options are read up to "--", after response files are expanded; each
// --checks is rewritten, since the last one wins.
static void enableOurChecks(llvm::SmallVectorImpl<const char *> &Args,
                            llvm::StringSaver &Saver) {
  auto *End = llvm::find_if(
      Args, [](const char *A) { return llvm::StringRef(A) == "--"; });
  llvm::SmallVector<const char *, 32> Options(Args.begin(), End);
  llvm::SmallVector<const char *, 32> Compiler(End, Args.end());
  llvm::cl::ExpandResponseFiles(Saver, llvm::cl::TokenizeGNUCommandLine,
                                Options);
  bool Found = false;
  for (size_t I = 1; I < Options.size(); ++I) {
    llvm::StringRef Arg = Options[I];
    if (!Arg.consume_front("-"))
      continue;
    Arg.consume_front("-");
    if (Arg.consume_front("checks=")) {
      Options[I] = Saver.save("--checks=" + OurChecks + "," + Arg).data();
      Found = true;
    } else if (Arg == "checks" && I + 1 < Options.size()) {
      ++I;
      Options[I] = Saver.save(OurChecks + "," + Options[I]).data();
      Found = true;
    }
  }
  if (!Found)
    Options.insert(Options.begin() + 1,
                   Saver.save("--checks=" + OurChecks).data());
  Args.assign(Options.begin(), Options.end());
  Args.append(Compiler.begin(), Compiler.end());
}

int main(int argc, const char **argv) {
  llvm::BumpPtrAllocator Alloc;
  llvm::StringSaver Saver(Alloc);
  llvm::SmallVector<const char *, 32> Args(argv, argv + argc);
  enableOurChecks(Args, Saver);
  // Outside LLVM's install tree, the resource directory that clang derives
  // from this executable's path does not exist: use the installed clang's
  // unless the user passed one.
  std::string Own =
      clang::GetResourcesPath(argv[0], reinterpret_cast<void *>(&main));
  std::string Flag = std::string("--extra-arg-before=-resource-dir=") +
                     SHUTDOWN_CLANG_RESOURCE_DIR;
  if (!llvm::sys::fs::is_directory(Own))
    Args.insert(Args.begin() + 1, Flag.c_str());
  return clang::tidy::clangTidyMain(static_cast<int>(Args.size()), Args.data());
}
