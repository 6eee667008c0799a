//===- NoLint.cpp - NOLINT comments, and where a finding reads them -------===//

#include "checkers/model/NoLint.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include <tuple>

using namespace llvm;

namespace shutdown {

namespace {

using Directive = NoLintDirective;
} // namespace

static std::optional<Directive::Kind> kindOf(StringRef Word) {
  return StringSwitch<std::optional<Directive::Kind>>(Word)
      .Case("NOLINT", Directive::NoLint)
      .Case("NOLINTNEXTLINE", Directive::NextLine)
      .Case("NOLINTBEGIN", Directive::Begin)
      .Case("NOLINTEND", Directive::End)
      .Default(std::nullopt);
}

/// The directives on one line, in order.
static void parseLine(StringRef Text, unsigned Line,
                      std::vector<Directive> &Out) {
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

/// A glob with '*' as its only wildcard, matched against the whole name.
static bool globMatches(StringRef Glob, StringRef Name) {
  SmallVector<StringRef, 4> Parts;
  Glob.split(Parts, '*');
  if (Parts.size() == 1)
    return Glob == Name;
  if (!Name.consume_front(Parts.front()) || !Name.consume_back(Parts.back()))
    return false;
  for (StringRef P : ArrayRef(Parts).drop_front().drop_back()) {
    size_t At = Name.find(P);
    if (At == StringRef::npos)
      return false;
    Name = Name.drop_front(At + P.size());
  }
  return true;
}

static bool covers(const Directive &D, StringRef Check) {
  return !D.Checks || globsMatch(*D.Checks, Check);
}

static bool before(unsigned L1, unsigned C1, unsigned L2, unsigned C2) {
  return std::tie(L1, C1) < std::tie(L2, C2);
}

static bool isStaticObject(RootKind K) {
  return K == RootKind::StaticDestructor ||
         K == RootKind::ThreadLocalDestructor;
}

bool globsMatch(StringRef Globs, StringRef Check) {
  SmallVector<StringRef, 4> List;
  Globs.split(List, ',');
  return any_of(List, [&](StringRef G) {
    G = G.trim();
    return !G.empty() && !G.starts_with("-") && globMatches(G, Check);
  });
}

FileNoLints FileNoLints::parse(StringRef Rest) {
  FileNoLints FD;
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

bool FileNoLints::suppresses(unsigned Line, unsigned Col, StringRef Check) {
  bool Found = false;
  for (Directive &D : List) {
    bool Here = false;
    switch (D.Type) {
    case Directive::NoLint:
      Here = D.Line == Line;
      break;
    case Directive::NextLine:
      Here = D.Line + 1 == Line;
      break;
    case Directive::Begin:
      Here = D.Matched && !Unbalanced && before(D.Line, D.Col, Line, Col) &&
             before(Line, Col, D.EndLine, D.EndCol);
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

std::vector<SourceLoc> suppressionPlaces(const Finding &F) {
  std::vector<SourceLoc> Out;
  auto Add = [&](const SourceLoc &L) {
    if (L.valid() && !is_contained(Out, L))
      Out.push_back(L);
  };
  Add(F.Loc);
  if (F.Rule == RuleKind::SingletonThreadWithoutUninit) {
    for (const FindingRoot &I : F.Instances)
      Add(I.Loc);
    return Out;
  }
  Add(F.Root.Loc);
  if (isStaticObject(F.Root.Kind))
    Add(F.Root.ClassLoc);
  return Out;
}

} // namespace shutdown
