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
    std::string Context = reasonName(E.Reason).str();
    if (E.Path != DllPath::Unknown)
      Context += (Context.empty() ? "" : ", ") +
                 std::string(E.Path == DllPath::FreeLibrary ? "FreeLibrary"
                                                            : "process exit");
    std::string Where = "inside " + quoted(E.Root->Name) +
                        (Context.empty() ? "" : " (" + Context + ")");
    if (E.Path == DllPath::ProcessExit)
      reportEvent(BT, E,
                  action(E) + " " + Where +
                      ": at process exit the other threads are already "
                      "terminated, so the wait cannot tell whether its "
                      "thread finished its work");
    else
      reportEvent(BT, E,
                  action(E) + " " + Where +
                      " while the loader lock is held; the thread needs that "
                      "lock to exit: deadlock");
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
