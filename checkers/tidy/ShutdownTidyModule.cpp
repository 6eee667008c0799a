//===- ShutdownTidyModule.cpp - The shutdown-hazards clang-tidy module ----===//

#include "ClangTidyModule.h"
#include "JoinInDllMainCheck.h"
#include "JoinInTeardownCheck.h"
#include "LoaderLockCallInDllMainCheck.h"
#include "SingletonThreadWithoutUninitCheck.h"
#include "WaitForSignalAtProcessExitCheck.h"
#include "WaitThreadHandleInTeardownCheck.h"

using namespace clang::tidy;

namespace shutdown::tidy {
namespace {

class ShutdownHazardsModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    // One cache for the checks of a run: a TU is analyzed once, whatever
    // number of the checks is enabled.
    auto Cache = std::make_shared<AnalysisCache>();
#define SHUTDOWN_CHECK(Rule, Name, Class, Summary)                             \
  Factories.registerCheckFactory(                                              \
      Name, [Cache](llvm::StringRef CheckName, ClangTidyContext *Context) {    \
        return std::make_unique<Class##Check>(CheckName, Context, Cache);      \
      });
#include "checkers/Checks.def"
  }
};

} // namespace
} // namespace shutdown::tidy

// The one registration this project ships.
static ClangTidyModuleRegistry::Add<shutdown::tidy::ShutdownHazardsModule>
    X("shutdown-hazards-module",
      "Finds threads joined or waited for at exit, at unload or in DllMain.");
