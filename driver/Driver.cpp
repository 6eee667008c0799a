//===- Driver.cpp - shutdown-hazards: the whole-program driver ------------===//
//
//   compile_commands.json ──► translation units (CompilationDb.h)
//        │ cached facts, when every file a unit read is unchanged (Cache.h)
//        │ else a worker process per unit, -j at a time (Scheduler.h, Worker.h)
//        ▼
//   facts of every unit ──► link + rules (Link.h)
//        │ NOLINT comments (Suppressions.h), --write-baseline, --baseline
//        │ (Baseline.h), --changed-from (ChangedLines.h)
//        ▼
//   report (Report.h)
//
// Exit codes: 0 no new finding; 1 new findings (or, with --baseline-strict,
// stale baseline entries); 2 the tool could not run; 3 no new finding but
// some translation units could not be analyzed.
//
//===----------------------------------------------------------------------===//

#include "driver/Cache.h"
#include "driver/gate/ChangedLines.h"
#include "driver/CompilationDb.h"
#include "driver/Config.h"
#include "driver/gate/Baseline.h"
#include "driver/Link.h"
#include "driver/Output.h"
#include "driver/report/Report.h"
#include "driver/Scheduler.h"
#include "driver/gate/Suppressions.h"
#include "driver/Worker.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#ifdef __GLIBC__
#include <malloc.h>
#endif

using namespace llvm;
using namespace shutdown;
using namespace shutdown::driver;

static cl::OptionCategory Category("shutdown-hazards options");

static cl::opt<std::string>
    BuildPath("p", cl::desc("Build directory or compile_commands.json"),
              cl::value_desc("build-dir"), cl::cat(Category));
static cl::list<std::string> Files(cl::Positional, cl::desc("[<file> ...]"),
                                   cl::cat(Category));
static cl::opt<std::string> Checks(
    "checks",
    cl::desc("Comma-separated globs of checks to report, after 'shutdown-*'\n"
             "(e.g. '-*,shutdown-join-in-dllmain')"),
    cl::value_desc("globs"), cl::cat(Category));
static cl::opt<unsigned>
    Parallel("j",
             cl::desc("Translation units analyzed at once (default: "
                      "all cores)"),
             cl::value_desc("N"), cl::init(0), cl::Prefix, cl::cat(Category));
static cl::opt<OutputFormat>
    Format("format", cl::desc("Report format"), cl::init(OutputFormat::Text),
           cl::values(clEnumValN(OutputFormat::Text, "text",
                                 "clang-style diagnostics (default)"),
                      clEnumValN(OutputFormat::Json, "json",
                                 "versioned JSON (docs/usage.md)"),
                      clEnumValN(OutputFormat::Sarif, "sarif", "SARIF 2.1.0"),
                      clEnumValN(OutputFormat::Github, "github",
                                 "GitHub Actions workflow annotations"),
                      clEnumValN(OutputFormat::Markdown, "markdown",
                                 "a pull-request comment or job summary"),
                      clEnumValN(OutputFormat::Html, "html",
                                 "one self-contained HTML page")),
           cl::cat(Category));
static cl::opt<std::string>
    OutputPath("o", cl::desc("Write the report to <file> (default: stdout)"),
               cl::value_desc("file"), cl::cat(Category));
static cl::opt<std::string> ConfigFile(
    "config-file",
    cl::desc("A .clang-tidy format file whose CheckOptions configure the "
             "model\n(default: the nearest .clang-tidy above the database)"),
    cl::value_desc("file"), cl::cat(Category));
static cl::opt<bool> Quiet("quiet",
                           cl::desc("No progress and no summary on stderr"),
                           cl::cat(Category));
static cl::opt<unsigned> Timeout(
    "timeout",
    cl::desc("Seconds one translation unit may take (default: 300; 0: no "
             "limit)"),
    cl::value_desc("s"), cl::init(300), cl::cat(Category));
