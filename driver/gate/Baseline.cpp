//===- Baseline.cpp - Baselines: the findings a project has accepted ------===//

#include "driver/gate/Baseline.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

namespace shutdown::driver {

static constexpr StringLiteral HeaderPrefix = "# shutdown-hazards baseline "
                                              "version ";

static Error malformed(StringRef Path, unsigned Line, const Twine &Why) {
  return createStringError(inconvertibleErrorCode(), "%s:%u: %s",
                           Path.str().c_str(), Line, Why.str().c_str());
}

static bool isId(StringRef S) {
  return S.size() == 16 &&
         all_of(S, [](char C) { return isDigit(C) || (C >= 'a' && C <= 'f'); });
}

Expected<Baseline> readBaseline(StringRef Path) {
  auto Buffer = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return createStringError(Buffer.getError(), "cannot read baseline '%s': %s",
                             Path.str().c_str(),
                             Buffer.getError().message().c_str());
  Baseline B;
  B.Path = Path.str();
  StringRef Rest = (*Buffer)->getBuffer();
  unsigned Line = 0;
  while (!Rest.empty()) {
    auto [Text, Next] = Rest.split('\n');
    Rest = Next;
    Text = Text.rtrim("\r");
    ++Line;
    if (Line == 1) {
      if (!Text.starts_with(HeaderPrefix))
        return malformed(Path, Line,
                         "not a shutdown-hazards baseline: the first line "
                         "must be '" +
                             HeaderPrefix + Twine(BaselineVersion) + "'");
      StringRef Version = Text.drop_front(HeaderPrefix.size()).trim();
      if (Version != std::to_string(BaselineVersion))
        return malformed(Path, Line,
                         "baseline version '" + Version +
                             "' is not supported (expected " +
                             Twine(BaselineVersion) + ")");
      continue;
    }
    if (Text.trim().empty() || Text.starts_with("#"))
      continue;
    auto [Id, Description] = Text.split(' ');
    auto [Check, Chain] = Description.split(' ');
    if (!isId(Id))
      return malformed(Path, Line,
                       "expected a finding identity (16 lowercase hex "
                       "digits), then the check and the chain, got '" +
                           Text + "'");
    if (Check.empty())
      return malformed(Path, Line,
                       "expected the check after the finding identity");
    if (!ruleByName(Check))
      return malformed(Path, Line, "unknown check '" + Check + "'");
    B.Entries.push_back({Id.str(), Text.str(), Line});
  }
  if (Line == 0)
    return malformed(Path, 1,
                     "empty file: a baseline starts with '" + HeaderPrefix +
                         Twine(BaselineVersion) + "'");
  return B;
}

std::string baselineText(ArrayRef<ReportedFinding> Findings) {
  std::vector<std::string> Lines;
  for (const ReportedFinding &R : Findings) {
    std::string Chain = chainText(R.F);
    for (char &C : Chain)
      if (C == '\n' || C == '\r')
        C = ' ';
    Lines.push_back(R.Id + " " + ruleName(R.F.Rule).str() + " " + Chain);
  }
  llvm::sort(Lines);
  std::string Out = (HeaderPrefix + Twine(BaselineVersion) + "\n").str();
  for (const std::string &L : Lines)
    Out += L + "\n";
  return Out;
}

std::vector<BaselineEntry>
applyBaseline(const Baseline &B, std::vector<ReportedFinding> &Findings) {
  // For each identity, the entries not yet matched, in file order.
  StringMap<std::vector<size_t>> Open;
  for (size_t I = B.Entries.size(); I-- > 0;)
    Open[B.Entries[I].Id].push_back(I);
  for (ReportedFinding &R : Findings) {
    auto It = Open.find(R.Id);
    if (It == Open.end() || It->second.empty())
      continue;
    R.Baselined = true;
    It->second.pop_back();
  }
  std::vector<size_t> Left;
  for (const auto &Entry : Open)
    append_range(Left, Entry.second);
  llvm::sort(Left);
  std::vector<BaselineEntry> Stale;
  for (size_t I : Left)
    Stale.push_back(B.Entries[I]);
  return Stale;
}

} // namespace shutdown::driver
