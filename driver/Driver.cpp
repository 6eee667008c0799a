//===- Driver.cpp - shutdown-hazards: the whole-program driver ------------===//
//
//   compile_commands.json ──► translation units (CompilationDb.h)
//        │ map: cached facts, when every file a unit read is unchanged
//        │ (Cache.h), else a worker process per unit, -j at a time
//        │ (MapPhase.h, Scheduler.h, Worker.h)
//        ▼
//   a fact file per unit ──► merge, link + rules (Link.h)
//        │ gate: NOLINT comments, --write-baseline, --baseline,
//        │ --changed-from (gate/Gate.h)
//        ▼
//   report (report/Report.h), summary (report/Summary.h)
//
// --link-only starts at the merge, from fact files extracted elsewhere.
//
// Exit codes: 0 no new finding; 1 new findings (or, with --baseline-strict,
// stale baseline entries); 2 the tool could not run; 3 no new finding but
// some translation units could not be analyzed.
//
//===----------------------------------------------------------------------===//

#include "checkers/model/Results.h"
#include "driver/CompilationDb.h"
#include "driver/Config.h"
#include "driver/Link.h"
#include "driver/MapPhase.h"
#include "driver/Output.h"
#include "driver/Paths.h"
#include "driver/ProjectScope.h"
#include "driver/Scheduler.h"
#include "driver/Shard.h"
#include "driver/Worker.h"
#include "driver/gate/ChangedLines.h"
#include "driver/gate/Gate.h"
#include "driver/report/Report.h"
#include "driver/report/Summary.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <cstdlib>
#ifdef __GLIBC__
#include <malloc.h>
#include <unistd.h>
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
             cl::desc("Translation units analyzed at once (default, and 0: "
                      "all cores)"),
             cl::value_desc("N"), cl::init(0), cl::Prefix, cl::cat(Category));
static cl::opt<std::string> FormatName(
    "format",
    cl::desc("Report format: text (default), json, sarif, github, markdown "
             "or html\n(any case)"),
    cl::value_desc("format"), cl::init("text"), cl::cat(Category));
static cl::opt<std::string>
    OutputPath("o", cl::desc("Write the report to <file> (default: stdout)"),
               cl::value_desc("file"), cl::cat(Category));
static cl::list<std::string> ExtraArgsAfter(
    "extra-arg",
    cl::desc("Add this argument to the end of every compile command (as "
             "clang-tidy)"),
    cl::value_desc("arg"), cl::cat(Category));
static cl::list<std::string> ExtraArgsBefore(
    "extra-arg-before",
    cl::desc("Add this argument after the compiler in every compile command"),
    cl::value_desc("arg"), cl::cat(Category));
static cl::opt<std::string> ConfigFile(
    "config-file",
    cl::desc("A .clang-tidy format file whose CheckOptions configure the "
             "model\n(default: the nearest .clang-tidy above the database)"),
    cl::value_desc("file"), cl::cat(Category));
static cl::opt<bool> StrictConfig(
    "strict-config",
    cl::desc("Fail the run (exit 2) when a .clang-tidy has a CheckOptions key "
             "that no\nshutdown-* check reads (by default: a warning)"),
    cl::cat(Category));
