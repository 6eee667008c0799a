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
#include "llvm/ADT/StringRef.h"
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
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

/// SIGINT, SIGTERM and SIGHUP end a run wherever it is: its workers are
/// stopped, its temporary directory is removed, and it exits with 128 + the
/// signal's number after one line that names the signal. A second signal
/// while that is done ends it at once.
///
/// A signal handler may only do async-signal-safe work, so this one writes
/// the signal's number to a pipe and nothing else; a thread blocked on the
/// pipe's other end does the rest as ordinary code, under the locks of what
/// it stops. (llvm::sys::SetInterruptFunction would call a function in the
/// handler too, but does not say which signal came.) Workers get SIGTERM
/// first: LLVM's own handler in the worker removes the temporary file of a
/// cache entry it is writing (sys::RemoveFileOnSignal, through
/// sys::fs::TempFile); one still running after a grace period gets SIGKILL.
/// Nothing is installed on Windows.
class InterruptHandler {
public:
  /// The handlers installed and their thread started; none where that
  /// fails (the signals then end the driver as they did before).
  static std::unique_ptr<InterruptHandler> install();
  /// The handlers that were there before are restored.
  ~InterruptHandler();
  InterruptHandler(const InterruptHandler &) = delete;
  InterruptHandler &operator=(const InterruptHandler &) = delete;

  /// The directory to remove on a signal; "": none.
  void setTempDir(llvm::StringRef Dir);
  /// While workers run: how to stop them, returning once they have ended;
  /// empty: no worker runs.
  void setStopWorkers(std::function<void()> Stop);

private:
  InterruptHandler(int ReadEnd, int WriteEnd);
  /// The thread: waits for a signal's number on the pipe, 0 to end.
  void watch();

  struct Previous; ///< The handlers installed before, to restore.
  int ReadEnd, WriteEnd;
  std::unique_ptr<Previous> Before;
  std::mutex Lock; ///< Guards TempDir and StopWorkers.
  std::string TempDir;
  std::function<void()> StopWorkers;
  std::thread Watcher;
};

struct SchedulerOptions {
  std::string Executable; ///< This tool's path, to start workers with.
  unsigned Parallel = 1;
  unsigned TimeoutSeconds = 0; ///< 0: no limit.
  ProgressOptions Progress;
  std::string TempDir; ///< For job files and worker logs.
  /// Told how to stop the workers on a signal; may be null.
  InterruptHandler *Interrupts = nullptr;
};

/// Runs every job; the result at index I is for Jobs[I].
std::vector<WorkerRun> runWorkers(llvm::ArrayRef<Job> Jobs,
                                  const SchedulerOptions &Options);

} // namespace shutdown::driver

#endif