static cl::opt<std::string>
    CacheDir("cache-dir",
             cl::desc("Where facts are cached (default: "
                      "<build-dir>/.shutdown-hazards-cache)"),
             cl::value_desc("dir"), cl::cat(Category));
static cl::opt<bool> AllowParseErrors(
    "allow-parse-errors",
    cl::desc("Analyze translation units with parse errors as far as they "
             "parsed, and do not fail the run for them"),
    cl::cat(Category));
static cl::opt<std::string> DllSources(
    "dll-sources",
    cl::desc("Regex of source files (absolute paths) that are part of a DLL"),
    cl::value_desc("regex"), cl::cat(Category));
static cl::opt<bool> DllEntryDirs(
    "dll-entry-dirs",
    cl::desc("Take the files in the directory of a translation unit that "
             "defines DllMain as part of that DLL (default: true)"),
    cl::init(true), cl::cat(Category));
static cl::opt<std::string>
    Root("root",
         cl::desc("Project root for paths in JSON and SARIF (default: the "
                  "database's directory)"),
         cl::value_desc("dir"), cl::cat(Category));
static cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Write every finding of the run (after NOLINT suppressions) to "
             "<file>,\na baseline for --baseline"),
    cl::value_desc("file"), cl::cat(Category));
static cl::opt<std::string> BaselineFile(
    "baseline",
    cl::desc("Findings listed in <file> (see --write-baseline) are reported "
             "as\nbaselined and do not fail the run"),
    cl::value_desc("file"), cl::cat(Category));
static cl::opt<bool> BaselineStrict(
    "baseline-strict",
    cl::desc("Also fail the run when an entry of --baseline matches no "
             "finding"),
    cl::cat(Category));
static cl::opt<std::string> ChangedFrom(
    "changed-from",
    cl::desc("Report only the findings whose chain touches a line changed "
             "since the\ngit revision <ref>, or the main file of a "
             "translation unit that read a\nchanged header"),
    cl::value_desc("ref"), cl::cat(Category));
static cl::opt<bool> ReportUnusedSuppressions(
    "report-unused-suppressions",
    cl::desc("Warn about NOLINT comments in the project's files that name a "
             "shutdown-*\ncheck and suppress no finding"),
    cl::cat(Category));

// Hidden: the worker's entry point, and the link alone over fact files (for
// benchmarks and for facts extracted elsewhere, DESIGN.md §5).
static cl::opt<std::string> ExtractWorker("extract-worker", cl::Hidden,
                                          cl::cat(Category));
static cl::opt<std::string>
    LinkOnly("link-only",
             cl::desc("Link the fact files or cache entries (*.json) in <dir>"),
             cl::value_desc("dir"), cl::Hidden, cl::cat(Category));
static cl::opt<bool> PrintTimings("print-timings",
                                  cl::desc("Print phase times on stderr"),
                                  cl::Hidden, cl::cat(Category));