static cl::opt<std::string> EditorResults(
    "editor-results",
    cl::desc("Where the findings are left for the editor front-ends "
             "(default:\n<build-dir>/.shutdown-hazards-findings.json; empty: "
             "nowhere)"),
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
static cl::opt<std::string> CacheMaxSize(
    "cache-max-size",
    cl::desc("Cap of the cache directory (bytes, or with K, M or G): the "
             "oldest\nentries this run does not use are removed above it "
             "(default: 0, no cap)"),
    cl::value_desc("size"), cl::init("0"), cl::cat(Category));
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
         cl::desc("The project root: every format but text names files "
                  "relative to it,\n--report-unused-suppressions looks at "
                  "the files under it, --changed-from\nasks the git work "
                  "tree that holds it (default: the git work tree of the\n"
                  "sources, else their common directory)"),
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
static cl::opt<bool> ShowBaselined(
    "show-baselined",
    cl::desc("In the text report, also print the findings the baseline "
             "accepts,\nmarked '[<check>,baselined]' (default: new findings "
             "only)"),
    cl::cat(Category));
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

static cl::opt<std::string> ShardOpt(
    "shard",
    cl::desc("Analyze only the K-th of N slices of the database (units K, "
             "K+N, K+2N...\nin its order); needs --facts-out"),
    cl::value_desc("K/N"), cl::cat(Category));
static cl::opt<std::string> FactsOut(
    "facts-out",
    cl::desc("Write each analyzed unit's facts to <dir>, for --link-only, "
             "instead of\na report"),
    cl::value_desc("dir"), cl::cat(Category));

// The link alone, over fact files extracted elsewhere (--facts-out, a build
// farm; DESIGN.md §5) or a cache directory's entries.
static cl::opt<std::string> LinkOnly(
    "link-only",
    cl::desc("Link the fact files or cache entries (*.json) in <dir> and "
             "report,\nwithout a database (see --facts-out)"),
    cl::value_desc("dir"), cl::cat(Category));

// Hidden: the worker's entry point.
static cl::opt<std::string> ExtractWorker("extract-worker", cl::Hidden,
                                          cl::cat(Category));
static cl::opt<unsigned> ProgressSeconds(
    "progress-interval",
    cl::desc("When stderr is not a terminal, seconds between progress lines"),
    cl::value_desc("s"), cl::init(10), cl::Hidden, cl::cat(Category));
static cl::opt<bool> PrintTimings("print-timings",
                                  cl::desc("Print phase times on stderr"),
                                  cl::Hidden, cl::cat(Category));

namespace {

constexpr int ExitClean = 0, ExitFindings = 1, ExitError = 2,
              ExitIncomplete = 3;
} // namespace

static int error(const Twine &Message) {
  WithColor::error(errs(), "shutdown-hazards") << Message << "\n";
  return ExitError;
}

namespace {

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
} // namespace

/// The link reads and frees millions of small facts: keep freed memory for
/// reuse instead of returning it to the system and faulting it in again
/// (with glibc, that churn costs more than the parsing).
static void keepFreedMemory() {
#ifdef __GLIBC__
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
#endif
}

/// A link of many units holds millions of small facts in a few GiB; on
/// 4 KiB pages much of its time goes to page faults and TLB misses (a
/// 100,000-unit link took 47 s, and 29 s on huge pages; a worker 15 % less
/// CPU). glibc backs its heap with transparent huge pages when its tunable
/// asks for them, and reads tunables only when a process starts: so the
/// driver starts itself again, once, with glibc.malloc.hugetlb=1, when the
/// kernel gives huge pages on request (its "madvise" mode) and the user has
/// set no tunables of their own (GLIBC_TUNABLES set, even empty, keeps the
/// driver as it is). The workers inherit it. Nothing changes when the
/// restart fails.
static void preferHugePages(char **Argv) {
#ifdef __GLIBC__
  if (std::getenv("GLIBC_TUNABLES"))
    return;
  auto Mode = MemoryBuffer::getFileAsStream(
      "/sys/kernel/mm/transparent_hugepage/enabled");
  if (!Mode || !(*Mode)->getBuffer().contains("[madvise]"))
    return;
  if (::setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 0) != 0)
    return;
  ::execv("/proc/self/exe", Argv);
  ::unsetenv("GLIBC_TUNABLES"); // Not restarted: as before.
#endif
}

/// --cache-max-size: "500M", "2G", "4096" (bytes).
static Expected<uint64_t> byteSize(StringRef Text) {
  StringRef Digits = Text.take_while(isDigit);
  StringRef Unit = Text.drop_front(Digits.size());
  uint64_t N = 0;
  unsigned Shift = Unit.empty()                   ? 0
                   : Unit.equals_insensitive("K") ? 10
                   : Unit.equals_insensitive("M") ? 20
                   : Unit.equals_insensitive("G") ? 30
                                                  : 64;
  if (Digits.empty() || Digits.getAsInteger(10, N) || Shift == 64 ||
      (Shift && N >> (64 - Shift)))
    return createStringError(inconvertibleErrorCode(),
                             "--cache-max-size='%s': expected a size in "
                             "bytes, or with K, M or G",
                             Text.str().c_str());
  return N << Shift;
}

static unsigned parallelism() {
  return Parallel ? Parallel.getValue()
                  : hardware_concurrency().compute_thread_count();
}

