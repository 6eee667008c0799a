//===- SingletonThreadWithoutUninit.cpp - The singleton rule --------------===//

#include "checkers/model/rules/SingletonThreadWithoutUninit.h"
#include "checkers/model/rules/Explain.h"
#include "llvm/ADT/STLExtras.h"

using namespace llvm;

namespace shutdown::rules {

namespace {

/// The static instances of one class, and its threads that only teardown
/// stops, each with the join that stops it.
struct Singleton {
  std::vector<const RootFact *> Instances;
  std::vector<std::pair<const ThreadField *, const BlockingSite *>> Threads;
  /// The stop that exists, if any, and whether it is called on other
  /// objects only (else nothing calls it).
  std::string Stop;
  bool OtherInstances = false;
};
} // namespace

static std::string message(const std::string &Class, const Singleton &S,
                           bool InDll) {
  std::string Names;
  for (auto &T : S.Threads)
    Names += (Names.empty() ? "" : ", ") + quoted(T.first->Name);
  bool Many = S.Threads.size() > 1;
  return quoted(Class) + " has a static-storage instance and its thread" +
         (Many ? "s " : " ") + Names + (Many ? " stop" : " stops") +
         " only during static teardown" +
         (InDll ? ", under the loader lock" : "") +
         (!S.Stop.empty() && S.OtherInstances
              ? "; its stop " + quoted(S.Stop + "()") +
                    " is called on other instances only: call it on this one "
                    "before exit or unload"
          : !S.Stop.empty() ? "; its stop " + quoted(S.Stop + "()") +
                                  " is never called: call it before exit or "
                                  "unload"
                            : "; add an explicit stop (UnInit) that joins " +
                                  std::string(Many ? "them" : "it") +
                                  " and call it before exit or unload");
}

static FindingRoot instanceOf(const RootFact &R) {
  FindingRoot Out;
  Out.Kind = R.Kind;
  Out.Node = R.Function;
  Out.Name = R.Name;
  Out.Loc = R.Loc;
  Out.InDll = R.InDll;
  Out.Why = rootNote(R);
  return Out;
}

static Finding finding(const CallGraph &G, StringRef Class, Singleton &S) {
  Finding F;
  F.Rule = RuleKind::SingletonThreadWithoutUninit;
  bool InDll = any_of(S.Instances, [](const RootFact *R) { return R->InDll; });
  F.Level = InDll ? Severity::Error : Severity::Warning;
  const ClassFact *CF = G.classFact(Class);
  F.Loc = CF ? CF->Loc : S.Instances.front()->Loc;
  F.Class = Class.str();
  F.ClassName = G.className(Class);
  F.Message = message(F.ClassName, S, InDll);
  llvm::sort(S.Instances, [](const RootFact *A, const RootFact *B) {
    return A->Loc < B->Loc;
  });
  for (const RootFact *R : S.Instances)
    F.Instances.push_back(instanceOf(*R));
  for (auto &[T, Site] : S.Threads) {
    TeardownThread &Out = F.Threads.emplace_back();
    Out.Field = T->Id.str();
    Out.Name = T->Name.str();
    if (const ThreadStart *Start = G.startOf({T->Id.str()}))
      Out.Start = ThreadStartInfo{Start->Loc, Start->Creator.str(),
                                  Start->RoutineName.str()};
    Out.JoinCallee = Site->Callee.str();
    Out.JoinLoc = Site->Loc;
    Out.JoinedIn = G.nameOf(Site->Function);
  }
  return F;
}

std::vector<Finding> singletonFindings(const CallGraph &G,
                                       const OrdinaryCode &Ordinary,
                                       ArrayRef<OwnedClass> Owned) {
  std::map<StringRef, Singleton> ByClass; // By class node, for determinism.
  for (const OwnedClass &O : Owned) {
    std::vector<std::pair<const ThreadField *, const BlockingSite *>> Threads;
    const OwnedThread *Named = nullptr;
    for (const OwnedThread &T : O.Threads)
      if (T.How == ThreadOwner::Stop::TeardownOnly) {
        Threads.push_back({T.Field, T.StoppedBy});
        if (T.Named && !Named)
          Named = &T;
      }
    if (Threads.empty())
      continue;
    Singleton &S = ByClass[O.Class];
    if (Named && S.Stop.empty()) {
      S.Stop = Ordinary.stopName(*Named->Named);
      S.OtherInstances = Named->OtherInstances;
    }
    S.Instances.push_back(O.Instance);
    for (auto &T : Threads)
      if (!is_contained(S.Threads, T))
        S.Threads.push_back(T);
  }
  std::vector<Finding> Out;
  for (auto &[Class, S] : ByClass)
    Out.push_back(finding(G, Class, S));
  return Out;
}

} // namespace shutdown::rules
