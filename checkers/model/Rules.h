//===- Rules.h - From teardown facts to findings ---------------*- C++ -*-===//
//
// The four rules of DESIGN.md §1 over facts (of one TU, or of a whole linked
// program). Roots are followed down the call graph to blocking sites; each
// site yields at most one finding, carrying the chain from its root as notes.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RULES_H
#define SHUTDOWN_HAZARDS_MODEL_RULES_H

#include "checkers/model/Facts.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace shutdown {

enum class RuleKind {
#define SHUTDOWN_CHECK(Rule, Name, Class, Summary) Rule,
#include "checkers/Checks.def"
};

llvm::StringRef ruleName(RuleKind R);
llvm::StringRef ruleSummary(RuleKind R);
std::optional<RuleKind> ruleByName(llvm::StringRef Name);

enum class Severity { Warning, Error };

struct Note {
  SourceLoc Loc;
  std::string Message;
};

struct Finding {
  RuleKind Rule = RuleKind::JoinInTeardown;
  Severity Level = Severity::Warning;
  SourceLoc Loc;
  std::string Message;
  std::vector<Note> Notes; ///< Root first, then one per frame, then the thread.
  std::vector<std::string> Chain; ///< Node ids from the root to the site.
  std::string ChainText; ///< "DllMain(DLL_PROCESS_DETACH) -> ~W -> WaitFor..."
};

/// How much of the program the facts cover. With one translation unit the
/// callers of an API function may be elsewhere, so every externally callable
/// function counts as ordinary code; with the whole program, only those that
/// nothing in the program calls.
enum class AnalysisMode { TranslationUnit, WholeProgram };

/// Runs all rules over normalized facts; findings come sorted by location,
/// rule and message.
std::vector<Finding> findHazards(const TUFacts &Facts, AnalysisMode Mode);

} // namespace shutdown

#endif