static Expected<LinkOptions> linkOptions() {
  LinkOptions L;
  L.DllEntryDirectories = DllEntryDirs;
  L.FindUnusedAnnotations = ReportUnusedSuppressions;
  L.Parallel = parallelism();
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
    for (const std::string &Glob : globsMatchingNoCheck(Checks))
      WithColor::warning(errs(), "shutdown-hazards")
          << "--checks: '" << Glob << "' matches no check\n";
    Expected<std::vector<RuleKind>> Rules =
        enabledRules("shutdown-*," + Checks);
    if (!Rules)
      return Rules.takeError();
    L.Rules = std::move(*Rules);
  }
  return L;
}

static Expected<Gate> openGate(StringRef RootDir) {
  GateOptions G;
  G.Baseline = BaselineFile;
  G.BaselineStrict = BaselineStrict;
  G.WriteBaseline = WriteBaseline;
  if (ChangedFrom.getNumOccurrences())
    G.ChangedFrom = ChangedFrom;
  G.ReportUnusedSuppressions = ReportUnusedSuppressions;
  return Gate::open(std::move(G), RootDir.str());
}

/// The run's end, the same for both modes: the link's findings through the
/// gate, the report, the summary; returns the exit code.
static int finish(Report &R, Hazards H, const LinkOptions &L, Gate &G,
                  ArrayRef<UnitFiles> Read, UnitCounts Counts,
                  OutputFormat Format, Output &Out, Phases &Time) {
  R.HideBaselined = Format == OutputFormat::Text && !ShowBaselined;
  if (Error E = G.apply(R, std::move(H), L.Rules, Read))
    return error(toString(std::move(E)));
  Time.done("gate");
  std::string Text;
  raw_string_ostream OS(Text);
  writeReport(OS, Format, R);
  if (Error E = Out.write(Text))
    return error(toString(std::move(E)));
  printBaselineWritten(errs(), R);
  if (!Quiet)
    printSummary(errs(), R, Counts);
  if (G.fails(R))
    return ExitFindings;
  return R.failuresCounted() ? ExitIncomplete : ExitClean;
}

/// A unit whose facts the link could not read.
static void linkFailure(Report &R, StringRef File, StringRef Problem) {
  Failure F{File.str(), "error", Problem.str()};
  printFailure(errs(), F);
  R.Failures.push_back(std::move(F));
}

/// --link-only: the facts are already extracted, one fact file (or cache
/// entry) per unit, linked in the order of their names.
static int linkOnly(LinkOptions &L, OutputFormat Format, Output &Out) {
  Phases Time;
  std::vector<FactSource> Units;
  std::error_code EC;
  for (sys::fs::directory_iterator It(LinkOnly, EC), End; It != End && !EC;
       It.increment(EC))
    if (StringRef(It->path()).ends_with(".json"))
      Units.push_back({It->path(), std::nullopt});
  if (EC)
    return error("cannot read '" + LinkOnly + "': " + EC.message());
  llvm::sort(Units, [](const FactSource &A, const FactSource &B) {
    return A.Path < B.Path;
  });
  Report R;
  R.Root = absolutePath(Root.empty() ? StringRef(".") : StringRef(Root));
  if (Root.empty())
    R.RootFrom = "the current directory";
  R.Units = Units.size();
  Expected<Gate> G = openGate(R.Root);
  if (!G)
    return error(toString(G.takeError()));
  // The facts do not list the database's main files: code outside the
  // project is a dependency here only when --root names the project.
  if (!Root.empty()) {
    Expected<ModelConfig> Config =
        loadModelConfig(ConfigFile, absolutePath("."));
    if (!Config)
      return error(toString(Config.takeError()));
    Expected<ProjectScope> Scope = ProjectScope::create(
        absolutePath(Root), Config->Options.ThirdPartyPaths);
    if (!Scope)
      return error(toString(Scope.takeError()));
    L.Scope = std::move(*Scope);
  }

  L.Phase = [&](StringRef Name) { Time.done("link: " + Name); };
  std::vector<std::string> Problems;
  Hazards H = link(Units, L, Problems);
  for (size_t I = 0; I < Units.size(); ++I)
    if (!Problems[I].empty())
      linkFailure(R, Units[I].Path, Problems[I]);
  return finish(R, std::move(H), L, *G, {}, {}, Format, Out, Time);
}

