//===- Link.h - One program from many translation units --------*- C++ -*-===//
//
// Reads the fact file of every translation unit and merges it (by USR,
// FactMerger) as it comes, decides which teardown roots run inside a DLL,
// and runs the rules over the whole program. A run's units (their cache
// entries or workers' results) and --link-only's fact files take this one
// path. Findings come sorted by (file, line, column, rule, message), each
// once however many translation units saw it.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_LINK_H
#define SHUTDOWN_HAZARDS_DRIVER_LINK_H

#include "checkers/model/Facts.h"
#include "checkers/model/Rules.h"
#include "driver/ProjectScope.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Regex.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace shutdown::driver {

struct LinkOptions {
  /// The rules to report; empty: all.
  std::vector<RuleKind> Rules;
  /// Files (absolute paths) that are part of a DLL.
  std::optional<llvm::Regex> DllSources;
  /// Also take as part of a DLL every file in the directory of a
  /// translation unit that defines a DLL entry point (DllMain).
  bool DllEntryDirectories = true;
  /// What belongs to the project: its dependencies' functions are never
  /// entry points, and its .def files' exports are. None: every function
  /// is the project's.
  std::optional<ProjectScope> Scope;
  /// Also list the intentional annotations that silence no finding.
  bool FindUnusedAnnotations = false;
  /// Fact files read at once, ahead of the merge.
  unsigned Parallel = 1;
  /// Called after each phase (read and merge, program, rules), for
  /// --print-timings.
  std::function<void(llvm::StringRef)> Phase;
};

/// Where one unit's facts are: a fact file, or a result file (Cache.h).
struct FactSource {
  std::string Path;
  /// For a result file the map phase checked: its stamp (readFacts).
  std::optional<uint64_t> Stamp;
};

/// The findings and thread owners of the program the units make.
/// Problems[I] says why unit I added nothing (unreadable, malformed), or is
/// empty; the other units are linked all the same.
Hazards link(llvm::ArrayRef<FactSource> Units, const LinkOptions &Options,
             std::vector<std::string> &Problems);

} // namespace shutdown::driver

#endif
