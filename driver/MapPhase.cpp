//===- MapPhase.cpp - Every unit's facts, cached or extracted -------------===//

#include "driver/MapPhase.h"
#include "checkers/model/ApiTables.h"
#include "driver/Paths.h"
#include "driver/Scheduler.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include <chrono>
#include <numeric>

using namespace llvm;

namespace shutdown::driver {

/// Removes the temporary files of cache entries (llvm::writeToOutput's,
/// Output.h) that a worker killed while it wrote one left behind. A worker
/// stopped by a signal removes its own (InterruptHandler, Scheduler.h); one
/// killed at its time limit, or after the grace period, cannot. A file
/// younger than an hour may be another run's, still being written.
static void removeStrayTempFiles(StringRef Dir) {
  const auto Before = std::chrono::system_clock::now() - std::chrono::hours(1);
  std::error_code EC;
  for (sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    if (!sys::path::filename(It->path()).contains(".json.temp-stream-"))
      continue;
    sys::fs::file_status Status;
    if (!sys::fs::status(It->path(), Status) &&
        Status.getLastModificationTime() < Before)
      sys::fs::remove(It->path());
  }
}

/// The cache, or none (with a warning) when its directory cannot be made.
static std::optional<Cache> openCache(const std::optional<std::string> &Dir) {
  if (!Dir)
    return std::nullopt;
  Expected<Cache> C = Cache::open(*Dir);
  if (C) {
    removeStrayTempFiles(*Dir);
    return std::move(*C);
  }
  WithColor::warning(errs(), "shutdown-hazards")
      << toString(C.takeError()) << "; running without a cache\n";
  return std::nullopt;
}

/// Checks each unit's inputs and looks its facts up in the cache, -j at once.
static void lookupUnits(const CompilationDb &Db, ArrayRef<std::string> Keys,
                        const std::optional<Cache> &Store, unsigned Parallel,
                        std::vector<MappedUnit> &Units) {
  FileHasher Hasher;
  DefaultThreadPool Pool(hardware_concurrency(Parallel));
  for (size_t I = 0; I < Db.Units.size(); ++I)
    Pool.async([&, I] {
      const TranslationUnit &TU = Db.Units[I];
      MappedUnit &U = Units[I];
      if (!sys::fs::exists(TU.File)) {
        U.Problem = Failure{TU.File, "missing-file",
                            "no such file (listed in " + Db.Path + ")"};
      } else if (!sys::fs::is_directory(TU.Directory)) {
        U.Problem = Failure{TU.File, "missing-file",
                            "its working directory '" + TU.Directory +
                                "' does not exist (listed in " + Db.Path + ")"};
      } else if (Store) {
        U.Result = Store->lookup(Keys[I], Hasher);
        U.FromCache = U.Result.has_value();
        if (U.FromCache)
          U.ResultPath = Store->entryPath(Keys[I]);
      }
    });
  Pool.wait();
}

/// Where the workers' slots stood idle (--print-timings): the slots' time
/// not spent in a worker, before the last unit started (starting workers,
/// reaping them) and after (no unit left for a slot whose worker ended).
static void printIdleTime(ArrayRef<WorkerRun> Runs, unsigned Parallel) {
  if (Runs.empty())
    return;
  double Wall = 0, LastStart = 0, Busy = 0, BusyAfter = 0;
  for (const WorkerRun &R : Runs) {
    Wall = std::max(Wall, R.EndSeconds);
    LastStart = std::max(LastStart, R.StartSeconds);
  }
  for (const WorkerRun &R : Runs) {
    Busy += R.EndSeconds - R.StartSeconds;
    BusyAfter +=
        std::max(0.0, R.EndSeconds - std::max(R.StartSeconds, LastStart));
  }
  size_t Slots = std::min<size_t>(std::max(1u, Parallel), Runs.size());
  double IdleAfter = Slots * (Wall - LastStart) - BusyAfter;
  double Idle = Slots * Wall - Busy;
  errs() << formatv("shutdown-hazards: extract: {0} units on {1} workers in "
                    "{2:f2} s; workers busy {3:f2} s of {4:f2} s ({5:f1} %); "
                    "idle {6:f2} s before the last unit started, {7:f2} s "
                    "after\n",
                    Runs.size(), Slots, Wall, Busy, Slots * Wall,
                    Slots * Wall > 0 ? 100 * Busy / (Slots * Wall) : 100.0,
                    Idle - IdleAfter, IdleAfter);
}

/// Puts the units likely to take longest first, so that the last units to
/// end are short ones and no worker slot waits long for the slowest while
/// the other has nothing left: a larger main file first (the only measure
/// known before parsing), ties in the database's order. Results are by
/// index, so reports do not depend on the order.
static void orderLongestFirst(std::vector<Job> &Jobs,
                              std::vector<size_t> &JobUnit) {
  std::vector<uint64_t> Size(Jobs.size(), 0);
  for (size_t K = 0; K < Jobs.size(); ++K) {
    SmallString<256> Path(Jobs[K].TU.File);
    sys::path::make_absolute(Jobs[K].TU.Directory, Path);
    uint64_t Bytes = 0;
    if (!sys::fs::file_size(Path, Bytes))
      Size[K] = Bytes;
  }
  std::vector<size_t> Order(Jobs.size());
  std::iota(Order.begin(), Order.end(), 0);
  std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    return std::make_pair(Size[B], A) < std::make_pair(Size[A], B);
  });
  std::vector<Job> SortedJobs;
  std::vector<size_t> SortedUnits;
  for (size_t K : Order) {
    SortedJobs.push_back(std::move(Jobs[K]));
    SortedUnits.push_back(JobUnit[K]);
  }
  Jobs = std::move(SortedJobs);
  JobUnit = std::move(SortedUnits);
}

