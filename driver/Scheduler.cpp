//===- Scheduler.cpp - Worker processes, a few at a time ------------------===//
//
// One loop in the driver's main thread: start workers while fewer than N
// run, sleep until one ends (a thread per worker blocks in llvm::sys::Wait,
// which reaps only the process it is given) or a time limit passes, kill
// the workers over their limit.
//
// A signal (InterruptHandler, Scheduler.h) stops the loop where it is: the
// thread that acts on it takes the loop's lock and keeps it, so that no
// worker starts or is reaped after it stopped them.
//
//===----------------------------------------------------------------------===//

#include "driver/Scheduler.h"
#include "driver/Output.h"
#include "driver/Paths.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
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
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
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
#ifndef _WIN32
// What the signal handler reads and writes: a handler can reach nothing but
// globals. The pipe's write end (-1: none) and the first signal caught.
static std::atomic<int> SignalPipe{-1};
static std::atomic<int> FirstSignal{0};
static_assert(std::atomic<int>::is_always_lock_free,
              "the signal handler may use only lock-free atomics");
static constexpr int Interrupts[] = {SIGINT, SIGTERM, SIGHUP};

/// Only async-signal-safe calls: write(), signal(), raise().
static void onInterrupt(int Sig) {
  int Expected = 0;
  if (!FirstSignal.compare_exchange_strong(Expected, Sig)) {
    // A second signal: the default action, once this handler returns.
    signal(Sig, SIG_DFL);
    raise(Sig);
    return;
  }
  int SavedErrno = errno;
  unsigned char Byte = static_cast<unsigned char>(Sig);
  if (int Fd = SignalPipe.load(); Fd >= 0)
    (void)!::write(Fd, &Byte, 1);
  errno = SavedErrno;
}

static const char *signalName(int Sig) {
  switch (Sig) {
  case SIGINT:
    return "SIGINT";
  case SIGTERM:
    return "SIGTERM";
  case SIGHUP:
    return "SIGHUP";
  default:
    return "a signal";
  }
}

/// Whether the process has ended (it is left to be reaped).
static bool hasEnded(pid_t Pid, bool Block) {
  siginfo_t Info;
  Info.si_pid = 0;
  while (waitid(P_PID, Pid, &Info, WEXITED | WNOWAIT | (Block ? 0 : WNOHANG)) ==
         -1)
    if (errno != EINTR)
      return true; // Not a child of ours any more.
  return Info.si_pid != 0;
}
#endif

/// SIGTERM to each process, so that LLVM's handler in a worker removes the
/// temporary files it registered; SIGKILL to those still running after a
/// grace period; returns once every one has ended (none is reaped: the
/// caller's waiters do that, and keep their pids valid until then).
static void stopProcesses(ArrayRef<sys::ProcessInfo> Processes) {
#ifdef _WIN32
  for (const sys::ProcessInfo &PI : Processes)
    killProcess(PI);
#else
  for (const sys::ProcessInfo &PI : Processes)
    ::kill(PI.Pid, SIGTERM);
  const auto Grace = Clock::now() + std::chrono::seconds(2);
  for (const sys::ProcessInfo &PI : Processes) {
    while (!hasEnded(PI.Pid, /*Block=*/false) && Clock::now() < Grace)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!hasEnded(PI.Pid, /*Block=*/false))
      ::kill(PI.Pid, SIGKILL);
    hasEnded(PI.Pid, /*Block=*/true);
  }
#endif
}

InterruptHandler::InterruptHandler(int ReadEnd, int WriteEnd)
    : ReadEnd(ReadEnd), WriteEnd(WriteEnd) {}

#ifndef _WIN32
struct InterruptHandler::Previous {
  struct sigaction Actions[std::size(Interrupts)];
};
#else
struct InterruptHandler::Previous {};
#endif

