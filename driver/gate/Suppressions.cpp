//===- Suppressions.cpp - NOLINT comments, as in clang-tidy ---------------===//

#include "driver/gate/Suppressions.h"
#include "GlobList.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <tuple>

using namespace llvm;

namespace shutdown::driver {

namespace {

using Directive = Suppressions::Directive;

std::optional<Directive::Kind> kindOf(StringRef Word) {
  return StringSwitch<std::optional<Directive::Kind>>(Word)
      .Case("NOLINT", Directive::NoLint)
      .Case("NOLINTNEXTLINE", Directive::NextLine)
      .Case("NOLINTBEGIN", Directive::Begin)
      .Case("NOLINTEND", Directive::End)
      .Default(std::nullopt);
}

/// The directives on one line, in order.
void parseLine(StringRef Text, unsigned Line, std::vector<Directive> &Out) {
  size_t Pos = 0;
  while ((Pos = Text.find("NOLINT", Pos)) != StringRef::npos) {
    size_t Start = Pos;
    Pos += strlen("NOLINT");
    while (Pos < Text.size() && isAlpha(Text[Pos]))
      ++Pos;
    std::optional<Directive::Kind> Kind = kindOf(Text.slice(Start, Pos));
    if (!Kind)
      continue;
    Directive D;
    D.Type = *Kind;
    D.Line = Line;
    D.Col = Start + 1;
    // An unclosed list is no list: the directive covers every check.
    if (Pos < Text.size() && Text[Pos] == '(') {
      size_t Close = Text.find(')', Pos + 1);
      if (Close != StringRef::npos) {
        D.Checks = Text.slice(Pos + 1, Close).str();
        Pos = Close + 1;
      }
    }
    D.Text = Text.slice(Start, Pos).str();
    Out.push_back(std::move(D));
  }
}

bool covers(const Directive &D, StringRef Check) {
  if (!D.Checks)
    return true;
  if (StringRef(*D.Checks).trim().empty())
    return false;
  return clang::tidy::GlobList(*D.Checks, /*KeepNegativeGlobs=*/false)
      .contains(Check);
}

bool before(unsigned L1, unsigned C1, unsigned L2, unsigned C2) {
  return std::tie(L1, C1) < std::tie(L2, C2);
}

} // namespace

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
  StringRef Rest = (*Buffer)->getBuffer();
  for (unsigned Line = 1; !Rest.empty(); ++Line) {
    auto [Text, Next] = Rest.split('\n');
    parseLine(Text, Line, FD.List);
    Rest = Next;
  }
  // An END closes the innermost open BEGIN when their check lists are
  // written alike; anything else is unmatched.
  SmallVector<size_t, 4> Open;
  for (size_t I = 0; I < FD.List.size(); ++I) {
    Directive &D = FD.List[I];
    if (D.Type == Directive::Begin) {
      Open.push_back(I);
    } else if (D.Type == Directive::End && !Open.empty() &&
               FD.List[Open.back()].Checks == D.Checks) {
      Directive &B = FD.List[Open.pop_back_val()];
      B.Matched = D.Matched = true;
      B.EndLine = D.Line;
      B.EndCol = D.Col;
    }
  }
  FD.Unbalanced = any_of(FD.List, [](const Directive &D) {
    return (D.Type == Directive::Begin || D.Type == Directive::End) &&
           !D.Matched;
  });
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
  FileDirectives &FD = read(Loc.File);
  bool Found = false;
  for (Directive &D : FD.List) {
    bool Here = false;
    switch (D.Type) {
    case Directive::NoLint:
      Here = D.Line == Loc.Line;
      break;
    case Directive::NextLine:
      Here = D.Line + 1 == Loc.Line;
      break;
    case Directive::Begin:
      Here = D.Matched && !FD.Unbalanced &&
             before(D.Line, D.Col, Loc.Line, Loc.Col) &&
             before(Loc.Line, Loc.Col, D.EndLine, D.EndCol);
      break;
    case Directive::End:
      break;
    }
    if (Here && covers(D, Check)) {
      D.Used = true;
      Found = true;
    }
  }
  return Found;
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
    clang::tidy::GlobList List(G, /*KeepNegativeGlobs=*/false);
    if (any_of(Checks, [&](const std::string &C) { return List.contains(C); }))
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
    // Both places are looked at, so that neither directive reads as unused.
    bool AtSite = S.suppresses(R.F.Loc, Check);
    std::vector<Note> Notes = notes(R.F);
    bool AtRoot = !Notes.empty() && S.suppresses(Notes.front().Loc, Check);
    return AtSite || AtRoot;
  });
  return Before - Findings.size();
}

} // namespace shutdown::driver
