//===- ThreadOwners.cpp - Static objects that own threads -----------------===//

#include "checkers/model/rules/ThreadOwners.h"
#include "checkers/model/rules/Explain.h"
#include "llvm/ADT/STLExtras.h"

using namespace llvm;

namespace shutdown::rules {

/// The class nodes whose destruction destroying Node implies.
static std::vector<StringRef> ownedFrom(const CallGraph &G, StringRef Node) {
  std::vector<StringRef> R{Node};
  for (size_t I = 0; I < R.size(); ++I)
    for (const Succ &S : G.succ(R[I]))
      if (isDestruction(S.Edge->Kind))
        if (StringRef To = G.id(S.To); !is_contained(R, To))
          R.push_back(To);
  return R;
}

/// How one thread member of the instance On stops: an explicit stop on
/// it first; else, when its teardown joins it, a contract of the library's
/// API, or a join of this variable's own teardown (the chain users
/// expect), else of another root's (an atexit handler, another static's
/// destructor, DllMain: it also stops only during teardown).
static OwnedThread
stopOf(const OrdinaryCode &Ordinary, Instance On, const ThreadField &T,
       const std::map<std::string, const BlockingSite *> &Own,
       const std::map<std::string, const BlockingSite *> &AnyRoot) {
  OwnedThread Out;
  Out.Field = &T;
  if (const OrdinaryCode::Stop *S = Ordinary.stopOf({T.Id.str()}, On)) {
    Out.How = ThreadOwner::Stop::Explicit;
    Out.StoppedBy = S->Site;
    Out.Named = S;
    return Out;
  }
  const BlockingSite *Join = nullptr;
  if (auto It = Own.find(T.Id.str()); It != Own.end())
    Join = It->second;
  else if (auto It = AnyRoot.find(T.Id.str()); It != AnyRoot.end())
    Join = It->second;
  if (!Join)
    return Out;
  Out.How = ThreadOwner::Stop::TeardownOnly;
  Out.StoppedBy = Join;
  if (const OrdinaryCode::Stop *S = Ordinary.apiStopOf({T.Id.str()}, On)) {
    Out.Named = S;
    if (Ordinary.isContract(*S)) {
      Out.How = ThreadOwner::Stop::Contract;
      Out.StoppedBy = S->Site;
    }
  } else if (const OrdinaryCode::Stop *S = Ordinary.anyStopOf({T.Id.str()});
             S && !Ordinary.stopName(*S).empty()) {
    Out.Named = S;
    Out.OtherInstances = true;
  }
  return Out;
}

/// Why a thread stopped explicitly is still joined by a reported teardown
/// join of its instance; empty when none is reported.
static std::string
stillReported(const CallGraph &G, const TeardownJoins &Joins,
              const OwnedThread &T,
              const std::map<std::string, const BlockingSite *> &Own) {
  auto It = Own.find(T.Field->Id.str());
  if (It == Own.end())
    return "";
  // A teardown join, else the same join reached from a DLL entry point.
  auto Best = Joins.Best.find({It->second, false});
  if (Best == Joins.Best.end())
    Best = Joins.Best.find({It->second, true});
  if (Best == Joins.Best.end())
    return "";
  std::string Where = "its teardown join in " +
                      quoted(G.nameOf(It->second->Function)) + " is reported";
  switch (Best->second.Verdict) {
  case StopVerdict::Unguarded:
    return Where + ": that join does not test whether the thread still runs, "
                   "so the explicit stop does not make it a safety net";
  case StopVerdict::OtherInstances:
  case StopVerdict::Uncalled:
  case StopVerdict::Contract:
    return Where + " for another object of the class, which the stop does not "
                   "stop";
  default:
    return Where + " from another teardown root";
  }
}

std::vector<OwnedClass>
ownedClasses(const CallGraph &G, const Instances &I,
             const OrdinaryCode &Ordinary, const TeardownJoins &Joins,
             function_ref<bool(const RootFact &)> Follows) {
  std::map<std::string, const BlockingSite *> AnyRoot, None;
  for (const RootFact &R : G.facts().Roots)
    if (auto It = Joins.JoinedFrom.find(&R); It != Joins.JoinedFrom.end())
      for (const auto &[Key, Site] : It->second)
        AnyRoot.try_emplace(Key, Site);
  std::vector<OwnedClass> Out;
  for (const RootFact &R : G.facts().Roots) {
    if (!Follows(R) || R.Kind != RootKind::StaticDestructor)
      continue;
    auto Own = Joins.JoinedFrom.find(&R);
    const auto &OwnJoins = Own == Joins.JoinedFrom.end() ? None : Own->second;
    Instance On = I.ofRoot(R);
    for (const Succ &Direct : G.succ(R.Function)) {
      if (!isDestruction(Direct.Edge->Kind))
        continue;
      OwnedClass &O = Out.emplace_back();
      O.Instance = &R;
      O.Class = G.id(Direct.To);
      for (StringRef Node : ownedFrom(G, O.Class))
        for (const ThreadField *T : G.fieldsOf(Node))
          if (T->ThreadObject || G.isThreadKey(T->Id)) {
            OwnedThread &Th = O.Threads.emplace_back(
                stopOf(Ordinary, On, *T, OwnJoins, AnyRoot));
            if (Th.How == ThreadOwner::Stop::Explicit)
              Th.Note = stillReported(G, Joins, Th, OwnJoins);
          }
    }
  }
  return Out;
}

std::vector<ThreadOwner> threadOwners(const CallGraph &G,
                                      const OrdinaryCode &Ordinary,
                                      ArrayRef<OwnedClass> Owned) {
  std::vector<ThreadOwner> Out;
  for (const OwnedClass &O : Owned)
    for (const OwnedThread &T : O.Threads) {
      ThreadOwner &I = Out.emplace_back();
      I.Object = O.Instance->Name;
      I.Loc = O.Instance->Loc;
      I.Class = G.className(("D:" + T.Field->Class).str());
      I.Thread = T.Field->Name;
      I.ThreadLoc = T.Field->Loc;
      I.InDll = O.Instance->InDll;
      I.How = T.How;
      if (T.How == ThreadOwner::Stop::Explicit ||
          T.How == ThreadOwner::Stop::Contract)
        I.StopChain = Ordinary.chain(*T.Named);
      if (T.Named)
        I.StoppedBy = Ordinary.stopName(*T.Named);
      I.Note = T.Note;
      if (T.StoppedBy) {
        I.StoppedIn = G.nameOf(T.StoppedBy->Function);
        I.StopLoc = T.StoppedBy->Loc;
      }
    }
  auto Key = [](const ThreadOwner &A) {
    return std::tie(A.Loc, A.Object, A.Thread, A.Class);
  };
  llvm::sort(Out, [&](const ThreadOwner &A, const ThreadOwner &B) {
    return Key(A) < Key(B);
  });
  Out.erase(
      llvm::unique(Out, [&](const ThreadOwner &A,
                            const ThreadOwner &B) { return Key(A) == Key(B); }),
      Out.end());
  return Out;
}

} // namespace shutdown::rules
