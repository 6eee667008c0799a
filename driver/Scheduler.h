//===- Scheduler.h - Worker processes, a few at a time ---------*- C++ -*-===//
//
// Runs extraction jobs in worker processes (Worker.h), at most N at once,
// each with a time limit. A worker that crashes or runs out of time is
// reported for its translation unit and the others go on.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_SCHEDULER_H
#define SHUTDOWN_HAZARDS_DRIVER_SCHEDULER_H

#include "driver/Worker.h"
#include "llvm/ADT/ArrayRef.h"
#include <string>
#include <vector>

namespace shutdown::driver {

struct WorkerRun {
  enum class Status {
    Finished, ///< The worker wrote its result to the job's output.
    Failed,   ///< The worker could not produce a result (Message says why).
    Crashed,  ///< The worker died of a signal.
    TimedOut, ///< The worker was killed at the time limit.
  };
  Status State = Status::Failed;
  std::string Message;
  double CpuSeconds = 0;   ///< User + system time of the worker process.
  uint64_t PeakRssKiB = 0; ///< Its peak resident set.
  /// When it started and was reaped, in seconds since the first start.
  double StartSeconds = 0, EndSeconds = 0;
};

/// How the extraction shows its progress on stderr.
struct ProgressOptions {
  enum Style {
    None,
    Bar,   ///< A terminal: one line redrawn, the last unit's path.
    Lines, ///< A log (CI): a line every Seconds.
  } Kind = None;
  unsigned Seconds = 10; ///< Lines: at most one line this often.
  std::string Root;      ///< Paths are shown relative to it.
};

struct SchedulerOptions {
  std::string Executable; ///< This tool's path, to start workers with.
  unsigned Parallel = 1;
  unsigned TimeoutSeconds = 0; ///< 0: no limit.
  ProgressOptions Progress;
  std::string TempDir; ///< For job files and worker logs.
};

/// Runs every job; the result at index I is for Jobs[I].
std::vector<WorkerRun> runWorkers(llvm::ArrayRef<Job> Jobs,
                                  const SchedulerOptions &Options);

} // namespace shutdown::driver

#endif
