//===- LoaderLock.h - Under the loader lock, and at process exit -*- C++ -*-=//
//
// Two rules over sites that are not joins: a call that must not be made
// while the loader lock is held (shutdown-loader-lock-call-in-dllmain), and
// an untimed wait for a signal in a DLL's teardown at process exit, when no
// other thread is left to give it (shutdown-wait-for-signal-at-process-exit).
// Each runs the teardown search (RootSearch) from its own roots through the
// functions that can reach its own sites, and keeps the best path to each
// site: from DllMain first, then the shorter.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RULES_LOADERLOCK_H
#define SHUTDOWN_HAZARDS_MODEL_RULES_LOADERLOCK_H

#include "checkers/model/Finding.h"
#include "checkers/model/rules/CallGraph.h"
#include "checkers/model/rules/TeardownSearch.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <map>
#include <vector>

namespace shutdown::rules {

/// What a rule over other sites searches: from which roots, to which sites,
/// and which of the paths found are its findings.
struct RootedSearch {
  llvm::function_ref<bool(const RootFact &)> From;
  llvm::function_ref<bool(const BlockingSite &)> Site;
  /// The candidate, with its path and DllMain context, is a finding.
  llvm::function_ref<bool(const Candidate &)> Keep;
};

/// The best candidate of each site that the search finds from the roots
/// that Follows and From accept.
std::map<const BlockingSite *, Candidate>
searchRooted(const CallGraph &G,
             llvm::function_ref<bool(const RootFact &)> Follows,
             const RootedSearch &Search);

/// shutdown-loader-lock-call-in-dllmain.
std::vector<Finding>
loaderLockCallFindings(const CallGraph &G,
                       llvm::function_ref<bool(const RootFact &)> Follows);
/// shutdown-wait-for-signal-at-process-exit.
std::vector<Finding>
waitForSignalFindings(const CallGraph &G,
                      llvm::function_ref<bool(const RootFact &)> Follows);

/// Whether a root runs under the loader lock: a DLL entry point, a TLS
/// callback, and in a DLL its static constructors and destructors, exit
/// handlers, constructor and destructor functions, thread_local
/// destructors.
bool runsUnderLoaderLock(const RootFact &R);
/// Whether a root runs in a DLL's teardown at process exit: its static
/// destructors, atexit handlers and destructor functions (a DLL entry point
/// does on its own path only).
bool runsAtDllProcessExit(const RootFact &R);

/// The words of each rule: where the root runs, said for the message.
std::string loaderLockMessage(const RootFact &Root, llvm::StringRef Callee,
                              DllReason Reason, DllPath Path);
std::string signalWaitMessage(const RootFact &Root, llvm::StringRef Callee,
                              llvm::StringRef TargetText);

} // namespace shutdown::rules

#endif
