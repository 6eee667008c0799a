//===- JoinInDllMain.cpp - shutdown-join-in-dllmain -----------------------===//
//
// A join, or a wait on a thread handle, reachable from a DLL entry point.
// On the FreeLibrary path (or when the path is not known) the loader lock
// is held and the thread needs it to exit: a deadlock. At process exit the
// other threads are already gone, and the wait proves nothing.
//
//===----------------------------------------------------------------------===//

#include "checkers/model/rules/Explain.h"
#include "checkers/model/rules/SiteRule.h"

namespace shutdown::rules {

static std::string message(const Candidate &C) {
  return dllEntryMessage(*C.Root, action(*C.Site), C.Reason, C.EntryPath,
                         C.Site);
}

SiteRule joinInDllMain() {
  return {RuleKind::JoinInDllMain,
          [](const Candidate &C) { return C.Root->Kind == RootKind::DllEntry; },
          message};
}

} // namespace shutdown::rules