std::unique_ptr<InterruptHandler> InterruptHandler::install() {
#ifdef _WIN32
  return nullptr;
#else
  // Close-on-exec: the workers must not hold the pipe. The write end does
  // not block: the handler must return whatever the pipe holds.
  int Ends[2];
  if (::pipe(Ends) != 0)
    return nullptr;
  for (int Fd : Ends)
    ::fcntl(Fd, F_SETFD, FD_CLOEXEC);
  ::fcntl(Ends[1], F_SETFL, O_NONBLOCK);
  std::unique_ptr<InterruptHandler> H(new InterruptHandler(Ends[0], Ends[1]));
  H->Before = std::make_unique<Previous>();
  SignalPipe.store(Ends[1]);
  H->Watcher = std::thread([P = H.get()] { P->watch(); });
  // These replace LLVM's handlers for the three (InitLLVM installed them);
  // the watcher runs what those did (sys::RunInterruptHandlers).
  struct sigaction Action = {};
  Action.sa_handler = onInterrupt;
  sigemptyset(&Action.sa_mask);
  Action.sa_flags = SA_RESTART;
  for (size_t I = 0; I < std::size(Interrupts); ++I)
    sigaction(Interrupts[I], &Action, &H->Before->Actions[I]);
  return H;
#endif
}

InterruptHandler::~InterruptHandler() {
#ifndef _WIN32
  for (size_t I = 0; I < std::size(Interrupts); ++I)
    sigaction(Interrupts[I], &Before->Actions[I], nullptr);
  SignalPipe.store(-1);
  // A 0 ends the watcher (a signal caught meanwhile has ended the process).
  unsigned char End = 0;
  (void)!::write(WriteEnd, &End, 1);
  Watcher.join();
  ::close(ReadEnd);
  ::close(WriteEnd);
#endif
}

void InterruptHandler::setTempDir(StringRef Dir) {
  std::lock_guard<std::mutex> G(Lock);
  TempDir = Dir.str();
}

void InterruptHandler::setStopWorkers(std::function<void()> Stop) {
  std::lock_guard<std::mutex> G(Lock);
  StopWorkers = std::move(Stop);
}

void InterruptHandler::watch() {
#ifndef _WIN32
  unsigned char Sig = 0;
  ssize_t N;
  while ((N = ::read(ReadEnd, &Sig, 1)) == -1 && errno == EINTR) {
  }
  if (N != 1 || Sig == 0)
    return;
  // Never unlocked: the process ends here, and the main thread must not
  // start a worker or clear what is removed meanwhile.
  Lock.lock();
  if (StopWorkers)
    StopWorkers();
  // What LLVM's handler would have done: its registered temporary files
  // (a report or a baseline being written) removed.
  sys::RunInterruptHandlers();
  if (!TempDir.empty())
    sys::fs::remove_directories(TempDir, /*IgnoreErrors=*/true);
  if (sys::Process::StandardErrIsDisplayed())
    errs() << "\r\033[K"; // The progress line.
  WithColor::error(errs(), "shutdown-hazards")
      << "interrupted by " << signalName(Sig) << "\n";
  ::_exit(128 + Sig);
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
    size_t Slot;
    sys::ProcessInfo PI;
    {
      // Started under the lock: a signal's stop sees every worker.
      std::lock_guard<std::mutex> G(Lock);
      PI = sys::ExecuteNoWait(Options.Executable, Args, std::nullopt, Redirects,
                              0, &Err, &Failed);
      Slot = Slots.size();
      if (!Failed)
        Slots.push_back(Running{I, PI, Clock::now()});
    }
    if (Failed) {
      Runs[I].Message = "cannot start a worker: " + Err;
      Bar.update(++Done, Jobs[I].TU.File);
      return;
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

  // On a signal: every worker not ended yet stopped, and the lock kept, so
  // that this loop starts and reaps no more.
  if (Options.Interrupts)
    Options.Interrupts->setStopWorkers([&] {
      Lock.lock(); // Never unlocked: the driver exits.
      std::vector<sys::ProcessInfo> Live;
      for (const Running &R : Slots)
        if (!R.Exited)
          Live.push_back(R.Process);
      stopProcesses(Live);
    });
  scope_exit NoMoreStop([&] {
    if (Options.Interrupts)
      Options.Interrupts->setStopWorkers(nullptr);
  });

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
