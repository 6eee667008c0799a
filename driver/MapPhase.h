//===- MapPhase.h - Every unit's facts, cached or extracted ---*- C++ -*-===//
//
// The map step of the driver: each translation unit's inputs are checked
// and its facts looked up in the cache, -j at once; the units left are
// extracted in worker processes (Scheduler.h), whose results go to the
// cache (or to a temporary directory without one). What comes out, per
// unit, is where its facts are, and what the unit read.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_MAPPHASE_H
#define SHUTDOWN_HAZARDS_DRIVER_MAPPHASE_H

#include "driver/Cache.h"
#include "driver/CompilationDb.h"
#include "driver/Link.h"
#include "driver/Scheduler.h"
#include "driver/report/Report.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>
#include <vector>

namespace shutdown {
struct ModelOptions;
} // namespace shutdown

namespace shutdown::driver {

struct MapOptions {
  /// The cache directory; none: no cache.
  std::optional<std::string> CacheDir;
  /// --cache-max-size, in bytes; 0: no cap.
  uint64_t CacheMaxBytes = 0;
  /// Where results go without a cache, and the workers' job files.
  std::string TempDir;
  unsigned Parallel = 1;
  unsigned TimeoutSeconds = 0; ///< Per unit; 0: no limit.
  ProgressOptions Progress;
  /// A unit with parse errors is linked as far as it parsed, and its
  /// failure does not count (--allow-parse-errors).
  bool AllowParseErrors = false;
  /// Each worker's CPU time and memory on stderr (--print-timings).
  bool PrintUnitCosts = false;
  /// Stops the workers on a signal; may be null.
  InterruptHandler *Interrupts = nullptr;
};

/// One translation unit after the map phase.
struct MappedUnit {
  /// Where its facts are (a cache entry or a worker's result) and what it
  /// read; none when it could not be analyzed.
  std::optional<StoredResult> Result;
  std::string ResultPath;
  bool FromCache = false;
  /// Why it could not be analyzed, or its parse errors.
  std::optional<Failure> Problem;

  /// The unit's facts for the link.
  FactSource facts() const { return {ResultPath, Result->Stamp}; }
};

/// Maps every unit of Db, in Db's order. Phase is called after the cache
/// lookup and after the extraction, for --print-timings.
std::vector<MappedUnit>
mapUnits(const CompilationDb &Db, const ModelOptions &Options,
         const MapOptions &M, llvm::function_ref<void(llvm::StringRef)> Phase);

} // namespace shutdown::driver

#endif
