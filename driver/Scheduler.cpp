//===- Scheduler.cpp - Worker processes, a few at a time ------------------===//
//
// One loop in the driver's main thread: start workers while fewer than N
// run, poll the running ones without blocking (llvm::sys::Wait with a zero
// wait reaps only the process it is given), kill those over the time limit.
//
//===----------------------------------------------------------------------===//

#include "driver/Scheduler.h"
#include "driver/Cache.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <deque>
#include <thread>

#ifdef _WIN32
#include <windows.h>
#else
#include <signal.h>
#endif

using namespace llvm;

namespace shutdown::driver {

namespace {

using Clock = std::chrono::steady_clock;

void killProcess(const sys::ProcessInfo &PI) {
#ifdef _WIN32
  TerminateProcess(PI.Process, 1);
#else
  ::kill(PI.Pid, SIGKILL);
#endif
}

/// The worker's own message ("... worker: error: <message>"), or the first
/// line it printed.
std::string workerMessage(StringRef LogFile) {
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

struct Running {
  size_t Index;
  sys::ProcessInfo Process;
  Clock::time_point Started;
  bool Killed = false;
};

class Progress {
public:
  Progress(bool Enabled, size_t Total) : Enabled(Enabled), Total(Total) {}
  ~Progress() {
    if (Enabled)
      errs() << "\r\033[K";
  }
  void update(size_t Done, StringRef File) {
    if (!Enabled)
      return;
    errs() << "\r\033[K"
           << formatv("[{0,4}/{1}] {2}", Done, Total,
                      sys::path::filename(File));
    errs().flush();
  }

private:
  bool Enabled;
  size_t Total;
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
    std::string Text;
    raw_string_ostream(Text) << toJSON(Jobs[I]);
    if (Error E = writeFileAtomically(JobFiles[I], Text)) {
      Runs[I].Message = "cannot write the job file: " + toString(std::move(E));
      continue;
    }
    Pending.push_back(I);
  }

  Progress Bar(Options.Progress, Jobs.size());
  size_t Done = Jobs.size() - Pending.size();
  std::vector<Running> Active;
  const auto Limit = std::chrono::seconds(Options.TimeoutSeconds);
  while (!Pending.empty() || !Active.empty()) {
    while (!Pending.empty() && Active.size() < std::max(1u, Options.Parallel)) {
      size_t I = Pending.front();
      Pending.pop_front();
      std::string Flag = "--extract-worker=" + JobFiles[I];
      // LLVM's crash handler would symbolize the stack trace first, which
      // can take longer than the time limit: a crash must read as one.
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
        continue;
      }
      Active.push_back({I, PI, Clock::now()});
    }

    bool Reaped = false;
    for (size_t A = 0; A < Active.size();) {
      Running &R = Active[A];
      std::string Err;
      sys::ProcessInfo Result = sys::Wait(R.Process, /*SecondsToWait=*/0, &Err);
      if (Result.Pid == 0) { // Still running.
        if (Options.TimeoutSeconds && !R.Killed &&
            Clock::now() - R.Started >= Limit) {
          killProcess(R.Process);
          R.Killed = true;
        }
        ++A;
        continue;
      }
      WorkerRun &Run = Runs[R.Index];
      if (R.Killed) {
        Run.State = WorkerRun::Status::TimedOut;
        Run.Message = formatv("timed out after {0} s", Options.TimeoutSeconds);
      } else if (Result.ReturnCode == 0) {
        Run.State = WorkerRun::Status::Finished;
      } else if (Result.ReturnCode == -2) {
        Run.State = WorkerRun::Status::Crashed;
        Run.Message = "the analysis crashed" +
                      (Err.empty() ? std::string() : " (" + Err + ")");
      } else {
        Run.State = WorkerRun::Status::Failed;
        Run.Message = workerMessage(Logs[R.Index]);
        if (Run.Message.empty())
          Run.Message =
              "the worker failed" + (Err.empty() ? std::string() : ": " + Err);
      }
      Bar.update(++Done, Jobs[R.Index].TU.File);
      Active.erase(Active.begin() + A);
      Reaped = true;
    }
    if (!Reaped && !Active.empty())
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return Runs;
}

} // namespace shutdown::driver
