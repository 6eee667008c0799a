//===- Checks.cpp - The checks, as one table made from Checks.def ---------===//

#include "checkers/model/Checks.h"
#include "llvm/ADT/Twine.h"

using namespace llvm;

namespace shutdown {

namespace {
constexpr CheckInfo Table[] = {
#define SHUTDOWN_CHECK(Rule, Name, Class, Summary)                             \
  {RuleKind::Rule, Name, #Class, Summary},
#include "checkers/Checks.def"
};
} // namespace

std::string CheckInfo::docsPage() const {
  return (Twine("checks/") + Name.drop_front(StringRef("shutdown-").size()) +
          ".md")
      .str();
}

ArrayRef<CheckInfo> checks() { return Table; }

const CheckInfo &checkInfo(RuleKind R) { return Table[static_cast<int>(R)]; }

StringRef ruleName(RuleKind R) { return checkInfo(R).Name; }

StringRef ruleSummary(RuleKind R) { return checkInfo(R).Summary; }

std::optional<RuleKind> ruleByName(StringRef Name) {
  for (const CheckInfo &C : Table)
    if (C.Name == Name)
      return C.Rule;
  return std::nullopt;
}

} // namespace shutdown
