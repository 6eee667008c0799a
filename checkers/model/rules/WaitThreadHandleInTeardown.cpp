//===- WaitThreadHandleInTeardown.cpp - shutdown-wait-thread-handle-... ---===//
//
// A Win32 wait (WaitForSingleObject and friends) on a thread handle
// reachable from static teardown. Worded as the joins of static teardown.
//
//===----------------------------------------------------------------------===//

#include "checkers/model/rules/Explain.h"
#include "checkers/model/rules/SiteRule.h"

namespace shutdown::rules {

SiteRule waitThreadHandleInTeardown() {
  return {RuleKind::WaitThreadHandleInTeardown,
          [](const Candidate &C) {
            return C.Root->Kind != RootKind::DllEntry &&
                   C.Site->Prim == Primitive::Win32Wait;
          },
          staticTeardownMessage};
}

} // namespace shutdown::rules
