//===- ShutdownAnalyzerPlugin.cpp - The analyzer plugin's entry points ----===//
//
// clang -cc1 -load ShutdownHazardsAnalyzerPlugin.so registers, from
// checkers/Checks.def, one checker shutdown.<Class> per check, each
// depending on the hidden shutdown.TeardownModeling, and the model's options
// on each checker and on the shutdown package.
//
//===----------------------------------------------------------------------===//

#include "ShutdownModeling.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"

using namespace clang::ento;
using namespace llvm;
using namespace shutdown;
using namespace shutdown::analyzer;

namespace {

/// The option keys of ModelOptions with their descriptions. The registry
/// keeps references to them, so they live as long as the process; they are
/// made once, from the model's defaults, and never change.
struct OptionInfo {
  std::string Key;
  std::string ForPackage; ///< The description of the package's option.
  std::string ForChecker; ///< The description of a checker's option.
};
} // namespace

static ArrayRef<OptionInfo> optionTable() {
  static const std::vector<OptionInfo> Table = [] {
    std::vector<OptionInfo> T;
    for (auto &[Key, Default] : ModelOptions::defaults().toOptions()) {
      std::string What =
          "The model's " + Key + " option, as in .clang-tidy CheckOptions";
      std::string Otherwise = "the default '" + Default + "'";
      T.push_back(
          {Key, What + ". Empty: " + Otherwise,
           What + ". Empty: the shutdown package's value, else " + Otherwise});
    }
    return T;
  }();
  return Table;
}

extern "C" const char clang_analyzerAPIVersionString[] =
    CLANG_ANALYZER_API_VERSION_STRING;

extern "C" void clang_registerCheckers(CheckerRegistry &Registry) {
  Registry.addChecker(registerTeardownModeling, shouldRegisterTeardownModeling,
                      ModelingName,
                      "Follows the paths of the teardown roots for the "
                      "shutdown checkers",
                      "NoDocsUri", /*IsHidden=*/true);
  Registry.addPackage(PackageName);
  for (const OptionInfo &O : optionTable())
    Registry.addPackageOption("string", PackageName, O.Key, "", O.ForPackage,
                              "released");
#define SHUTDOWN_CHECK(Rule, Name, Class, Summary)                             \
  Registry.addChecker(register##Class, shouldRegister##Class,                  \
                      "shutdown." #Class, Summary);                            \
  Registry.addDependency("shutdown." #Class, ModelingName);                    \
  for (const OptionInfo &O : optionTable())                                    \
    Registry.addCheckerOption("string", "shutdown." #Class, O.Key, "",         \
                              O.ForChecker, "released");
#include "checkers/Checks.def"
}
