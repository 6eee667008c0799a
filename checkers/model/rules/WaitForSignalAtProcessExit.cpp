//===- WaitForSignalAtProcessExit.cpp -------------------------------------===//
//
// shutdown-wait-for-signal-at-process-exit: in a DLL, teardown that runs at
// process exit waits, without a timeout, for a signal that only another
// thread can give: an event or a semaphore (a Win32 wait on a handle a
// signal creator made), a condition variable, a future, a latch. Windows
// terminates every other thread before it calls DLL_PROCESS_DETACH at
// process exit, so the wait never ends. That teardown is DllMain's
// DLL_PROCESS_DETACH on the path where lpvReserved is not NULL (not cut by
// the usual "if (lpvReserved) return TRUE;"), and the DLL's static
// destructors, atexit handlers and destructor functions, which run there
// too. Waits on thread handles are the join rules'; a wait reached only on
// the FreeLibrary path (other threads still run), in an executable's
// teardown, or with a finite timeout, is not this rule's.
//
//===----------------------------------------------------------------------===//

#include "checkers/model/rules/Explain.h"
#include "checkers/model/rules/LoaderLock.h"
#include "checkers/model/rules/SiteRule.h"

using namespace llvm;

namespace shutdown::rules {

bool runsAtDllProcessExit(const RootFact &R) {
  switch (R.Kind) {
  case RootKind::DllEntry:
    return true; // On its process-exit path: see isOnProcessExitPath.
  case RootKind::AtExit:
    return R.InDll && !StringRef(R.Registrar).contains("quick_exit");
  case RootKind::StaticDestructor:
  case RootKind::DestructorFunction:
    return R.InDll;
  default:
    return false;
  }
}

/// From a DLL entry point, the path must be DLL_PROCESS_DETACH (or any
/// reason) and not known to be FreeLibrary's.
static bool isOnProcessExitPath(const Candidate &C) {
  if (C.Root->Kind != RootKind::DllEntry)
    return true;
  return (C.Reason == DllReason::ProcessDetach || C.Reason == DllReason::Any) &&
         C.EntryPath != DllPath::FreeLibrary;
}

/// Where the wait runs: "inside 'DllMain' (DLL_PROCESS_DETACH, process
/// exit)", "while 'gPool' is destroyed".
static std::string whereAtExit(const RootFact &R) {
  switch (R.Kind) {
  case RootKind::DllEntry:
    return "inside " + quoted(R.Name) + " (" +
           entryContext(DllReason::ProcessDetach, DllPath::ProcessExit) + ")";
  case RootKind::StaticDestructor:
    return "while " + quoted(R.Name) +
           " is destroyed in the DLL's static teardown, which also runs at "
           "process exit";
  case RootKind::AtExit:
    return "in " + quoted(R.Name) + ", an " + R.Registrar.str() +
           " handler the DLL also runs at process exit";
  case RootKind::DestructorFunction:
    return "in destructor function " + quoted(R.Name) +
           ", which the DLL also runs at process exit";
  default:
    return quoted(R.Name);
  }
}

std::string signalWaitMessage(const RootFact &Root, StringRef Callee,
                              StringRef TargetText) {
  return quoted(Callee) + " waits on " + quoted(TargetText) +
         " without a timeout " + whereAtExit(Root) +
         ": at process exit every other thread is already terminated, so "
         "nothing can signal it and the process hangs";
}

static std::string message(const Candidate &C) {
  return signalWaitMessage(*C.Root, C.Site->Callee, C.Site->TargetText);
}

std::vector<Finding>
waitForSignalFindings(const CallGraph &G,
                      function_ref<bool(const RootFact &)> Follows) {
  auto IsWait = [](const BlockingSite &S) {
    return (S.Prim == Primitive::SignalWait ||
            S.Prim == Primitive::Win32Wait) &&
           S.TimeoutMs == Untimed;
  };
  // A Win32 wait is on a signal when its handle comes from a signal
  // creator (an event, a semaphore) and is no thread handle.
  auto Keep = [&G](const Candidate &C) {
    if (!isOnProcessExitPath(C))
      return false;
    if (C.Site->Prim != Primitive::Win32Wait)
      return true;
    if (G.isThreadWait(*C.Site, C.Targets))
      return false;
    return any_of(G.sources(C.Targets), [](const std::string &T) {
      return StringRef(T).starts_with("signal:");
    });
  };
  SiteRule Rule{RuleKind::WaitForSignalAtProcessExit, nullptr, message};
  std::vector<Finding> Out;
  for (auto &[Site, C] :
       searchRooted(G, Follows, {runsAtDllProcessExit, IsWait, Keep})) {
    Candidate At = C;
    if (At.Root->Kind == RootKind::DllEntry) {
      At.Reason = DllReason::ProcessDetach;
      At.EntryPath = DllPath::ProcessExit;
    }
    Finding F = siteFinding(G, At, Rule);
    F.Waited.reset(); // What is waited for is a signal, not a thread.
    Out.push_back(std::move(F));
  }
  return Out;
}

} // namespace shutdown::rules
