//===- Link.h - One program from many translation units --------*- C++ -*-===//
//
// Merges the facts of every translation unit (by USR, FactMerger), decides
// which teardown roots run inside a DLL, and runs the rules over the whole
// program. Findings come sorted by (file, line, column,
// rule, message), each once however many translation units saw it.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_LINK_H
#define SHUTDOWN_HAZARDS_DRIVER_LINK_H

#include "checkers/model/Facts.h"
#include "checkers/model/Rules.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Regex.h"
#include <functional>
#include <optional>
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
  /// Also list the intentional annotations that silence no finding.
  bool FindUnusedAnnotations = false;
  /// Called after each phase (merge, normalize, rules), for --print-timings.
  std::function<void(llvm::StringRef)> Phase;
};

/// Links the facts of every unit and returns the findings and thread owners.
Hazards linkAndFind(llvm::ArrayRef<TUFacts> Units, const LinkOptions &Options);

/// The same over fact files, merged as they come (FactMerger) and
/// linked once Merger has them all.
Hazards linkMerged(FactMerger &Merger, const LinkOptions &Options);

} // namespace shutdown::driver

#endif
