//===- LoaderLockCallInDllMain.cpp - shutdown-loader-lock-call-in-dllmain -===//
//
// A call that must not be made while the loader lock is held (LoadLibrary,
// COM initialization, process creation, the registry, user32, Winsock...),
// reachable from code that runs under it: a DLL entry point for every
// reason, a TLS callback, and in a DLL the dynamic initialization and the
// destruction of static-storage objects, exit handlers, constructor and
// destructor functions. A thread that such code only starts runs outside
// the lock: starting a thread is no edge of the call graph. An
// executable's static constructors run before main, not under the lock.
//
// Also the search both rules of LoaderLock.h share.
//
//===----------------------------------------------------------------------===//

#include "checkers/model/rules/Explain.h"
#include "checkers/model/rules/LoaderLock.h"
#include "checkers/model/rules/SiteRule.h"

using namespace llvm;

namespace shutdown::rules {

std::map<const BlockingSite *, Candidate>
searchRooted(const CallGraph &G, function_ref<bool(const RootFact &)> Follows,
             const RootedSearch &Search) {
  std::map<const BlockingSite *, Candidate> Best;
  std::vector<uint32_t> WithSites;
  for (const BlockingSite &S : G.facts().Sites)
    if (Search.Site(S))
      if (std::optional<uint32_t> N = G.find(S.Function))
        WithSites.push_back(*N);
  if (WithSites.empty())
    return Best;
  std::vector<bool> Through = G.canReach(WithSites);
  for (const RootFact &R : G.facts().Roots) {
    if (!Follows(R) || !Search.From(R))
      continue;
    RootSearch Walk(G, R, Through);
    Walk.run([&](const State &St) {
      for (const BlockingSite *Site : G.sitesIn(G.id(St.Node))) {
        if (!Search.Site(*Site))
          continue;
        Candidate C;
        C.Root = &R;
        C.Site = Site;
        C.Path = Walk.pathTo(St);
        C.Targets = strings(Site->Targets);
        C.Level = Severity::Error;
        if (R.Kind == RootKind::DllEntry) {
          const auto &From =
              C.Path.empty() ? Site->Reason : C.Path.front().Edge->Reason;
          C.Reason = From;
          C.EntryPath = C.Path.empty() ? Site->Path : C.Path.front().Edge->Path;
        }
        if (!Search.Keep(C))
          continue;
        auto It = Best.find(Site);
        if (It == Best.end() || C.rank() < It->second.rank())
          Best[Site] = std::move(C);
      }
    });
  }
  return Best;
}

bool runsUnderLoaderLock(const RootFact &R) {
  switch (R.Kind) {
  case RootKind::DllEntry:
  case RootKind::TlsCallback:
    return true;
  case RootKind::AtExit:
    return R.InDll && !StringRef(R.Registrar).contains("quick_exit");
  case RootKind::StaticDestructor:
  case RootKind::DestructorFunction:
  case RootKind::ThreadLocalDestructor:
  case RootKind::StaticInitializer:
  case RootKind::ConstructorFunction:
    return R.InDll;
  }
  return false;
}

/// Where a root runs, for the messages: "inside 'DllMain'
/// (DLL_PROCESS_ATTACH)", "while 'gConfig' is constructed at DLL load".
static std::string whereUnderLock(const RootFact &R, DllReason Reason,
                                  DllPath Path) {
  switch (R.Kind) {
  case RootKind::DllEntry: {
    std::string Ctx = entryContext(Reason, Path);
    return "inside " + quoted(R.Name) + (Ctx.empty() ? "" : " (" + Ctx + ")");
  }
  case RootKind::TlsCallback:
    return "inside TLS callback " + quoted(R.Name);
  case RootKind::StaticInitializer:
    return "while " + quoted(R.Name) + " is constructed at DLL load";
  case RootKind::StaticDestructor:
    return "while " + quoted(R.Name) + " is destroyed at DLL unload";
  case RootKind::ThreadLocalDestructor:
    return "while thread_local " + quoted(R.Name) +
           " is destroyed at thread exit";
  case RootKind::AtExit:
    return "in " + quoted(R.Name) + ", an " + R.Registrar.str() +
           " handler the DLL runs at unload";
  case RootKind::DestructorFunction:
    return "in destructor function " + quoted(R.Name) + ", run at DLL unload";
  case RootKind::ConstructorFunction:
    return "in constructor function " + quoted(R.Name) + ", run at DLL load";
  }
  return quoted(R.Name);
}

std::string loaderLockMessage(const RootFact &Root, StringRef Callee,
                              DllReason Reason, DllPath Path) {
  return quoted(Callee) + " is called " + whereUnderLock(Root, Reason, Path) +
         ", under the loader lock; it may need that lock, or a thread that "
         "waits for it: deadlock or crash";
}

static std::string message(const Candidate &C) {
  return loaderLockMessage(*C.Root, C.Site->Callee, C.Reason, C.EntryPath);
}

std::vector<Finding>
loaderLockCallFindings(const CallGraph &G,
                       function_ref<bool(const RootFact &)> Follows) {
  auto IsCall = [](const BlockingSite &S) {
    return S.Prim == Primitive::LoaderLockCall;
  };
  auto Any = [](const Candidate &) { return true; };
  SiteRule Rule{RuleKind::LoaderLockCallInDllMain, nullptr, message};
  std::vector<Finding> Out;
  for (const auto &[Site, C] :
       searchRooted(G, Follows, {runsUnderLoaderLock, IsCall, Any}))
    Out.push_back(siteFinding(G, C, Rule));
  return Out;
}

} // namespace shutdown::rules
