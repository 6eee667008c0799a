//===- Driver.cpp - shutdown-hazards: the whole-program driver ------------===//

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

static cl::OptionCategory Category("shutdown-hazards options");
static cl::opt<std::string>
    BuildPath("p", cl::desc("Build directory or compile_commands.json"),
              cl::value_desc("build-dir"), cl::cat(Category));
static cl::list<std::string> Files(cl::Positional,
                                   cl::desc("[<file> ...]"),
                                   cl::cat(Category));

int main(int argc, char **argv) {
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "shutdown-hazards " << SHUTDOWN_HAZARDS_VERSION << "\n";
  });
  cl::HideUnrelatedOptions(Category);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "finds threads joined or waited for at exit, at unload or in "
          "DllMain\n",
          &errs()))
    return 2;
  if (BuildPath.empty()) {
    WithColor::error(errs(), "shutdown-hazards")
        << "no compilation database: pass -p <build-dir> or "
           "-p <compile_commands.json>\n";
    return 2;
  }
  WithColor::error(errs(), "shutdown-hazards")
      << "whole-program analysis is not implemented yet; use shutdown-tidy\n";
  return 2;
}
