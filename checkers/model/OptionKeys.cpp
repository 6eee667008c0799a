//===- OptionKeys.cpp - Which CheckOptions keys the checks read -----------===//

#include "checkers/model/OptionKeys.h"
#include "checkers/model/ApiTables.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"

using namespace llvm;

namespace shutdown {

/// The nearest of Candidates to Word, within a few edits; empty if none.
static std::string nearest(StringRef Word, ArrayRef<std::string> Candidates) {
  unsigned Max = std::max<unsigned>(2, Word.size() / 4);
  std::string Best;
  unsigned BestDistance = Max + 1;
  for (const std::string &C : Candidates) {
    unsigned D = Word.edit_distance(C, /*AllowReplacements=*/true, Max);
    if (D < BestDistance) {
      BestDistance = D;
      Best = C;
    }
  }
  return Best;
}

static std::vector<std::string> checkNames() {
  std::vector<std::string> Out;
  for (const CheckInfo &C : checks())
    Out.push_back(C.Name.str());
  return Out;
}

std::vector<std::string> checkOptionKeys(RuleKind) {
  // Every check reads the model's options; a check with options of its own
  // adds them here.
  std::vector<std::string> Keys;
  for (auto &[Key, Value] : ModelOptions::defaults().toOptions())
    Keys.push_back(Key);
  return Keys;
}

std::string UnknownOption::message() const {
  std::string M = "unknown check option '" + Key + "'";
  if (!Suggestion.empty())
    M += "; did you mean '" + Suggestion + "'?";
  return M;
}

std::vector<UnknownOption> unknownOptions(ArrayRef<std::string> Keys) {
  std::vector<std::string> Shared;
  for (const CheckInfo &C : checks())
    for (std::string &K : checkOptionKeys(C.Rule))
      if (!is_contained(Shared, K))
        Shared.push_back(std::move(K));
  std::vector<UnknownOption> Out;
  for (StringRef Key : Keys) {
    auto [Check, Option] = Key.rsplit('.');
    if (Option.empty() && !Key.contains('.')) {
      if (is_contained(Shared, Key))
        continue;
      if (std::string Near = nearest(Key, Shared); !Near.empty())
        Out.push_back({Key.str(), Near});
      continue;
    }
    if (!Check.starts_with("shutdown-"))
      continue;
    std::optional<RuleKind> Rule = ruleByName(Check);
    if (!Rule) {
      std::string Near = nearest(Check, checkNames());
      Out.push_back({Key.str(), Near.empty() ? "" : Near + "." + Option.str()});
      continue;
    }
    std::vector<std::string> Known = checkOptionKeys(*Rule);
    if (is_contained(Known, Option))
      continue;
    std::string Near = nearest(Option, Known);
    Out.push_back(
        {Key.str(), Near.empty() ? "" : (Check + Twine(".") + Near).str()});
  }
  return Out;
}

} // namespace shutdown
