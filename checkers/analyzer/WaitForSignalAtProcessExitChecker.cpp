//===- WaitForSignalAtProcessExitChecker.cpp ------------------------------===//
//
// shutdown.WaitForSignalAtProcessExit: finds, in a DLL, untimed waits for an
// event, a semaphore, a condition variable, a future or a latch reachable
// from teardown that runs at process exit: DllMain on a path where the
// reason may be DLL_PROCESS_DETACH and lpvReserved may be non-NULL, and the
// DLL's static destructors, atexit handlers and destructor functions.
//
// Path-sensitive: the reason and lpvReserved are those the path allows (a
// wait after "if (lpvReserved) return TRUE;" is not reported), and a Win32
// wait is on a signal when its handle was made by CreateEvent or
// CreateSemaphore on the path, or is read from where the unit's facts store
// one. docs/checks/wait-for-signal-at-process-exit.md, docs/analyzer.md.
//
//===----------------------------------------------------------------------===//

#include "ShutdownModeling.h"
#include "checkers/model/rules/LoaderLock.h"
#include "clang/StaticAnalyzer/Core/Checker.h"

using namespace clang::ento;

namespace shutdown::analyzer {
namespace {

class WaitForSignalAtProcessExitChecker
    : public Checker<check::Event<BlockingEvent>> {
public:
  unsigned Config = 0;

  void checkEvent(const BlockingEvent &E) const {
    if (E.Rule == RuleKind::WaitForSignalAtProcessExit && E.Config == Config)
      reportEvent(BT, E, rules::signalWaitMessage(*E.Root, E.Callee, E.Target));
  }

private:
  const BugType BT{this, "Untimed wait for a signal at process exit", Category};
};

} // namespace

void registerWaitForSignalAtProcessExit(CheckerManager &Mgr) {
  Mgr.registerChecker<WaitForSignalAtProcessExitChecker>()->Config =
      useOptions(Mgr);
}

bool shouldRegisterWaitForSignalAtProcessExit(const CheckerManager &) {
  return true;
}

} // namespace shutdown::analyzer
