//===- Checks.h - The checks, as one table made from Checks.def -*- C++ -*-===//
//
// Every front-end lists the checks from here: the rules name their findings
// with it, the clang-tidy module registers from Checks.def directly, and the
// driver's options, suppressions and report writers read this table.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_CHECKS_H
#define SHUTDOWN_HAZARDS_MODEL_CHECKS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace shutdown {

enum class RuleKind {
#define SHUTDOWN_CHECK(Rule, Name, Class, Summary) Rule,
#include "checkers/Checks.def"
};

struct CheckInfo {
  RuleKind Rule;
  llvm::StringRef Name;    ///< "shutdown-join-in-teardown".
  llvm::StringRef Class;   ///< "JoinInTeardown".
  llvm::StringRef Summary; ///< One sentence.
  /// The docs page, relative to docs/: "checks/join-in-teardown.md".
  std::string docsPage() const;
};

/// Every check, in Checks.def order (the order of RuleKind).
llvm::ArrayRef<CheckInfo> checks();
const CheckInfo &checkInfo(RuleKind R);

llvm::StringRef ruleName(RuleKind R);
llvm::StringRef ruleSummary(RuleKind R);
std::optional<RuleKind> ruleByName(llvm::StringRef Name);

} // namespace shutdown

#endif
