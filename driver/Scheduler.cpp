//===- Scheduler.cpp - Worker processes, a few at a time ------------------===//
//
// One loop in the driver's main thread: start workers while fewer than N
// run, sleep until one ends (a thread per worker blocks in llvm::sys::Wait,
// which reaps only the process it is given) or a time limit passes, kill
// the workers over their limit.
//
//===----------------------------------------------------------------------===//

#include "driver/Scheduler.h"
#include "driver/Output.h"
#include "driver/Paths.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#ifdef _WIN32
#include <windows.h>
#else
#include <cerrno>
#include <signal.h>
#include <sys/wait.h>
#endif

using namespace llvm;

namespace shutdown::driver {

namespace {

using Clock = std::chrono::steady_clock;
} // namespace

static void killProcess(const sys::ProcessInfo &PI) {
#ifdef _WIN32
  TerminateProcess(PI.Process, 1);
#else
  ::kill(PI.Pid, SIGKILL);
#endif
}

/// The worker's own message ("... worker: error: <message>"), or the first
/// line it printed.
static std::string workerMessage(StringRef LogFile) {
  auto Buffer = MemoryBuffer::getFile(LogFile, /*IsText=*/true);
  if (!Buffer)
    return "";
  SmallVector<StringRef, 8> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n', -1, /*KeepEmpty=*/false);
  constexpr StringRef Tag = "worker: error: ";
  for (StringRef L : Lines)
    if (size_t At = L.find(Tag); At != StringRef::npos)
      return L.substr(At + Tag.size()).trim().str();
  return Lines.empty() ? "" : Lines.front().trim().str();
}
namespace {

struct Running {
  size_t Index;
  sys::ProcessInfo Process;
  Clock::time_point Started;
  bool Killed = false;
  bool Exited = false; ///< Set by its waiter; the process is not reaped yet.
};
} // namespace

/// Blocks until the process ends, and leaves it to be reaped: until then
/// its pid (or handle) names no other process, so it can still be killed
/// without a race.
static void waitForExit(const sys::ProcessInfo &PI) {
#ifdef _WIN32
  WaitForSingleObject(PI.Process, INFINITE);
#else
  siginfo_t Info;
  while (waitid(P_PID, PI.Pid, &Info, WEXITED | WNOWAIT) == -1 &&
         errno == EINTR) {
  }
#endif
}
namespace {

/// On a terminal, one line redrawn after each unit; in a log, where a
/// redrawn line would be thousands of lines, a line every few seconds.
class Progress {
public:
  Progress(const ProgressOptions &Options, size_t Total)
      : Options(Options), Total(Total), Last(Clock::now()) {}
  ~Progress() {
    if (Options.Kind == ProgressOptions::Bar)
      errs() << "\r\033[K";
  }
  void update(size_t Done, StringRef File) {
    std::string Shown = pathFromRoot(File, Options.Root);
    switch (Options.Kind) {
    case ProgressOptions::None:
      return;
    case ProgressOptions::Bar:
      errs() << "\r\033[K" << formatv("[{0,4}/{1}] {2}", Done, Total, Shown);
      break;
    case ProgressOptions::Lines: {
      auto Now = Clock::now();
      if (Now - Last < std::chrono::seconds(Options.Seconds))
        return;
      Last = Now;
      errs() << formatv("shutdown-hazards: {0}/{1} translation units "
                        "extracted ({2})\n",
                        Done, Total, Shown);
      break;
    }
    }
    errs().flush();
  }

private:
  const ProgressOptions &Options;
  size_t Total;
  Clock::time_point Last;
};
} // namespace

std::vector<WorkerRun> runWorkers(ArrayRef<Job> Jobs,
                                  const SchedulerOptions &Options) {
  std::vector<WorkerRun> Runs(Jobs.size());
  std::vector<std::string> JobFiles(Jobs.size()), Logs(Jobs.size());
  std::deque<size_t> Pending;
  for (size_t I = 0; I < Jobs.size(); ++I) {
    SmallString<256> P(Options.TempDir);
    sys::path::append(P, "job-" + std::to_string(I) + ".json");
    JobFiles[I] = P.str().str();
    Logs[I] = JobFiles[I] + ".log";
    if (Error E = writeAtomically(
            JobFiles[I], [&](raw_ostream &OS) { OS << toJSON(Jobs[I]); })) {
      Runs[I].Message = "cannot write the job file: " + toString(std::move(E));
      continue;
    }
    Pending.push_back(I);
  }

  Progress Bar(Options.Progress, Jobs.size());
  size_t Done = Jobs.size() - Pending.size();

  // Each running worker has a thread blocked in its wait: the main thread
  // sleeps until one ends or a time limit passes. (Polling instead woke the
  // driver hundreds of times a second, and each wake-up took a busy core
  // from a worker: a few percent of every worker's time when all cores
  // parse.)
  struct Ended {
    size_t Slot;
    sys::ProcessInfo Result;
    std::optional<sys::ProcessStatistics> Stats;
    std::string Err;
  };
  std::mutex Lock;
  std::condition_variable Changed;
  std::vector<Ended> Finished;     // Guarded by Lock, as Running::Exited is.
  std::deque<Running> Slots;       // A deque: waiters keep references.
  std::deque<std::thread> Waiters; // By slot; joined once reaped.
  std::vector<size_t> Active;      // Slots not reaped yet.
  const auto Limit = std::chrono::seconds(Options.TimeoutSeconds);
  const Clock::time_point Begin = Clock::now();
  auto Since = [&](Clock::time_point T) {
    return std::chrono::duration<double>(T - Begin).count();
  };

  auto Start = [&](size_t I) {
    std::string Flag = "--extract-worker=" + JobFiles[I];
    // LLVM's crash handler would symbolize the stack trace first, which can
    // take longer than the time limit: a crash must read as one.
    StringRef Args[] = {Options.Executable, Flag, "--disable-symbolication"};
    std::optional<StringRef> Redirects[] = {StringRef(""), StringRef(""),
                                            StringRef(Logs[I])};
    std::string Err;
    bool Failed = false;
    sys::ProcessInfo PI = sys::ExecuteNoWait(
        Options.Executable, Args, std::nullopt, Redirects, 0, &Err, &Failed);
    if (Failed) {
      Runs[I].Message = "cannot start a worker: " + Err;
      Bar.update(++Done, Jobs[I].TU.File);
      return;
    }
    size_t Slot;
    {
      std::lock_guard<std::mutex> G(Lock);
      Slot = Slots.size();
      Slots.push_back(Running{I, PI, Clock::now()});
    }
    Active.push_back(Slot);
    Runs[I].StartSeconds = Since(Slots[Slot].Started);
    Waiters.emplace_back([&, Slot, PI] {
      waitForExit(PI);
      {
        std::lock_guard<std::mutex> G(Lock);
        Slots[Slot].Exited = true;
      }
      Ended E{Slot, {}, std::nullopt, {}};
      E.Result =
          sys::Wait(PI, /*SecondsToWait=*/std::nullopt, &E.Err, &E.Stats);
      std::lock_guard<std::mutex> G(Lock);
      Finished.push_back(std::move(E));
      Changed.notify_one();
    });
  };

  auto Reap = [&](Ended &E) {
    Running &R = Slots[E.Slot];
    WorkerRun &Run = Runs[R.Index];
    Run.EndSeconds = Since(Clock::now());
    if (E.Stats) {
      Run.CpuSeconds = E.Stats->TotalTime.count() / 1e6;
      Run.PeakRssKiB = E.Stats->PeakMemory;
    }
    if (R.Killed) {
      Run.State = WorkerRun::Status::TimedOut;
      Run.Message = formatv("timed out after {0} s", Options.TimeoutSeconds);
    } else if (E.Result.ReturnCode == 0) {
      Run.State = WorkerRun::Status::Finished;
    } else if (E.Result.ReturnCode == -2) {
      Run.State = WorkerRun::Status::Crashed;
      Run.Message = "the analysis crashed" +
                    (E.Err.empty() ? std::string() : " (" + E.Err + ")");
    } else {
      Run.State = WorkerRun::Status::Failed;
      Run.Message = workerMessage(Logs[R.Index]);
      if (Run.Message.empty())
        Run.Message = "the worker failed" +
                      (E.Err.empty() ? std::string() : ": " + E.Err);
    }
    Bar.update(++Done, Jobs[R.Index].TU.File);
    Waiters[E.Slot].join(); // It has nothing left to do.
    llvm::erase(Active, E.Slot);
  };

  while (!Pending.empty() || !Active.empty()) {
    while (!Pending.empty() && Active.size() < std::max(1u, Options.Parallel)) {
      size_t I = Pending.front();
      Pending.pop_front();
      Start(I);
    }
    if (Active.empty())
      continue;
    std::vector<Ended> Now;
    {
      std::unique_lock<std::mutex> G(Lock);
      // The nearest time limit of a running worker.
      std::optional<Clock::time_point> Deadline;
      if (Options.TimeoutSeconds)
        for (size_t Slot : Active)
          if (const Running &R = Slots[Slot];
              !R.Killed && !R.Exited &&
              (!Deadline || R.Started + Limit < *Deadline))
            Deadline = R.Started + Limit;
      auto Any = [&] { return !Finished.empty(); };
      if (Deadline)
        Changed.wait_until(G, *Deadline, Any);
      else
        Changed.wait(G, Any);
      Now.swap(Finished);
      // Under the lock: a process its waiter saw end is not killed.
      if (Options.TimeoutSeconds)
        for (size_t Slot : Active)
          if (Running &R = Slots[Slot];
              !R.Killed && !R.Exited && Clock::now() - R.Started >= Limit) {
            killProcess(R.Process);
            R.Killed = true;
          }
    }
    // In the order they ended: reports do not depend on it (each result has
    // its index), the progress line does.
    for (Ended &E : Now)
      Reap(E);
  }
  return Runs;
}

} // namespace shutdown::driver
