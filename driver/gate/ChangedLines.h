//===- ChangedLines.h - What a change touched, from git --------*- C++ -*-===//
//
// --changed-from=<ref> reports only the findings a change can have caused:
// those with a location (the blocking call, the root, a frame of the chain)
// on a line changed since <ref>, and those with a location in the main file
// of a translation unit that read a changed header. Changed lines come from
//
//   git diff --unified=0 --no-color --no-ext-diff <ref> --
//
// (the work tree against <ref>: the new side of each hunk; a hunk that only
// deletes marks the lines around the deletion), and every untracked file
// that is not ignored counts as changed throughout.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_GATE_CHANGEDLINES_H
#define SHUTDOWN_HAZARDS_DRIVER_GATE_CHANGEDLINES_H

#include "driver/Paths.h"
#include "driver/report/Report.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <string>
#include <utility>
#include <vector>

namespace shutdown::driver {

class ChangedLines {
public:
  /// Asks git, in the work tree that holds Directory, what changed since Ref.
  static llvm::Expected<ChangedLines> fromGit(llvm::StringRef Directory,
                                              llvm::StringRef Ref);

  /// Adds the hunks of a `git diff --unified=0` output, whose paths are
  /// relative to TopLevel (with git's a/ and b/ prefixes).
  void addDiff(llvm::StringRef Diff, llvm::StringRef TopLevel);
  /// Marks every line of Path as changed.
  void addFile(llvm::StringRef Path);

  /// Whether Line of File changed (File: any absolute path to it).
  bool changed(llvm::StringRef File, unsigned Line);
  /// Whether any line of File changed.
  bool changed(llvm::StringRef File);

  /// The file's real path: files are compared by it.
  const std::string &canonical(llvm::StringRef File) { return Real(File); }

private:
  struct FileChanges {
    bool Whole = false;
    std::vector<std::pair<unsigned, unsigned>> Ranges; ///< First, last.
  };
  FileChanges *find(llvm::StringRef File);

  llvm::StringMap<FileChanges> Files; ///< By canonical path.
  llvm::StringSet<> Names; ///< File names of Files: a cheap first test.
  RealPaths Real;
};

/// A translation unit's main file and the files it read.
struct UnitFiles {
  std::string File;
  std::vector<std::string> Deps;
};

/// The top of the git work tree that holds Directory, as git says it
/// (`git rev-parse --show-toplevel`); empty when there is none, or no git.
std::string gitWorkTree(llvm::StringRef Directory);

/// Keeps the findings the change touched (see above); returns how many were
/// left out.
size_t keepChanged(std::vector<ReportedFinding> &Findings, ChangedLines &C,
                   llvm::ArrayRef<UnitFiles> Units);

} // namespace shutdown::driver

#endif
