//===- Baseline.h - Baselines: the findings a project has accepted -*- C++ -*-===//
//
// A baseline lists the findings of one run by identity (findingId: the rule,
// the chain's functions, the blocking call and what it waits for; no file
// name, no line), so that moving code or editing elsewhere keeps a finding
// baselined, while a new chain is new. The file is text, one finding a line,
// sorted, after a header naming the format version:
//
//   # shutdown-hazards baseline version 1
//   0f3a9c1e22b4d5a7 shutdown-join-in-teardown exit -> ... ->
//   std::thread::join(T)
//
// Only the first word of a line is read back; the check and the chain are
// for the people reviewing the file. An identity listed twice accepts two
// findings with that identity.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_GATE_BASELINE_H
#define SHUTDOWN_HAZARDS_DRIVER_GATE_BASELINE_H

#include "driver/report/Report.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace shutdown::driver {

/// Version of the baseline format (its header line).
constexpr int BaselineVersion = 1;

struct BaselineEntry {
  std::string Id;
  std::string Text; ///< The whole line.
  unsigned Line = 0;
};

struct Baseline {
  std::string Path; ///< As given on the command line.
  std::vector<BaselineEntry> Entries;
};

/// Reads a baseline; errors name the file and the line.
llvm::Expected<Baseline> readBaseline(llvm::StringRef Path);

/// The baseline of these findings: the header, then one sorted line each.
std::string baselineText(llvm::ArrayRef<ReportedFinding> Findings);

/// Marks as Baselined the findings the baseline lists, each entry accepting
/// one finding; returns the entries that accepted none, in file order.
std::vector<BaselineEntry>
applyBaseline(const Baseline &B, std::vector<ReportedFinding> &Findings);

} // namespace shutdown::driver

#endif
