//===- Suppressions.h - NOLINT comments, as in clang-tidy -------*- C++ -*-===//
//
// The driver honours the comments clang-tidy users already write:
//
//   call();  // NOLINT                       every check, this line
//   call();  // NOLINT(shutdown-*)           the checks the globs match
//   // NOLINTNEXTLINE(shutdown-join-in-teardown)
//   // NOLINTBEGIN(shutdown-*) ... // NOLINTEND(shutdown-*)
//
// as clang-tidy does: the directive is found anywhere on the line, in upper
// case; its check list is comma-separated globs (negative globs ignored, an
// empty list "()" matches nothing, an unclosed one is ignored); an END closes
// the innermost open BEGIN with the same check list; a file with an END or a
// BEGIN that closes nothing gets no region from it, and each such directive
// is reported. A finding is silenced by a directive on its blocking call's
// line or on its root's line.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_GATE_SUPPRESSIONS_H
#define SHUTDOWN_HAZARDS_DRIVER_GATE_SUPPRESSIONS_H

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

  /// One NOLINT, NOLINTNEXTLINE, NOLINTBEGIN or NOLINTEND comment.
  struct Directive {
    enum Kind { NoLint, NextLine, Begin, End } Type = NoLint;
    unsigned Line = 0, Col = 0; ///< Where "NOLINT" starts, 1-based.
    /// The check globs in parentheses; none: every check.
    std::optional<std::string> Checks;
    std::string Text;                 ///< "NOLINTNEXTLINE(shutdown-*)".
    unsigned EndLine = 0, EndCol = 0; ///< A Begin's matching End.
    bool Matched = false;             ///< A Begin or an End with its pair.
    bool Used = false;
  };
  struct FileDirectives {
    std::vector<Directive> List;
    bool Unbalanced = false; ///< An unmatched Begin or End: no regions.
  };

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
