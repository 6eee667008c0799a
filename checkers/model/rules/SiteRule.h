//===- SiteRule.h - The rules that report a blocking site -------*- C++ -*-===//
//
// The join and wait rules report the best candidate of each blocking site
// that the teardown search found. The root and the primitive pick the rule:
// a DLL entry point gives shutdown-join-in-dllmain; any other root gives
// shutdown-wait-thread-handle-in-teardown for a Win32 wait and
// shutdown-join-in-teardown for every other join. Each rule is a file of
// its own: which candidates are its own, and what it says of them.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RULES_SITERULE_H
#define SHUTDOWN_HAZARDS_MODEL_RULES_SITERULE_H

#include "checkers/model/Finding.h"
#include "checkers/model/rules/TeardownSearch.h"

namespace shutdown::rules {

struct SiteRule {
  RuleKind Rule;
  bool (*Owns)(const Candidate &C);
  std::string (*Message)(const Candidate &C);
};

SiteRule joinInDllMain();
SiteRule joinInTeardown();
SiteRule waitThreadHandleInTeardown();

/// The finding of a candidate: its rule's, with the path's structure and
/// words. Every candidate is some rule's.
Finding siteFinding(const CallGraph &G, const Candidate &C);
/// The finding of a candidate that Rule reports.
Finding siteFinding(const CallGraph &G, const Candidate &C,
                    const SiteRule &Rule);

} // namespace shutdown::rules

#endif
