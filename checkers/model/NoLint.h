//===- NoLint.h - NOLINT comments, and where a finding reads them -*- C++
//-*-===//
//
// One rule for every front-end (the driver, the clang-tidy checks in
// shutdown-tidy, the plugin and shutdown-clangd, the analyzer plugin): the
// comments clang-tidy users already write,
//
//   call();  // NOLINT                       every check, this line
//   call();  // NOLINT(shutdown-*)           the checks the globs match
//   // NOLINTNEXTLINE(shutdown-join-in-teardown)
//   // NOLINTBEGIN(shutdown-*) ... // NOLINTEND(shutdown-*)
//
// read as clang-tidy reads them: the directive anywhere on the line, in upper
// case; its check list comma-separated globs ('*' the only wildcard; negative
// globs ignored; an empty list "()" matches nothing; an unclosed one is no
// list); an END closes the innermost open BEGIN with the same check list,
// and a file with an END or a BEGIN that closes nothing gets no region.
//
// A finding is silenced by a directive at any of its places (places()):
// where it is reported, its root (the static object, the atexit call,
// DllMain), and, for a hazard rooted in a static object, the object's
// declaration and its class's: one comment on the object silences the
// singleton finding and the join its destructor reaches alike.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_NOLINT_H
#define SHUTDOWN_HAZARDS_MODEL_NOLINT_H

#include "checkers/model/Finding.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace shutdown {

/// One NOLINT, NOLINTNEXTLINE, NOLINTBEGIN or NOLINTEND comment.
struct NoLintDirective {
  enum Kind { NoLint, NextLine, Begin, End } Type = NoLint;
  unsigned Line = 0, Col = 0; ///< Where "NOLINT" starts, 1-based.
  /// The check globs in parentheses; none: every check.
  std::optional<std::string> Checks;
  std::string Text;                 ///< "NOLINTNEXTLINE(shutdown-*)".
  unsigned EndLine = 0, EndCol = 0; ///< A Begin's matching End.
  bool Matched = false;             ///< A Begin or an End with its pair.
  bool Used = false;
};

/// The directives of one file.
struct FileNoLints {
  std::vector<NoLintDirective> List;
  bool Unbalanced = false; ///< An unmatched Begin or End: no regions.

  /// Reads the directives of a file's contents.
  static FileNoLints parse(llvm::StringRef Contents);
  /// True when a directive for Check covers (Line, Col); each such directive
  /// is marked as used.
  bool suppresses(unsigned Line, unsigned Col, llvm::StringRef Check);
};

/// Whether a clang-tidy glob list ("bugprone-*, shutdown-join-in-*") names
/// Check; negative globs are ignored, '*' matches any text.
bool globsMatch(llvm::StringRef Globs, llvm::StringRef Check);

/// Where a directive silences F: its location; for a join or wait, its root,
/// and the class of a static object it is rooted in; for the singleton rule,
/// each static instance. Without duplicates, in that order.
std::vector<SourceLoc> suppressionPlaces(const Finding &F);

} // namespace shutdown

#endif
