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
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace shutdown::driver {

namespace {

bool definesDllEntry(const TUFacts &F) {
  return any_of(F.Roots,
                [](const RootFact &R) { return R.Kind == RootKind::DllEntry; });
}

class DllFiles {
public:
  DllFiles(ArrayRef<TUFacts> Units, const LinkOptions &Options)
      : Options(Options) {
    if (Options.DllEntryDirectories)
      for (const TUFacts &F : Units)
        if (definesDllEntry(F))
          Dirs.insert(sys::path::parent_path(F.MainFile));
  }

  bool contains(StringRef File) const {
    if (File.empty())
      return false;
    if (Options.DllSources && Options.DllSources->match(File))
      return true;
    return Dirs.contains(sys::path::parent_path(File));
  }

private:
  const LinkOptions &Options;
  StringSet<> Dirs;
};

auto findingKey(const Finding &F) { return std::tie(F.Loc, F.Rule, F.Message); }

} // namespace

Hazards linkAndFind(MutableArrayRef<TUFacts> Units,
                    const LinkOptions &Options) {
  DllFiles Dll(Units, Options);
  TUFacts Program;
  for (TUFacts &F : Units) {
    bool UnitInDll = Dll.contains(F.MainFile);
    for (RootFact &R : F.Roots)
      if (R.Kind != RootKind::DllEntry &&
          (UnitInDll || Dll.contains(R.Loc.File)))
        R.InDll = true;
    Program.append(std::move(F));
  }
  auto Phase = [&](StringRef Name) {
    if (Options.Phase)
      Options.Phase(Name);
  };
  Phase("merge");
  Program.normalize();
  Phase("normalize");

  Hazards H = analyzeHazards(Program, AnalysisMode::WholeProgram);
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
        return std::tie(A.ChainText, A.Chain) < std::tie(B.ChainText, B.Chain);
      });
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [](const Finding &A, const Finding &B) {
                               return findingKey(A) == findingKey(B);
                             }),
                 Findings.end());
  return H;
}

} // namespace shutdown::driver
