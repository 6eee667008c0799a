//===- Gate.h - Which findings a run reports, and which fail it -*- C++ -*-===//
//
// The link's findings go through the gate in this order: NOLINT comments
// (Suppressions.h), then the baseline, written (--write-baseline) and then
// read (--baseline, Baseline.h), then the change (--changed-from,
// ChangedLines.h). With --report-unused-suppressions it also names the
// NOLINT comments and intentional annotations in the project's files that
// silence nothing. What it needs from outside (a baseline, git) is read
// when the gate opens, before the analysis, so that a bad baseline, an
// unknown revision or a path that cannot be written fails the run at once.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_GATE_GATE_H
#define SHUTDOWN_HAZARDS_DRIVER_GATE_GATE_H

#include "driver/Output.h"
#include "driver/gate/Baseline.h"
#include "driver/gate/ChangedLines.h"
#include "driver/report/Report.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace shutdown::driver {

struct GateOptions {
  std::string Baseline; ///< --baseline; empty: none.
  bool BaselineStrict = false;
  std::string WriteBaseline; ///< --write-baseline; empty: none.
  std::optional<std::string> ChangedFrom;
  bool ReportUnusedSuppressions = false;
};

class Gate {
public:
  /// Reads the baseline, checks that the baseline to write can be written,
  /// asks git what changed (in the work tree that holds Root, the project
  /// root).
  static llvm::Expected<Gate> open(GateOptions Options, std::string Root);

  /// Puts the findings of H into R, through the gate; R.Root must be set.
  /// Rules: the rules the run reports (empty: all). Units: what each unit
  /// read (none for --link-only). Problems go to stderr as warnings (and
  /// stale baseline entries as errors with --baseline-strict).
  llvm::Error apply(Report &R, Hazards H, llvm::ArrayRef<RuleKind> Rules,
                    llvm::ArrayRef<UnitFiles> Units);

  /// Whether R fails the run for its findings: new findings, or stale
  /// baseline entries with --baseline-strict.
  bool fails(const Report &R) const;

private:
  GateOptions Options;
  std::optional<Baseline> Accepted;    ///< --baseline
  std::optional<Output> BaselineOut;   ///< --write-baseline
  std::optional<ChangedLines> Changes; ///< --changed-from
};

} // namespace shutdown::driver

#endif