static MapOptions mapOptions(const CompilationDb &Db, StringRef TempDir,
                             StringRef RootDir, uint64_t CacheMaxBytes,
                             InterruptHandler *Interrupts) {
  MapOptions M;
  // --cache-dir= (empty) runs without a cache.
  if (!CacheDir.getNumOccurrences())
    M.CacheDir = normalizePath(".shutdown-hazards-cache", Db.Directory);
  else if (!CacheDir.empty())
    M.CacheDir = absolutePath(CacheDir);
  M.CacheMaxBytes = CacheMaxBytes;
  M.TempDir = TempDir.str();
  M.Parallel = parallelism();
  M.TimeoutSeconds = Timeout;
  if (!Quiet)
    M.Progress.Kind = sys::Process::StandardErrIsDisplayed()
                          ? ProgressOptions::Bar
                          : ProgressOptions::Lines;
  M.Progress.Seconds = ProgressSeconds;
  M.Progress.Root = RootDir.str();
  M.AllowParseErrors = AllowParseErrors;
  M.PrintUnitCosts = PrintTimings;
  M.Interrupts = Interrupts;
  return M;
}

namespace {

/// The units' facts linked, with what the gate and the summary need.
struct Linked {
  Hazards H;
  std::vector<UnitFiles> Read; ///< What each linked unit read.
  UnitCounts Counts;
};
} // namespace

/// Links the facts the map phase found; the units it could not analyze,
/// and those whose facts the link could not read, go to R.Failures.
static Linked linkUnits(ArrayRef<MappedUnit> Units, const LinkOptions &L,
                        Report &R) {
  Linked Out;
  std::vector<FactSource> Facts;
  std::vector<const TUResult *> Results;
  // A unit counts once in the summary: parsed, from the cache, or not
  // analyzed (a parse error, unless --allow-parse-errors).
  std::vector<size_t *> CountIn;
  for (const MappedUnit &U : Units) {
    if (U.Problem) {
      printFailure(errs(), *U.Problem);
      R.Failures.push_back(*U.Problem);
    }
    if (U.Result) {
      Facts.push_back(U.facts());
      Results.push_back(&U.Result->Result);
      CountIn.push_back(U.Problem && U.Problem->Counted ? nullptr
                        : U.FromCache                   ? &Out.Counts.Cached
                                                        : &Out.Counts.Parsed);
    }
  }
  std::vector<std::string> Problems;
  Out.H = link(Facts, L, Problems);
  for (size_t I = 0; I < Results.size(); ++I) {
    if (!Problems[I].empty()) {
      linkFailure(R, Results[I]->File, "unreadable result: " + Problems[I]);
      continue;
    }
    if (CountIn[I])
      ++*CountIn[I];
    UnitFiles &F = Out.Read.emplace_back();
    F.File = Results[I]->File;
    for (const Dependency &D : Results[I]->Deps)
      F.Deps.push_back(D.Path);
  }
  return Out;
}

/// --facts-out: the units' facts written for a later --link-only, and the
/// units that could not be analyzed named; no report.
static int writeShard(ArrayRef<MappedUnit> Units, ArrayRef<size_t> Positions) {
  if (Error E = writeFactsOut(FactsOut, Units, Positions))
    return error(toString(std::move(E)));
  bool Incomplete = false;
  for (const MappedUnit &U : Units)
    if (U.Problem) {
      printFailure(errs(), *U.Problem);
      Incomplete |= U.Problem->Counted;
    }
  return Incomplete ? ExitIncomplete : ExitClean;
}

/// The options that shape a report, which --facts-out does not write.
static Error checkFactsOutOptions() {
  if (FactsOut.empty()) {
    if (!ShardOpt.empty())
      return createStringError(inconvertibleErrorCode(),
                               "--shard needs --facts-out=<dir>: one slice's "
                               "report would miss the other slices' findings");
    return Error::success();
  }
  if (!LinkOnly.empty())
    return createStringError(inconvertibleErrorCode(),
                             "--facts-out and --link-only exclude each other");
  for (const cl::Option *O : std::initializer_list<const cl::Option *>{
           &OutputPath, &FormatName, &BaselineFile, &WriteBaseline,
           &ChangedFrom})
    if (O->getNumOccurrences())
      return createStringError(
          inconvertibleErrorCode(),
          "--%s shapes a report; --facts-out writes facts: pass it to the "
          "--link-only run",
          O->ArgStr.str().c_str());
  return Error::success();
}

