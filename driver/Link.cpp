//===- Link.cpp - One program from many translation units -----------------===//
//
// Which roots run inside a DLL. Extraction already marks the roots of a
// translation unit that defines DllMain (or runs with AssumeDll); a static
// object of a DLL usually lives in another file of the same DLL, so the link
// also marks a root when its own file or the main file of the translation
// unit that saw it
//   - matches --dll-sources, or
//   - sits in the directory of a translation unit that defines a DLL entry
//     point (the usual layout: one directory per DLL; --dll-entry-dirs=false
//     turns this off).
//
//===----------------------------------------------------------------------===//

#include "driver/Link.h"
#include "driver/Cache.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include <future>

using namespace llvm;

namespace shutdown::driver {

namespace {

class DllFiles {
public:
  explicit DllFiles(const LinkOptions &Options) : Options(Options) {}

  /// A unit that defines a DLL entry point makes its directory a DLL's.
  void addUnit(StringRef MainFile, bool DefinesDllEntry) {
    if (Options.DllEntryDirectories && DefinesDllEntry)
      Dirs.insert(sys::path::parent_path(MainFile));
  }

  bool contains(StringRef File) const {
    if (File.empty())
      return false;
    if (Options.DllSources && Options.DllSources->match(File))
      return true;
    return Dirs.contains(sys::path::parent_path(File));
  }

  /// A static root seen by a unit runs inside a DLL when the unit's main
  /// file or the root's own file is part of one.
  bool inDll(const RootFact &R, StringRef UnitFile) const {
    return R.Kind != RootKind::DllEntry &&
           (contains(UnitFile) || contains(R.Loc.File));
  }

private:
  const LinkOptions &Options;
  StringSet<> Dirs;
};

} // namespace

static auto findingKey(const Finding &F) {
  return std::tie(F.Loc, F.Rule, F.Message);
}

static void phase(const LinkOptions &Options, StringRef Name) {
  if (Options.Phase)
    Options.Phase(Name);
}

/// Reads and prepares the units' facts on a pool, a window of files ahead
/// of the merge, and merges them in order (deterministic), freeing each
/// once merged.
static void mergeUnits(ArrayRef<FactSource> Units, unsigned Parallel,
                       FactMerger &Merger, std::vector<std::string> &Problems) {
  Problems.assign(Units.size(), "");
  std::vector<PreparedFacts> Read(Units.size());
  std::vector<std::shared_future<void>> Done(Units.size());
  DefaultThreadPool Pool(hardware_concurrency(Parallel));
  auto Start = [&](size_t I) {
    Done[I] = Pool.async([&, I] {
      Expected<PreparedFacts> F = [&]() -> Expected<PreparedFacts> {
        Expected<RawFacts> Raw = readFacts(Units[I].Path, Units[I].Stamp);
        if (!Raw)
          return Raw.takeError();
        return FactMerger::prepare(std::move(*Raw));
      }();
      if (F)
        Read[I] = std::move(*F);
      else
        Problems[I] = toString(F.takeError());
    });
  };
  const size_t Window = 8 * std::max(Parallel, 1u);
  for (size_t I = 0; I < Units.size() && I < Window; ++I)
    Start(I);
  for (size_t I = 0; I < Units.size(); ++I) {
    Done[I].wait();
    if (Problems[I].empty())
      Merger.add(Read[I]);
    Read[I] = PreparedFacts();
    if (I + Window < Units.size())
      Start(I + Window);
  }
}

static Hazards findInProgram(TUFacts Program, const LinkOptions &Options) {
  auto Phase = [&](StringRef Name) { phase(Options, Name); };
  Phase("program");
  Hazards H = analyzeHazards(Program, AnalysisMode::WholeProgram,
                             Options.FindUnusedAnnotations);
  std::vector<Finding> &Findings = H.Findings;
  Phase("rules");
  if (!Options.Rules.empty())
    erase_if(Findings, [&](const Finding &F) {
      return !is_contained(Options.Rules, F.Rule);
    });
  // Total order, so that equal inputs give equal reports; then one finding
  // per (location, rule, message), however many translation units had it.
  std::sort(
      Findings.begin(), Findings.end(), [](const Finding &A, const Finding &B) {
        if (findingKey(A) != findingKey(B))
          return findingKey(A) < findingKey(B);
        if (A.Level != B.Level)
          return A.Level > B.Level; // Errors first: the worse context wins.
        return std::make_pair(chainText(A), chainNodes(A)) <
               std::make_pair(chainText(B), chainNodes(B));
      });
  Findings.erase(llvm::unique(Findings,
                              [](const Finding &A, const Finding &B) {
                                return findingKey(A) == findingKey(B);
                              }),
                 Findings.end());
  return H;
}

Hazards link(ArrayRef<FactSource> Units, const LinkOptions &Options,
             std::vector<std::string> &Problems) {
  FactMerger Merger;
  mergeUnits(Units, Options.Parallel, Merger, Problems);
  phase(Options, "read and merge facts");
  DllFiles Dll(Options);
  for (const FactMerger::Unit &U : Merger.units())
    Dll.addUnit(U.MainFile, U.DefinesDllEntry);
  // A root runs inside a DLL as the units that saw it say: a header's
  // static seen from a DLL's unit and from an executable's is both.
  std::vector<std::vector<uint32_t>> Seen(Merger.rootUnits().begin(),
                                          Merger.rootUnits().end());
  std::vector<FactMerger::Unit> Merged(Merger.units().begin(),
                                       Merger.units().end());
  TUFacts Program = Merger.take(Options.Parallel);
  if (Options.Scope)
    Options.Scope->apply(Program);
  std::vector<RootFact> Outside;
  for (size_t I = 0; I < Program.Roots.size(); ++I) {
    RootFact &R = Program.Roots[I];
    if (R.InDll)
      continue;
    bool In = false, Out = false;
    for (uint32_t U : Seen[I])
      (Dll.inDll(R, Merged[U].MainFile) ? In : Out) = true;
    if (In && Out)
      Outside.push_back(R);
    R.InDll = In;
  }
  llvm::append_range(Program.Roots, Outside);
  return findInProgram(std::move(Program), Options);
}

} // namespace shutdown::driver
