//===- LoaderLockCallInDllMainChecker.cpp ---------------------------------===//
//
// shutdown.LoaderLockCallInDllMain: finds calls that must not be made under
// the loader lock (LoadLibrary, COM initialization, CreateProcess, the
// registry, user32, Winsock...) reachable from DllMain, TLS callbacks and,
// in a DLL, static constructors and destructors, exit handlers and
// constructor or destructor functions.
//
// Path-sensitive: from DllMain, the reason and the kind of detach are those
// the path to the call allows, and the message names them.
// docs/checks/loader-lock-call-in-dllmain.md, docs/analyzer.md.
//
//===----------------------------------------------------------------------===//

#include "ShutdownModeling.h"
#include "checkers/model/rules/LoaderLock.h"
#include "clang/StaticAnalyzer/Core/Checker.h"

using namespace clang::ento;

namespace shutdown::analyzer {
namespace {

class LoaderLockCallInDllMainChecker
    : public Checker<check::Event<BlockingEvent>> {
public:
  unsigned Config = 0;

  void checkEvent(const BlockingEvent &E) const {
    if (E.Rule == RuleKind::LoaderLockCallInDllMain && E.Config == Config)
      reportEvent(
          BT, E, rules::loaderLockMessage(*E.Root, E.Callee, E.Reason, E.Path));
  }

private:
  const BugType BT{this, "Call forbidden under the loader lock", Category};
};

} // namespace

void registerLoaderLockCallInDllMain(CheckerManager &Mgr) {
  Mgr.registerChecker<LoaderLockCallInDllMainChecker>()->Config =
      useOptions(Mgr);
}

bool shouldRegisterLoaderLockCallInDllMain(const CheckerManager &) {
  return true;
}

} // namespace shutdown::analyzer
