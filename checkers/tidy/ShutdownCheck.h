//===- ShutdownCheck.h - Common base of the shutdown-* checks --*- C++ -*-===//
//
// The four checks share one extraction and one analysis per translation
// unit: the module hands each check the same AnalysisCache, the first check
// to run in a TU fills it, and every check reports the findings of its own
// rule. The rules are in checkers/model, so clang-tidy and the driver say the
// same thing in the same words.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_TIDY_SHUTDOWNCHECK_H
#define SHUTDOWN_HAZARDS_TIDY_SHUTDOWNCHECK_H

#include "ClangTidyCheck.h"
#include "checkers/model/ApiTables.h"
#include "checkers/model/Rules.h"
#include <map>
#include <memory>

namespace shutdown::tidy {

/// Findings of the current translation unit, per option set. Reset at the
/// start of every translation unit.
class AnalysisCache {
public:
  void reset() { ByOptions.clear(); }
  const std::vector<Finding> &get(clang::ASTContext &Ctx,
                                  const ModelOptions &Options);

private:
  std::map<std::string, std::vector<Finding>> ByOptions;
};

class ShutdownCheck : public clang::tidy::ClangTidyCheck {
public:
  ShutdownCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
                RuleKind Rule, std::shared_ptr<AnalysisCache> Cache);

  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override { Cache->reset(); }

private:
  RuleKind Rule;
  ModelOptions Model;
  std::shared_ptr<AnalysisCache> Cache;
};

} // namespace shutdown::tidy

#endif