/// Says which configuration files the run uses, and their unknown keys;
/// false when --strict-config fails the run for them.
static bool reportConfigs(ArrayRef<ConfigGroup> Groups) {
  bool Unknown = false;
  for (const ConfigGroup &G : Groups) {
    if (!Quiet)
      errs() << "shutdown-hazards: check options from "
             << (G.Config.Source.empty() ? "no .clang-tidy (the defaults)"
                                         : G.Config.Source)
             << (Groups.size() > 1
                     ? formatv(" for {0} translation unit{1}", G.Units.size(),
                               G.Units.size() == 1 ? "" : "s")
                           .str()
                     : "")
             << "\n";
    for (const std::string &W : G.Config.Warnings) {
      (StrictConfig ? WithColor::error(errs(), "shutdown-hazards")
                    : WithColor::warning(errs(), "shutdown-hazards"))
          << W << "\n";
      Unknown = true;
    }
  }
  return !(Unknown && StrictConfig);
}

/// The map phase, once per configuration: each group's units with its
/// options, in the database's order.
static std::vector<MappedUnit>
mapGroups(const CompilationDb &Db, ArrayRef<ConfigGroup> Groups,
          StringRef TempDir, StringRef Root, uint64_t CacheMaxBytes,
          InterruptHandler *Interrupts, Phases &Time) {
  auto Phase = [&](StringRef Name) { Time.done(Name); };
  if (Groups.size() == 1)
    return mapUnits(Db, Groups.front().Config.Options,
                    mapOptions(Db, TempDir, Root, CacheMaxBytes, Interrupts),
                    Phase);
  std::vector<MappedUnit> Units(Db.Units.size());
  for (size_t K = 0; K < Groups.size(); ++K) {
    // The whole database's listing stays: the cache keeps the entries of
    // the other groups' units.
    CompilationDb Part = Db;
    Part.Units.clear();
    for (size_t I : Groups[K].Units)
      Part.Units.push_back(Db.Units[I]);
    // Each group's results apart: their names are by index in the group.
    SmallString<256> Dir(TempDir);
    sys::path::append(Dir, "group-" + std::to_string(K));
    sys::fs::create_directory(Dir);
    std::vector<MappedUnit> Mapped =
        mapUnits(Part, Groups[K].Config.Options,
                 mapOptions(Part, Dir, Root, CacheMaxBytes, Interrupts), Phase);
    for (size_t J = 0; J < Mapped.size(); ++J)
      Units[Groups[K].Units[J]] = std::move(Mapped[J]);
  }
  return Units;
}

/// Leaves the link's findings where the editor front-ends find them
/// (checkers/model/Results.h); a failure to write is a warning.
static void leaveForEditors(const CompilationDb &Db,
                            ArrayRef<Finding> Findings) {
  if (EditorResults.getNumOccurrences() && EditorResults.empty())
    return;
  std::string Path = EditorResults.getNumOccurrences()
                         ? absolutePath(EditorResults)
                         : normalizePath(ResultsFileName, Db.Directory);
  FileHasher Hasher;
  if (Error E = writeResults(Path, Findings,
                             [&](StringRef File) { return Hasher.hash(File); }))
    WithColor::warning(errs(), "shutdown-hazards")
        << toString(std::move(E)) << "\n";
}

/// --root, else the git work tree that holds the sources, else their common
/// directory, else the database's.
static void setRoot(Report &R, const CompilationDb &Db) {
  if (!Root.empty()) {
    R.Root = absolutePath(Root);
    return;
  }
  std::vector<std::string> Sources;
  for (const TranslationUnit &TU : Db.Units)
    Sources.push_back(TU.File);
  std::string Common = commonDirectory(Sources);
  if (std::string Git = gitWorkTree(Common); !Git.empty()) {
    R.Root = Git;
    R.RootFrom = "the git work tree of the sources";
  } else if (!Common.empty() && sys::path::has_relative_path(Common)) {
    R.Root = Common;
    R.RootFrom = "the sources' common directory";
  } else {
    R.Root = Db.Directory;
    R.RootFrom = "the database's directory";
  }
}