/// Extracts, in worker processes, the units that have neither facts nor a
/// problem yet; results go to the cache (or TempDir without one).
static void extractUnits(const CompilationDb &Db, ArrayRef<std::string> Keys,
                         const ModelOptions &Options,
                         const std::optional<Cache> &Store, const MapOptions &M,
                         std::vector<MappedUnit> &Units) {
  std::vector<Job> Jobs;
  std::vector<size_t> JobUnit;
  for (size_t I = 0; I < Db.Units.size(); ++I) {
    if (Units[I].Result || Units[I].Problem)
      continue;
    Job J;
    J.Key = Keys[I];
    J.TU = Db.Units[I];
    for (auto &[K, V] : Options.toOptions())
      J.Options[K] = V;
    if (Store) {
      J.Output = Store->entryPath(Keys[I]);
    } else {
      SmallString<256> P(M.TempDir);
      sys::path::append(P, "result-" + std::to_string(I) + ".json");
      J.Output = P.str().str();
    }
    Jobs.push_back(std::move(J));
    JobUnit.push_back(I);
  }
  orderLongestFirst(Jobs, JobUnit);
  SchedulerOptions S;
  S.Executable = mainExecutable();
  S.Parallel = M.Parallel;
  S.TimeoutSeconds = M.TimeoutSeconds;
  S.Progress = M.Progress;
  S.TempDir = M.TempDir;
  S.Interrupts = M.Interrupts;
  std::vector<WorkerRun> Runs = runWorkers(Jobs, S);
  if (M.PrintUnitCosts)
    printIdleTime(Runs, M.Parallel);
  for (size_t K = 0; K < Jobs.size(); ++K) {
    MappedUnit &U = Units[JobUnit[K]];
    const std::string &File = Jobs[K].TU.File;
    const WorkerRun &W = Runs[K];
    if (M.PrintUnitCosts)
      errs() << formatv("shutdown-hazards: unit {0}: {1:f3} s CPU, {2} MiB\n",
                        File, W.CpuSeconds, W.PeakRssKiB / 1024);
    switch (W.State) {
    case WorkerRun::Status::Finished: {
      Expected<StoredResult> Res = readResult(Jobs[K].Output, Jobs[K].Key);
      if (Res) {
        U.Result = std::move(*Res);
        U.ResultPath = Jobs[K].Output;
      } else {
        U.Problem = Failure{File, "error",
                            "unreadable result: " + toString(Res.takeError())};
      }
      break;
    }
    case WorkerRun::Status::Crashed:
      U.Problem = Failure{File, "crash", W.Message};
      break;
    case WorkerRun::Status::TimedOut:
      U.Problem = Failure{File, "timeout", "the analysis " + W.Message};
      break;
    case WorkerRun::Status::Failed:
      U.Problem = Failure{File, "error", W.Message};
      break;
    }
  }
}

/// Removes the cache entries of units the database no longer lists, those
/// of this run's units made by another build of the tool, and, over the
/// size cap, the oldest others.
static void evictEntries(const CompilationDb &Db, const Cache &Store,
                         StringRef Tool, const MapOptions &M,
                         ArrayRef<MappedUnit> Units) {
  StringSet<> InUse, Listed, Analyzed;
  for (const MappedUnit &U : Units)
    if (U.Result)
      InUse.insert(U.ResultPath);
  for (const std::string &F : Db.Listed)
    Listed.insert(F);
  for (const TranslationUnit &TU : Db.Units)
    Analyzed.insert(TU.File);
  Cache::Eviction E =
      Store.evict(InUse, Listed, Analyzed, Tool, M.CacheMaxBytes);
  if (M.CacheMaxBytes && E.KeptInUse > M.CacheMaxBytes)
    WithColor::warning(errs(), "shutdown-hazards")
        << formatv("this run's cache entries take {0} KiB, more than the "
                   "{1} KiB of --cache-max-size: they are kept\n",
                   (E.KeptInUse + 1023) >> 10, M.CacheMaxBytes >> 10);
}

std::vector<MappedUnit> mapUnits(const CompilationDb &Db,
                                 const ModelOptions &Options,
                                 const MapOptions &M,
                                 function_ref<void(StringRef)> Phase) {
  std::optional<Cache> Store = openCache(M.CacheDir);
  std::vector<std::string> Keys;
  std::string Tool = toolIdentity();
  for (const TranslationUnit &TU : Db.Units)
    Keys.push_back(cacheKey(TU, Options, Tool));
  std::vector<MappedUnit> Units(Db.Units.size());
  lookupUnits(Db, Keys, Store, M.Parallel, Units);
  Phase("cache lookup");
  extractUnits(Db, Keys, Options, Store, M, Units);
  Phase("extract");
  if (Store) {
    evictEntries(Db, *Store, Tool, M, Units);
    Phase("cache eviction");
  }
  // Facts with parse errors are kept (of what did parse); the unit is
  // reported all the same.
  for (MappedUnit &U : Units)
    if (U.Result && !U.Result->Result.ParseError.empty())
      U.Problem = Failure{U.Result->Result.File, "parse-error",
                          U.Result->Result.ParseError,
                          /*Counted=*/!M.AllowParseErrors};
  return Units;
}

} // namespace shutdown::driver