namespace {

constexpr int ExitClean = 0, ExitFindings = 1, ExitError = 2,
              ExitIncomplete = 3;

int error(const Twine &Message) {
  WithColor::error(errs(), "shutdown-hazards") << Message << "\n";
  return ExitError;
}

/// Phase times for --print-timings.
class Phases {
public:
  void done(const Twine &Phase) {
    auto Now = std::chrono::steady_clock::now();
    if (PrintTimings)
      errs() << formatv("shutdown-hazards: {0}: {1:f3} s\n", Phase,
                        std::chrono::duration<double>(Now - Last).count());
    Last = Now;
  }

private:
  std::chrono::steady_clock::time_point Last = std::chrono::steady_clock::now();
};

/// The link reads and frees millions of small facts: keep freed memory for
/// reuse instead of returning it to the system and faulting it in again
/// (with glibc, that churn costs more than the parsing).
void keepFreedMemory() {
#ifdef __GLIBC__
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
#endif
}

/// A path from the command line, absolute and without "." or "..".
std::string absolutePath(StringRef Path) {
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  return normalizePath(Path, Cwd);
}

unsigned parallelism() {
  return Parallel ? Parallel.getValue()
                  : hardware_concurrency().compute_thread_count();
}

/// "; 2 suppressed by NOLINT" for the summary line, or nothing when N is 0.
std::string summaryPart(size_t N, StringRef What) {
  return N ? formatv("; {0} {1}", N, What).str() : std::string();
}

/// Writes the report, prints the summary; returns the exit code.
int finish(Output &Out, Report &R, size_t Parsed, size_t Cached) {
  std::string Text;
  raw_string_ostream OS(Text);
  writeReport(OS, Format, R);
  if (Error E = Out.write(Text))
    return error(toString(std::move(E)));
  size_t Errors = count_if(R.Findings, [](const ReportedFinding &F) {
    return F.F.Level == Severity::Error;
  });
  size_t Failed =
      count_if(R.Failures, [](const Failure &F) { return F.Counted; });
  size_t Baselined = count_if(
      R.Findings, [](const ReportedFinding &F) { return F.Baselined; });
  size_t New = R.Findings.size() - Baselined;
  if (!Quiet)
    errs() << formatv("shutdown-hazards: {0} translation unit{1} ({2} "
                      "parsed, {3} from cache, {4} not analyzed): {5} "
                      "finding{6} ({7} error{8}, {9} warning{10})",
                      R.Units, R.Units == 1 ? "" : "s", Parsed, Cached, Failed,
                      R.Findings.size(), R.Findings.size() == 1 ? "" : "s",
                      Errors, Errors == 1 ? "" : "s",
                      R.Findings.size() - Errors,
                      R.Findings.size() - Errors == 1 ? "" : "s")
           << (Baselined
                   ? formatv("; {0} baselined, {1} new", Baselined, New).str()
                   : "")
           << summaryPart(R.StaleBaseline.size(),
                          R.StaleBaseline.size() == 1
                              ? "stale baseline entry"
                              : "stale baseline entries")
           << summaryPart(R.Suppressed, "suppressed by NOLINT")
           << summaryPart(R.OutsideChange,
                          "outside the changes since " + R.ChangedFrom)
           << summaryPart(R.UnusedSuppressions.size(),
                          R.UnusedSuppressions.size() == 1
                              ? "unused suppression"
                              : "unused suppressions")
           << "\n";
  if (New || (BaselineStrict && !R.StaleBaseline.empty()))
    return ExitFindings;
  return Failed ? ExitIncomplete : ExitClean;
}

/// What the gate options ask for, prepared before the analysis so that a
/// bad baseline, an unknown revision or a baseline path that cannot be
/// written fails the run at once.
struct Gate {
  std::optional<Baseline> Accepted;    ///< --baseline
  std::optional<Output> BaselineOut;   ///< --write-baseline
  std::optional<ChangedLines> Changes; ///< --changed-from
};

/// RootDir: where --changed-from asks git.
Expected<Gate> openGate(StringRef RootDir) {
  Gate G;
  if (BaselineStrict && BaselineFile.empty())
    return createStringError(inconvertibleErrorCode(),
                             "--baseline-strict needs --baseline=<file>");
  if (!BaselineFile.empty()) {
    Expected<Baseline> B = readBaseline(BaselineFile);
    if (!B)
      return B.takeError();
    G.Accepted = std::move(*B);
  }
  if (!WriteBaseline.empty()) {
    Expected<Output> O = Output::open(WriteBaseline);
    if (!O)
      return O.takeError();
    G.BaselineOut.emplace(std::move(*O));
  }
  if (ChangedFrom.getNumOccurrences()) {
    Expected<ChangedLines> C = ChangedLines::fromGit(RootDir, ChangedFrom);
    if (!C)
      return C.takeError();
    G.Changes = std::move(*C);
  }
  return G;
}

/// The names of the checks this run reports.
std::vector<std::string> checkNames(const LinkOptions &L) {
  std::vector<std::string> Names;
  if (!L.Rules.empty()) {
    for (RuleKind K : L.Rules)
      Names.push_back(ruleName(K).str());
    return Names;
  }
  for (const CheckInfo &C : checks())
    Names.push_back(C.Name.str());
  return Names;
}

/// The link's findings, through the gate: NOLINT comments, the baseline
/// (written, then read), the change. Units: what each unit read (none for
/// --link-only).
Error setFindings(Report &R, Hazards H, const LinkOptions &L, Gate &G,
                  ArrayRef<UnitFiles> Units) {
  for (Finding &F : H.Findings) {
    std::string Id = findingId(F);
    R.Findings.push_back({std::move(F), std::move(Id)});
  }
  R.Owners = std::move(H.Owners);

  Suppressions S(checkNames(L));
  R.Suppressed = applySuppressions(R.Findings, S);
  if (ReportUnusedSuppressions) {
    // Every file of the project the units read.
    for (const UnitFiles &U : Units) {
      S.scan(U.File, R.Root);
      S.scan(U.Deps, R.Root);
    }
    R.UnusedSuppressions = S.unused(R.Root);
    // And the annotations that silence nothing, in the project's files.
    for (const AnnotationFact &A : H.UnusedAnnotations)
      if (sys::path::parent_path(A.Loc.File).starts_with(R.Root))
        R.UnusedSuppressions.push_back(
            {A.Loc, "[[clang::annotate(\"shutdown-hazards:intentional\")]] "
                    "on '" +
                        A.Name + "'"});
    llvm::sort(R.UnusedSuppressions,
               [](const UnusedSuppression &A, const UnusedSuppression &B) {
                 return std::tie(A.Loc, A.Text) < std::tie(B.Loc, B.Text);
               });
  }
  for (const SuppressionProblem &P : S.problems())
    WithColor::warning(errs(), "shutdown-hazards")
        << P.Loc.File << ":" << P.Loc.Line << ": " << P.Message << "\n";
  for (const UnusedSuppression &U : R.UnusedSuppressions)
    WithColor::warning(errs(), "shutdown-hazards")
        << U.Loc.File << ":" << U.Loc.Line << ": " << U.Text
        << " suppresses no finding\n";

  if (G.BaselineOut)
    if (Error E = G.BaselineOut->write(baselineText(R.Findings)))
      return E;
  if (G.Accepted) {
    R.HasBaseline = true;
    for (const BaselineEntry &E : applyBaseline(*G.Accepted, R.Findings)) {
      (BaselineStrict ? WithColor::error(errs(), "shutdown-hazards")
                      : WithColor::warning(errs(), "shutdown-hazards"))
          << G.Accepted->Path << ":" << E.Line
          << ": baseline entry matches no finding (fixed, or its chain "
             "changed): "
          << E.Text << "\n";
      R.StaleBaseline.push_back(E.Text);
    }
  }
  if (G.Changes) {
    R.ChangedFrom = ChangedFrom;
    R.OutsideChange = keepChanged(R.Findings, *G.Changes, Units);
  }
  return Error::success();
}

Expected<LinkOptions> linkOptions() {
  LinkOptions L;
  L.DllEntryDirectories = DllEntryDirs;
  L.FindUnusedAnnotations = ReportUnusedSuppressions;
  if (!DllSources.empty()) {
    Regex Re(DllSources);
    std::string Why;
    if (!Re.isValid(Why))
      return createStringError(inconvertibleErrorCode(),
                               "--dll-sources='%s': %s", DllSources.c_str(),
                               Why.c_str());
    L.DllSources.emplace(std::move(Re));
  }
  if (Checks.getNumOccurrences()) {
    Expected<std::vector<RuleKind>> Rules =
        enabledRules("shutdown-*," + Checks);
    if (!Rules)
      return Rules.takeError();
    L.Rules = std::move(*Rules);
  }
  return L;
}

/// A fact file, or a worker's result (a cache entry) holding one: the
/// fact file's facts.
Expected<RawFacts> readFactFile(StringRef Path) {
  auto Buffer = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return errorCodeToError(Buffer.getError());
  if (std::optional<RawFacts> Fast = readRawFacts(*Buffer))
    return std::move(*Fast);
  Expected<json::Value> V = json::parse((*Buffer)->getBuffer());
  if (!V)
    return V.takeError();
  json::Object *O = V->getAsObject();
  if (!O || !O->get("format"))
    return rawFacts(*V);
  if (json::Value *Facts = O->get("facts"))
    return rawFacts(*Facts);
  return createStringError("a result without facts");
}

/// --link-only: the facts are already extracted, one fact file per unit.
int linkOnly(LinkOptions &L, Output &Out) {
  Phases Time;
  std::vector<std::string> Paths;
  std::error_code EC;
  for (sys::fs::directory_iterator It(LinkOnly, EC), End; It != End && !EC;
       It.increment(EC))
    if (StringRef(It->path()).ends_with(".json"))
      Paths.push_back(It->path());
  if (EC)
    return error("cannot read '" + LinkOnly + "': " + EC.message());
  llvm::sort(Paths);
  std::string RootDir =
      absolutePath(Root.empty() ? StringRef(".") : StringRef(Root));
  Expected<Gate> G = openGate(RootDir);
  if (!G)
    return error(toString(G.takeError()));
  // Parsing runs ahead of the merge by a window of files, on the pool; the
  // merge takes them in order (deterministic) and frees each once merged.
  std::vector<RawFacts> Units(Paths.size());
  std::vector<std::string> Problems(Paths.size());
  std::vector<std::shared_future<void>> Parsed(Paths.size());
  DefaultThreadPool Pool(hardware_concurrency(parallelism()));
  auto Parse = [&](size_t I) {
    Parsed[I] = Pool.async([&, I] {
      Expected<RawFacts> F = readFactFile(Paths[I]);
      if (F)
        Units[I] = std::move(*F);
      else
        Problems[I] = toString(F.takeError());
    });
  };
  const size_t Window = 8 * parallelism();
  for (size_t I = 0; I < Paths.size() && I < Window; ++I)
    Parse(I);
  FactMerger Merger;
  for (size_t I = 0; I < Paths.size(); ++I) {
    Parsed[I].wait();
    if (Problems[I].empty())
      if (Error E = Merger.add(Units[I]))
        Problems[I] = toString(std::move(E));
    Units[I] = RawFacts();
    if (I + Window < Paths.size())
      Parse(I + Window);
  }
  Time.done("read and merge facts");
  Report R;
  R.Root = RootDir;
  R.Units = Paths.size();
  for (size_t I = 0; I < Paths.size(); ++I) {
    if (Problems[I].empty())
      continue;
    WithColor::error(errs(), "shutdown-hazards")
        << Paths[I] << ": " << Problems[I] << "\n";
    R.Failures.push_back({Paths[I], "error", Problems[I]});
  }
  L.Phase = [&](StringRef Name) { Time.done("link: " + Name); };
  if (Error E = setFindings(R, linkMerged(Merger, L), L, *G, {}))
    return error(toString(std::move(E)));
  Time.done("link: report order");
  return finish(Out, R, 0, 0);
}

struct UnitState {
  std::optional<TUResult> Result;
  bool FromCache = false;
  std::optional<Failure> Problem;
};

/// Checks each unit's inputs and looks its facts up in the cache, -j at once.
std::vector<UnitState> lookupUnits(const CompilationDb &Db,
                                   ArrayRef<std::string> Keys,
                                   const std::optional<Cache> &Store) {
  std::vector<UnitState> State(Db.Units.size());
  FileHasher Hasher;
  DefaultThreadPool Pool(hardware_concurrency(parallelism()));
  for (size_t I = 0; I < Db.Units.size(); ++I)
    Pool.async([&, I] {
      const TranslationUnit &TU = Db.Units[I];
      if (!sys::fs::exists(TU.File)) {
        State[I].Problem = Failure{TU.File, "missing-file",
                                   "no such file (listed in " + Db.Path + ")"};
      } else if (!sys::fs::is_directory(TU.Directory)) {
        State[I].Problem =
            Failure{TU.File, "missing-file",
                    "its working directory '" + TU.Directory +
                        "' does not exist (listed in " + Db.Path + ")"};
      } else if (Store) {
        State[I].Result = Store->lookup(Keys[I], Hasher);
        State[I].FromCache = State[I].Result.has_value();
      }
    });
  Pool.wait();
  return State;
}

/// Extracts, in worker processes, the units that have neither facts nor a
/// problem yet; results go to the cache (or TempDir without one).
void extractUnits(const CompilationDb &Db, ArrayRef<std::string> Keys,
                  const ModelOptions &Options,
                  const std::optional<Cache> &Store, StringRef TempDir,
                  std::vector<UnitState> &State) {
  std::vector<Job> Jobs;
  std::vector<size_t> JobUnit;
  for (size_t I = 0; I < Db.Units.size(); ++I) {
    if (State[I].Result || State[I].Problem)
      continue;
    Job J;
    J.Key = Keys[I];
    J.TU = Db.Units[I];
    for (auto &[K, V] : Options.toOptions())
      J.Options[K] = V;
    if (Store) {
      J.Output = Store->entryPath(Keys[I]);
    } else {
      SmallString<256> P(TempDir);
      sys::path::append(P, "result-" + std::to_string(I) + ".json");
      J.Output = P.str().str();
    }
    Jobs.push_back(std::move(J));
    JobUnit.push_back(I);
  }
  SchedulerOptions S;
  static int Anchor;
  S.Executable = sys::fs::getMainExecutable("shutdown-hazards", &Anchor);
  S.Parallel = parallelism();
  S.TimeoutSeconds = Timeout;
  S.Progress = !Quiet && sys::Process::StandardErrIsDisplayed();
  S.TempDir = TempDir.str();
  std::vector<WorkerRun> Runs = runWorkers(Jobs, S);
  for (size_t K = 0; K < Jobs.size(); ++K) {
    UnitState &U = State[JobUnit[K]];
    const std::string &File = Jobs[K].TU.File;
    const WorkerRun &W = Runs[K];
    if (PrintTimings)
      errs() << formatv("shutdown-hazards: unit {0}: {1:f3} s CPU, {2} MiB\n",
                        File, W.CpuSeconds, W.PeakRssKiB / 1024);
    switch (W.State) {
    case WorkerRun::Status::Finished: {
      Expected<TUResult> Res = readResult(Jobs[K].Output, Jobs[K].Key);
      if (Res)
        U.Result = std::move(*Res);
      else
        U.Problem = Failure{File, "error",
                            "unreadable result: " + toString(Res.takeError())};
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

int run(LinkOptions &L, Output &Out) {
  Phases Time;
  Expected<CompilationDb> Db = loadCompilationDb(BuildPath, Files);
  if (!Db)
    return error(toString(Db.takeError()));
  Expected<ModelConfig> Config = loadModelConfig(ConfigFile, Db->Directory);
  if (!Config)
    return error(toString(Config.takeError()));
  std::string RootDir = Root.empty() ? Db->Directory : absolutePath(Root);
  Expected<Gate> G = openGate(RootDir);
  if (!G)
    return error(toString(G.takeError()));

  SmallString<256> TempDir;
  if (std::error_code EC =
          sys::fs::createUniqueDirectory("shutdown-hazards", TempDir))
    return error("cannot create a temporary directory: " + EC.message());
  scope_exit RemoveTemp(
      [&] { sys::fs::remove_directories(TempDir, /*IgnoreErrors=*/true); });

  // --cache-dir= (empty) runs without a cache.
  std::optional<Cache> Store;
  if (!CacheDir.getNumOccurrences() || !CacheDir.empty()) {
    std::string Dir =
        CacheDir.getNumOccurrences()
            ? absolutePath(CacheDir)
            : normalizePath(".shutdown-hazards-cache", Db->Directory);
    Expected<Cache> C = Cache::open(Dir);
    if (C)
      Store.emplace(std::move(*C));
    else
      WithColor::warning(errs(), "shutdown-hazards")
          << toString(C.takeError()) << "; running without a cache\n";
  }
  Time.done("load database");

  std::vector<std::string> Keys;
  std::string Tool = toolIdentity();
  for (const TranslationUnit &TU : Db->Units)
    Keys.push_back(cacheKey(TU, Config->Options, Tool));
  std::vector<UnitState> State = lookupUnits(*Db, Keys, Store);
  Time.done("cache lookup");
  extractUnits(*Db, Keys, Config->Options, Store, TempDir, State);
  Time.done("extract");

  Report R;
  R.Root = RootDir;
  R.Units = Db->Units.size();
  std::vector<TUFacts> Facts;
  std::vector<UnitFiles> Read;
  size_t Parsed = 0, Cached = 0;
  for (UnitState &U : State) {
    if (U.Result && !U.Result->ParseError.empty())
      U.Problem = Failure{U.Result->File, "parse-error", U.Result->ParseError,
                          /*Counted=*/!AllowParseErrors};
    if (U.Problem) {
      const Failure &F = *U.Problem;
      if (F.Counted)
        WithColor::error(errs(), "shutdown-hazards")
            << F.File << ": "
            << (F.Kind == "parse-error" ? "cannot be parsed: " : "")
            << F.Message << "\n";
      else
        WithColor::warning(errs(), "shutdown-hazards")
            << F.File
            << ": parse errors ignored (--allow-parse-errors): " << F.Message
            << "\n";
      R.Failures.push_back(F);
    }
    if (U.Result) {
      (U.FromCache ? Cached : Parsed) += 1;
      Facts.push_back(std::move(U.Result->Facts));
      UnitFiles &F = Read.emplace_back();
      F.File = U.Result->File;
      for (Dependency &D : U.Result->Deps)
        F.Deps.push_back(std::move(D.Path));
    }
  }
  L.Phase = [&](StringRef Name) { Time.done("link: " + Name); };
  if (Error E = setFindings(R, linkAndFind(Facts, L), L, *G, Read))
    return error(toString(std::move(E)));
  Time.done("link: report order");
  return finish(Out, R, Parsed, Cached);
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "shutdown-hazards " << SHUTDOWN_HAZARDS_VERSION << " (clang "
       << CLANG_VERSION_STRING << ")\n";
  });
  cl::HideUnrelatedOptions(Category);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "finds threads joined or waited for at exit, at unload or in "
          "DllMain, over a whole program\n\n"
          "Exit codes: 0 no finding, 1 findings, 2 the tool could not run, "
          "3 no finding but some\ntranslation units could not be analyzed.\n",
          &errs()))
    return ExitError;
  if (!ExtractWorker.empty())
    return runWorker(ExtractWorker);
  keepFreedMemory();
  if (BuildPath.empty() && LinkOnly.empty())
    return error("no compilation database: pass -p <build-dir> or "
                 "-p <compile_commands.json>");
  Expected<LinkOptions> L = linkOptions();
  if (!L)
    return error(toString(L.takeError()));
  Expected<Output> Out = Output::open(OutputPath);
  if (!Out)
    return error(toString(Out.takeError()));
  return LinkOnly.empty() ? run(*L, *Out) : linkOnly(*L, *Out);
}