/// A whole run: map, merge and link, gate, report.
static int run(LinkOptions &L, OutputFormat Format, Output &Out,
               InterruptHandler *Interrupts) {
  Phases Time;
  ExtraArgs Extra{ExtraArgsBefore, ExtraArgsAfter};
  Expected<CompilationDb> Db = loadCompilationDb(BuildPath, Files, Extra);
  if (!Db)
    return error(toString(Db.takeError()));
  std::vector<size_t> Positions;
  if (!FactsOut.empty()) {
    Expected<ShardSpec> S =
        parseShard(ShardOpt.empty() ? StringRef("1/1") : StringRef(ShardOpt));
    if (!S)
      return error(toString(S.takeError()));
    Positions = keepShard(*Db, *S);
    if (Error E = prepareFactsOut(FactsOut))
      return error(toString(std::move(E)));
  }
  Expected<std::vector<ConfigGroup>> Configs = loadUnitConfigs(ConfigFile, *Db);
  if (!Configs)
    return error(toString(Configs.takeError()));
  // One warning per flag, however many commands had it.
  for (const DroppedFlag &D : Db->Dropped)
    WithColor::warning(errs(), "shutdown-hazards")
        << "'" << D.Flag << "' is not a clang flag: dropped from " << D.Units
        << (D.Units == 1 ? " command" : " commands") << " of " << Db->Path
        << "\n";
  Expected<uint64_t> CacheMaxBytes = byteSize(CacheMaxSize);
  if (!CacheMaxBytes)
    return error(toString(CacheMaxBytes.takeError()));
  Report R;
  setRoot(R, *Db);
  R.Units = Db->Units.size();
  Expected<Gate> G = openGate(R.Root);
  if (!G)
    return error(toString(G.takeError()));
  if (!reportConfigs(*Configs))
    return ExitError;
  SmallString<256> TempDir;
  if (std::error_code EC =
          sys::fs::createUniqueDirectory("shutdown-hazards", TempDir))
    return error("cannot create a temporary directory: " + EC.message());
  if (Interrupts)
    Interrupts->setTempDir(TempDir);
  scope_exit RemoveTemp([&] {
    if (Interrupts)
      Interrupts->setTempDir("");
    sys::fs::remove_directories(TempDir, /*IgnoreErrors=*/true);
  });
  Time.done("load database");
  // The project, for what is a dependency: --root, else the main files'
  // directory (with its sibling include directories).
  Expected<ProjectScope> Scope = ProjectScope::create(
      Root.empty() ? defaultProjectRoot(*Db) : absolutePath(Root),
      Configs->front().Config.Options.ThirdPartyPaths);
  if (!Scope)
    return error(toString(Scope.takeError()));
  Scope->Exports = definitionExports(*Db);
  L.Scope = std::move(*Scope);

  std::vector<MappedUnit> Units = mapGroups(*Db, *Configs, TempDir, R.Root,
                                            *CacheMaxBytes, Interrupts, Time);
  if (!FactsOut.empty())
    return writeShard(Units, Positions);
  L.Phase = [&](StringRef Name) { Time.done("link: " + Name); };
  Linked Program = linkUnits(Units, L, R);
  leaveForEditors(*Db, Program.H.Findings);
  return finish(R, std::move(Program.H), L, *G, Program.Read, Program.Counts,
                Format, Out, Time);
}

int main(int argc, char **argv) {
  preferHugePages(argv);
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
          "Exit codes: 0 no new finding (none, or all baselined), 1 new "
          "findings, 2 the tool\ncould not run, 3 no new finding but some "
          "translation units could not be analyzed.\n",
          &errs()))
    return ExitError;
  if (!ExtractWorker.empty())
    return runWorker(ExtractWorker);
  keepFreedMemory();
  // SIGINT, SIGTERM, SIGHUP: workers stopped, the temporary directory
  // removed, exit 128 + the signal (Scheduler.h).
  std::unique_ptr<InterruptHandler> Interrupts = InterruptHandler::install();
  if (BuildPath.empty() && LinkOnly.empty())
    return error("no compilation database: pass -p <build-dir> or "
                 "-p <compile_commands.json>");
  if (Error E = checkFactsOutOptions())
    return error(toString(std::move(E)));
  std::optional<OutputFormat> Format = formatByName(FormatName);
  if (!Format)
    return error("unknown format '" + FormatName +
                 "' for --format; valid formats: " + formatNames());
  Expected<LinkOptions> L = linkOptions();
  if (!L)
    return error(toString(L.takeError()));
  Expected<Output> Out = Output::open(OutputPath);
  if (!Out)
    return error(toString(Out.takeError()));
  return LinkOnly.empty() ? run(*L, *Format, *Out, Interrupts.get())
                          : linkOnly(*L, *Format, *Out);
}
