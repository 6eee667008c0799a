//===- JoinInTeardown.cpp - shutdown-join-in-teardown ---------------------===//
//
// A thread join reachable from static teardown: static destructors,
// atexit-family handlers, destructor functions. In a DLL these run inside
// DllMain(DLL_PROCESS_DETACH), under the loader lock: a deadlock.
//
//===----------------------------------------------------------------------===//

#include "checkers/model/rules/Explain.h"
#include "checkers/model/rules/SiteRule.h"

namespace shutdown::rules {

SiteRule joinInTeardown() {
  return {RuleKind::JoinInTeardown,
          [](const Candidate &C) {
            return C.Root->Kind != RootKind::DllEntry &&
                   C.Site->Prim != Primitive::Win32Wait;
          },
          staticTeardownMessage};
}

} // namespace shutdown::rules
