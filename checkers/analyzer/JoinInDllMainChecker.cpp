//===- JoinInDllMainChecker.cpp - shutdown.JoinInDllMain -----------------===//
//
// Finds thread joins and waits on thread handles reachable from DllMain,
// where the loader lock is held and the waited thread cannot exit.
//
// Path-sensitive: the reason (fdwReason) and the kind of detach
// (lpvReserved) are those the path to the join allows, through the helpers
// that receive them. A join that the path reaches only at process exit
// (lpvReserved != NULL) is worded as such: the other threads are already
// terminated there, so the wait does not deadlock but cannot tell whether
// its thread finished. docs/checks/join-in-dllmain.md, docs/analyzer.md.
//
//===----------------------------------------------------------------------===//

#include "ShutdownModeling.h"
#include "clang/StaticAnalyzer/Core/Checker.h"

using namespace clang::ento;

namespace shutdown::analyzer {
namespace {

class JoinInDllMainChecker : public Checker<check::Event<BlockingEvent>> {
public:
  unsigned Config = 0;

  void checkEvent(const BlockingEvent &E) const {
    if (E.Rule != RuleKind::JoinInDllMain || E.Config != Config)
      return;
    reportEvent(BT, E,
                rules::dllEntryMessage(*E.Root, action(E), E.Reason, E.Path,
                                      E.Site));
  }

private:
  const BugType BT{this, "Thread joined inside DllMain", Category};
};

} // namespace

void registerJoinInDllMain(CheckerManager &Mgr) {
  Mgr.registerChecker<JoinInDllMainChecker>()->Config = useOptions(Mgr);
}

bool shouldRegisterJoinInDllMain(const CheckerManager &) { return true; }

} // namespace shutdown::analyzer
