//===- SingletonThreadWithoutUninitChecker.cpp ----------------------------===//
//
// shutdown.SingletonThreadWithoutUninit: finds classes that own threads,
// have a static-storage instance, and stop those threads only during
// teardown: no explicit stop (UnInit, Stop, Shutdown...) that joins them is
// called from ordinary code.
//
// Which classes those are is the model's singleton rule over the facts of
// the translation unit, in its words; the analyzer reports the class where
// a path from teardown reaches the join of such a thread, with that path.
// docs/checks/singleton-thread-without-uninit.md, docs/analyzer.md.
//
//===----------------------------------------------------------------------===//

#include "ShutdownModeling.h"
#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/Checker.h"

using namespace clang::ento;

namespace shutdown::analyzer {
namespace {

class SingletonThreadWithoutUninitChecker
    : public Checker<check::Event<BlockingEvent>> {
public:
  unsigned Config = 0;

  void checkEvent(const BlockingEvent &E) const {
    if (E.Rule != RuleKind::SingletonThreadWithoutUninit ||
        E.Config != Config || !E.Singleton)
      return;
    // Once per class and root, at the first join the paths reach.
    clang::SourceLocation Class = E.Unit->toLocation(E.Singleton->Loc);
    if (Class.isInvalid())
      return reportEvent(BT, E, E.Singleton->Message);
    reportEvent(BT, E, E.Singleton->Message,
                PathDiagnosticLocation(Class, E.C->getSourceManager()),
                E.RootFunction);
  }

private:
  const BugType BT{this, "Thread stopped only during static teardown",
                   Category};
};

} // namespace

void registerSingletonThreadWithoutUninit(CheckerManager &Mgr) {
  Mgr.registerChecker<SingletonThreadWithoutUninitChecker>()->Config =
      useOptions(Mgr);
}

bool shouldRegisterSingletonThreadWithoutUninit(const CheckerManager &) {
  return true;
}

} // namespace shutdown::analyzer
