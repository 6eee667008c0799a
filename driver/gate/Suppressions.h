//===- Suppressions.h - NOLINT comments, as in clang-tidy -------*- C++ -*-===//
//
// The driver honours the NOLINT comments clang-tidy users already write,
// with the rule every front-end shares (checkers/model/NoLint.h): a finding
// is silenced by a directive at any of its places (its location, its root,
// a static object's class). This class reads each file once, and tells the
// directives that silenced nothing and the regions that do not balance.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_GATE_SUPPRESSIONS_H
#define SHUTDOWN_HAZARDS_DRIVER_GATE_SUPPRESSIONS_H

#include "checkers/model/NoLint.h"
#include "driver/Paths.h"
#include "driver/report/Report.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace shutdown::driver {

/// A problem with a directive: an unmatched BEGIN or END.
struct SuppressionProblem {
  SourceLoc Loc;
  std::string Message;
};

class Suppressions {
public:
  /// Checks: the names of the checks this run reports; a directive is "ours"
  /// (unused-suppression reports) when its globs name one of them.
  explicit Suppressions(std::vector<std::string> Checks);
  ~Suppressions();

  /// True when a directive for Check covers Loc; every such directive is
  /// marked as used. Reads Loc's file the first time.
  bool suppresses(const SourceLoc &Loc, llvm::StringRef Check);

  /// Reads the files (each once) that are inside Root, so that their unused
  /// directives are reported.
  void scan(llvm::ArrayRef<std::string> Files, llvm::StringRef Root);

  /// Directives in the files read inside Root that name one of our checks
  /// and silenced nothing, sorted by file and line.
  std::vector<UnusedSuppression> unused(llvm::StringRef Root);
  /// Unmatched BEGIN and END directives in the files read, sorted.
  std::vector<SuppressionProblem> problems() const;

  /// Whether File is inside Root, both taken as real paths: the project's
  /// own files, for the unused directives and annotations.
  bool inProject(llvm::StringRef File, llvm::StringRef Root);

  using Directive = NoLintDirective;
  using FileDirectives = FileNoLints;

private:
  FileDirectives &read(llvm::StringRef File);
  bool ours(const Directive &D) const;

  std::vector<std::string> Checks;
  llvm::StringMap<FileDirectives> Files; ///< By real path: the same file
                                         ///< named two ways is read once.
  RealPaths Real;
};

/// Removes the findings a directive silences; returns how many.
size_t applySuppressions(std::vector<ReportedFinding> &Findings,
                         Suppressions &S);

} // namespace shutdown::driver

#endif
