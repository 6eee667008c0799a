//===- JoinInTeardownChecker.cpp - shutdown.JoinInTeardown ---------------===//
//
// Finds thread joins (std::thread::join, the destructor of std::jthread,
// pthread_join, thrd_join, and wrappers around them) reachable from static
// teardown: destructors of static-storage objects, atexit-family handlers
// and destructor functions.
//
// Path-sensitive: a thread already joined or detached on the path is not
// joined again, and a join under a test of object state (joinable(), a
// running flag) is the safety net only on paths where that test holds and
// ordinary code stops the thread. docs/checks/join-in-teardown.md,
// docs/analyzer.md.
//
//===----------------------------------------------------------------------===//

#include "ShutdownModeling.h"
#include "clang/StaticAnalyzer/Core/Checker.h"

using namespace clang::ento;

namespace shutdown::analyzer {
namespace {

class JoinInTeardownChecker : public Checker<check::Event<BlockingEvent>> {
public:
  unsigned Config = 0;

  void checkEvent(const BlockingEvent &E) const {
    if (E.Rule == RuleKind::JoinInTeardown && E.Config == Config)
      reportEvent(BT, E, rules::staticTeardownMessage(*E.Root, action(E), E.Site));
  }

private:
  const BugType BT{this, "Thread joined during static teardown", Category};
};

} // namespace

void registerJoinInTeardown(CheckerManager &Mgr) {
  Mgr.registerChecker<JoinInTeardownChecker>()->Config = useOptions(Mgr);
}

bool shouldRegisterJoinInTeardown(const CheckerManager &) { return true; }

} // namespace shutdown::analyzer
