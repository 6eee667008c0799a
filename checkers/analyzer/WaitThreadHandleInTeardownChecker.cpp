//===- WaitThreadHandleInTeardownChecker.cpp ------------------------------===//
//
// shutdown.WaitThreadHandleInTeardown: finds Win32 waits
// (WaitForSingleObject and friends) on thread handles reachable from static
// teardown: destructors of static-storage objects, atexit-family handlers
// and destructor functions.
//
// Path-sensitive: the waited value is the one the path holds. A handle the
// path made with CreateThread, _beginthreadex or OpenThread is a thread
// handle, one it made with CreateEvent or CreateProcess is not; a handle
// the path closed or found NULL is not waited on; WaitForMultipleObjects
// waits on a thread if any handle of its array is one.
// docs/checks/wait-thread-handle-in-teardown.md, docs/analyzer.md.
//
//===----------------------------------------------------------------------===//

#include "ShutdownModeling.h"
#include "clang/StaticAnalyzer/Core/Checker.h"

using namespace clang::ento;

namespace shutdown::analyzer {
namespace {

class WaitThreadHandleInTeardownChecker
    : public Checker<check::Event<BlockingEvent>> {
public:
  unsigned Config = 0;

  void checkEvent(const BlockingEvent &E) const {
    if (E.Rule == RuleKind::WaitThreadHandleInTeardown && E.Config == Config)
      reportEvent(BT, E, rules::staticTeardownMessage(*E.Root, action(E), E.Site));
  }

private:
  const BugType BT{this, "Wait on a thread handle during static teardown",
                   Category};
};

} // namespace

void registerWaitThreadHandleInTeardown(CheckerManager &Mgr) {
  Mgr.registerChecker<WaitThreadHandleInTeardownChecker>()->Config =
      useOptions(Mgr);
}

bool shouldRegisterWaitThreadHandleInTeardown(const CheckerManager &) {
  return true;
}

} // namespace shutdown::analyzer
