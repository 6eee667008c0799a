//===- ShutdownCheck.h - Common base of the shutdown-* checks --*- C++ -*-===//
//
// The checks share one extraction and one analysis per translation unit:
// the module hands each check the same AnalysisCache, the first check to run
// in a TU fills it, and every check reports the findings of its own rule.
// The rules are in checkers/model, so clang-tidy and the driver say the same
// thing in the same words.
//
// Beside the unit's own findings, a check reports the whole-program findings
// of the driver's last run (checkers/model/Results.h) whose chain passes
// through the main file, while every file they touch is unchanged. NOLINT
// comments are read as every front-end reads them (checkers/model/NoLint.h).
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_TIDY_SHUTDOWNCHECK_H
#define SHUTDOWN_HAZARDS_TIDY_SHUTDOWNCHECK_H

#include "ClangTidyCheck.h"
#include "checkers/model/ApiTables.h"
#include "checkers/model/Results.h"
#include "checkers/model/Rules.h"
#include <map>
#include <memory>
#include <optional>

namespace shutdown::tidy {

/// Findings of the current translation unit, per option set, and the
/// whole-program findings that show in it. Reset at the start of every
/// translation unit.
class AnalysisCache {
public:
  void reset() {
    ByOptions.clear();
    Program.reset();
  }
  const std::vector<Finding> &get(clang::ASTContext &Ctx,
                                  const ModelOptions &Options);
  /// The fresh findings of the driver's last run that pass through the main
  /// file, without those the unit's own analysis (Local) found too.
  const std::vector<StoredFinding> &
  wholeProgram(const clang::SourceManager &SM,
               const std::vector<Finding> &Local);

private:
  std::map<std::string, std::vector<Finding>> ByOptions;
  std::optional<std::vector<StoredFinding>> Program;
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
  void warnUnknownOptions(llvm::StringRef Name,
                          clang::tidy::ClangTidyContext *Context);

  RuleKind Rule;
  ModelOptions Model;
  std::shared_ptr<AnalysisCache> Cache;
};

} // namespace shutdown::tidy

#endif
