//===- ThreadOwners.cpp - Static objects that own threads -----------------===//

#include "checkers/model/rules/ThreadOwners.h"
#include "checkers/model/rules/Explain.h"
#include "llvm/ADT/STLExtras.h"

using namespace llvm;

namespace shutdown::rules {

namespace {

/// The class nodes whose destruction destroying Node implies.
std::vector<StringRef> ownedFrom(const CallGraph &G, StringRef Node) {
  std::vector<StringRef> R{Node};
  for (size_t I = 0; I < R.size(); ++I)
    for (const Succ &S : G.succ(R[I]))
      if (isDestruction(S.Edge->Kind))
        if (StringRef To = G.id(S.To); !is_contained(R, To))
          R.push_back(To);
  return R;
}

/// How one thread member stops: an explicit stop first; else a join of
/// this variable's own teardown (the chain users expect), else of another
/// root's (an atexit handler, another static's destructor, DllMain: it
/// also stops only during teardown).
OwnedThread stopOf(const OrdinaryCode &Ordinary, const ThreadField &T,
                   const std::map<std::string, const BlockingSite *> &Own,
                   const std::map<std::string, const BlockingSite *> &AnyRoot) {
  if (const BlockingSite *Stop = Ordinary.stopOf(T.Id))
    return {&T, ThreadOwner::Stop::Explicit, Stop};
  if (auto It = Own.find(T.Id); It != Own.end())
    return {&T, ThreadOwner::Stop::TeardownOnly, It->second};
  if (auto It = AnyRoot.find(T.Id); It != AnyRoot.end())
    return {&T, ThreadOwner::Stop::TeardownOnly, It->second};
  return {&T, ThreadOwner::Stop::NotStopped, nullptr};
}

} // namespace

std::vector<OwnedClass>
ownedClasses(const CallGraph &G, const OrdinaryCode &Ordinary,
             const TeardownJoins &Joins,
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
    for (const Succ &Direct : G.succ(R.Function)) {
      if (!isDestruction(Direct.Edge->Kind))
        continue;
      OwnedClass &O = Out.emplace_back();
      O.Instance = &R;
      O.Class = G.id(Direct.To);
      for (StringRef Node : ownedFrom(G, O.Class))
        for (const ThreadField *T : G.fieldsOf(Node))
          if (T->ThreadObject || G.isThreadKey(T->Id))
            O.Threads.push_back(stopOf(
                Ordinary, *T,
                Own == Joins.JoinedFrom.end() ? None : Own->second, AnyRoot));
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
      I.Class = G.className("D:" + T.Field->Class);
      I.Thread = T.Field->Name;
      I.ThreadLoc = T.Field->Loc;
      I.InDll = O.Instance->InDll;
      I.How = T.How;
      if (T.How == ThreadOwner::Stop::Explicit)
        I.StopChain = stopChain(G, Ordinary.pathTo(*T.StoppedBy), *T.StoppedBy);
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
  Out.erase(std::unique(Out.begin(), Out.end(),
                        [&](const ThreadOwner &A, const ThreadOwner &B) {
                          return Key(A) == Key(B);
                        }),
            Out.end());
  return Out;
}

} // namespace shutdown::rules
