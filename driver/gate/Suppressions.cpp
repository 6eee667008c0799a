//===- Suppressions.cpp - NOLINT comments, as in clang-tidy ---------------===//

#include "driver/gate/Suppressions.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <tuple>

using namespace llvm;

namespace shutdown::driver {

using Directive = Suppressions::Directive;

Suppressions::Suppressions(std::vector<std::string> Checks)
    : Checks(std::move(Checks)) {}

Suppressions::~Suppressions() = default;

Suppressions::FileDirectives &Suppressions::read(StringRef Name) {
  const std::string &File = Real(Name);
  auto [It, Inserted] = Files.try_emplace(File);
  FileDirectives &FD = It->second;
  if (!Inserted)
    return FD;
  // A file that cannot be read has no directives; the finding stays.
  auto Buffer = MemoryBuffer::getFile(File, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return FD;
  FD = FileNoLints::parse((*Buffer)->getBuffer());
  return FD;
}

bool Suppressions::inProject(StringRef File, StringRef Root) {
  return isInside(Real(File), Real(Root));
}

void Suppressions::scan(ArrayRef<std::string> Names, StringRef Root) {
  for (const std::string &Name : Names)
    if (inProject(Name, Root))
      read(Name);
}

bool Suppressions::suppresses(const SourceLoc &Loc, StringRef Check) {
  if (!Loc.valid())
    return false;
  return read(Loc.File).suppresses(Loc.Line, Loc.Col, Check);
}

bool Suppressions::ours(const Directive &D) const {
  // A bare NOLINT, or "(*)", is written for every tool: not ours to judge.
  if (!D.Checks)
    return false;
  SmallVector<StringRef, 4> Globs;
  StringRef(*D.Checks).split(Globs, ',');
  for (StringRef G : Globs) {
    G = G.trim();
    if (G.empty() || G.starts_with("-") || G == "*")
      continue;
    if (any_of(Checks, [&](const std::string &C) { return globsMatch(G, C); }))
      return true;
  }
  return false;
}

std::vector<UnusedSuppression> Suppressions::unused(StringRef Root) {
  std::vector<UnusedSuppression> Out;
  for (const auto &Entry : Files) {
    if (!inProject(Entry.first(), Root))
      continue;
    const FileDirectives &FD = Entry.second;
    for (const Directive &D : FD.List) {
      if (D.Used || D.Type == Directive::End || !ours(D))
        continue;
      // A region of an unbalanced file is reported as unmatched instead.
      if (D.Type == Directive::Begin && (FD.Unbalanced || !D.Matched))
        continue;
      Out.push_back({SourceLoc{Entry.first().str(), D.Line, D.Col}, D.Text});
    }
  }
  llvm::sort(Out, [](const UnusedSuppression &A, const UnusedSuppression &B) {
    return A.Loc < B.Loc;
  });
  return Out;
}

std::vector<SuppressionProblem> Suppressions::problems() const {
  std::vector<SuppressionProblem> Out;
  for (const auto &Entry : Files)
    for (const Directive &D : Entry.second.List) {
      if (D.Matched || (D.Type != Directive::Begin && D.Type != Directive::End))
        continue;
      SourceLoc Loc{Entry.first().str(), D.Line, D.Col};
      if (D.Type == Directive::Begin)
        Out.push_back({Loc, "'" + D.Text +
                                "' is not closed by a NOLINTEND with the same "
                                "checks; no NOLINTBEGIN region of this file "
                                "suppresses anything"});
      else
        Out.push_back({Loc, "'" + D.Text +
                                "' closes no open NOLINTBEGIN with the same "
                                "checks; no NOLINTBEGIN region of this file "
                                "suppresses anything"});
    }
  llvm::sort(Out, [](const SuppressionProblem &A, const SuppressionProblem &B) {
    return A.Loc < B.Loc;
  });
  return Out;
}

size_t applySuppressions(std::vector<ReportedFinding> &Findings,
                         Suppressions &S) {
  size_t Before = Findings.size();
  llvm::erase_if(Findings, [&](const ReportedFinding &R) {
    StringRef Check = ruleName(R.F.Rule);
    // Every place is looked at, so that no directive reads as unused.
    bool Found = false;
    for (const SourceLoc &L : suppressionPlaces(R.F))
      Found |= S.suppresses(L, Check);
    return Found;
  });
  return Before - Findings.size();
}

} // namespace shutdown::driver
