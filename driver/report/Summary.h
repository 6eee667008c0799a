//===- Summary.h - What a run says on stderr -------------------*- C++ -*-===//
//
// Besides the report: one line per translation unit that could not be
// analyzed, as it is known, and the summary line that ends the run:
//
//   shutdown-hazards: 3 translation units (3 parsed, 0 from cache, 0 not
//   analyzed): 2 findings (2 errors, 0 warnings); 1 baselined, 1 new; ...
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_REPORT_SUMMARY_H
#define SHUTDOWN_HAZARDS_DRIVER_REPORT_SUMMARY_H

#include "driver/report/Report.h"
#include "llvm/Support/raw_ostream.h"
#include <cstddef>

namespace shutdown::driver {

/// A unit that could not be analyzed, as an error; one analyzed despite
/// its parse errors, as a warning.
void printFailure(llvm::raw_ostream &OS, const Failure &F);

/// How the units' facts were had: parsed now, or from the cache.
struct UnitCounts {
  size_t Parsed = 0;
  size_t Cached = 0;
};

/// The summary line, with its newline.
/// "wrote 3 baseline entries to <file>", after --write-baseline.
void printBaselineWritten(llvm::raw_ostream &OS, const Report &R);

void printSummary(llvm::raw_ostream &OS, const Report &R, UnitCounts Counts);

} // namespace shutdown::driver

#endif
