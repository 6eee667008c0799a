//===- UnitModel.cpp - What the unit's facts tell the analyzer ------------===//
//
// The analyzer walks paths; what lies off the path comes from the facts of
// the translation unit (checkers/model/Extractor.h) and the rules
// (checkers/model/Rules.h), so that the three front-ends agree:
//   - the roots: which top-level functions run at teardown;
//   - where thread handles are stored, for a handle the path read from a
//     variable or member it did not write;
//   - the explicit stops: the rules drop a guarded teardown join whose
//     thread ordinary code stops. Which threads those are is what the rules
//     report when every site is unguarded and do not report when every site
//     is guarded;
//   - the singleton rule's findings, per thread member.
//
//===----------------------------------------------------------------------===//

#include "ShutdownModeling.h"
#include "checkers/model/Extractor.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/STLExtras.h"
#include <deque>
#include <set>

using namespace clang;
using namespace llvm;

namespace shutdown::analyzer {

UnitModel::UnitModel(ASTContext &Ctx, const ModelOptions &Options)
    : Ctx(Ctx), Facts(extractFacts(Ctx, Options)) {
  // Roots by function: a destructor is a root when static teardown destroys
  // its class, directly or as a member, base, element or owned pointee of
  // what a static-storage variable holds (the earliest variable names it).
  std::vector<const RootFact *> Statics;
  for (const RootFact &R : Facts.Roots) {
    if (R.Intentional)
      continue;
    if (R.Kind == RootKind::StaticDestructor)
      Statics.push_back(&R);
    else
      RootByFunction.try_emplace(R.Function, &R);
  }
  // A static's dynamic initialization is no function the analyzer runs:
  // what it calls (its constructor) stands for it.
  for (const CallEdge &E : Facts.Calls)
    if (const RootFact *R = RootByFunction.lookup(E.Caller);
        R && R->Kind == RootKind::StaticInitializer && !isDestruction(E.Kind))
      RootByFunction.try_emplace(E.Callee, R);
  llvm::sort(Statics, [](const RootFact *A, const RootFact *B) {
    return std::tie(A->Loc, A->Name) < std::tie(B->Loc, B->Name);
  });
  StringMap<std::vector<const CallEdge *>> Destroys;
  for (const CallEdge &E : Facts.Calls)
    if (isDestruction(E.Kind) && !E.Intentional)
      Destroys[E.Caller].push_back(&E);
  StringMap<std::vector<StringRef>> Overriders;
  for (const OverrideFact &O : Facts.Overrides)
    Overriders[O.Base].push_back(O.Overrider);
  // Twice: through every destruction edge (which static names a root),
  // then only through unguarded ones (which roots run unconditionally).
  for (bool Unguarded : {false, true}) {
    for (const RootFact *R : Statics) {
      std::vector<std::string> Work{R->Function.str()};
      StringSet<> Seen{R->Function};
      while (!Work.empty()) {
        std::string Node = std::move(Work.back());
        Work.pop_back();
        for (const CallEdge *E : Destroys.lookup(Node)) {
          if (Unguarded && E->Guarded)
            continue;
          std::vector<std::string> To{E->Callee.str()};
          if (E->Kind == EdgeKind::DestroysPointee) // May be a derived class.
            for (size_t I = 0; I < To.size(); ++I)
              for (StringRef O : Overriders.lookup(To[I]))
                if (!is_contained(To, O))
                  To.push_back(O.str());
          for (std::string &T : To)
            if (Seen.insert(T).second) {
              if (Unguarded)
                DestroyedUnguarded.insert(T);
              else
                RootByFunction.try_emplace(T, R);
              Work.push_back(std::move(T));
            }
        }
      }
    }
  }

  // Where threads are stored: each start's target, then every place a
  // handle or thread is copied into from one of those, to a fixpoint.
  for (const ThreadStart &S : Facts.Starts) {
    if (S.Target.empty())
      continue;
    StartOf.try_emplace(S.Target, &S);
    if (S.Handle)
      HandleStartOf.try_emplace(S.Target, &S);
  }
  for (const HandleCopy &C : Facts.Copies)
    if (StringRef(C.From).starts_with("signal:"))
      Signaled.insert(C.To);
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const HandleCopy &C : Facts.Copies) {
      if (Signaled.contains(C.From))
        Changed |= Signaled.insert(C.To).second;
      if (const ThreadStart *S = StartOf.lookup(C.From))
        Changed |= StartOf.try_emplace(C.To, S).second;
      if (const ThreadStart *S = HandleStartOf.lookup(C.From))
        Changed |= HandleStartOf.try_emplace(C.To, S).second;
    }
  }
}

UnitModel::~UnitModel() = default;

std::string UnitModel::usr(const Decl *D) {
  auto It = Usrs.find(D);
  if (It != Usrs.end())
    return It->second;
  SmallString<128> Buf;
  std::string S;
  if (!index::generateUSRForDecl(D, Buf))
    S = Buf.str().str();
  return Usrs[D] = S;
}

std::string UnitModel::functionId(const FunctionDecl *FD) {
  if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(FD))
    return "D:" + usr(Dtor->getParent());
  return usr(FD);
}

const RootFact *UnitModel::rootOf(const FunctionDecl *FD) {
  if (RootByFunction.empty() || !FD)
    return nullptr;
  return RootByFunction.lookup(functionId(FD));
}

bool UnitModel::entersGuarded(const FunctionDecl *FD) {
  const RootFact *R = rootOf(FD);
  return R && R->Kind == RootKind::StaticDestructor &&
         !DestroyedUnguarded.contains(functionId(FD));
}

const ThreadStart *UnitModel::startOf(const ValueDecl *Storage, bool Handle) {
  if (!Storage)
    return nullptr;
  return (Handle ? HandleStartOf : StartOf).lookup(usr(Storage));
}

void UnitModel::computeFindings() {
  if (FindingsComputed)
    return;
  FindingsComputed = true;
  Findings = findHazards(Facts, AnalysisMode::TranslationUnit);
  for (const Finding &F : Findings)
    if (F.Rule == RuleKind::SingletonThreadWithoutUninit)
      for (const TeardownThread &T : F.Threads)
        SingletonOf.try_emplace(T.Field, &F);

  // The rules drop a guarded teardown join whose thread ordinary code stops.
  // Unguard every site and call: every reachable join is found; guard every
  // site: those the rules drop are the explicitly stopped ones.
  TUFacts Unguarded = Facts, Guarded = Facts;
  for (BlockingSite &S : Unguarded.Sites)
    S.Guarded = false;
  for (CallEdge &E : Unguarded.Calls)
    E.Guarded = false;
  for (BlockingSite &S : Guarded.Sites)
    S.Guarded = true;
  auto Key = [](const Finding &F) {
    return std::make_tuple(F.Loc, F.Site.Callee, F.Rule);
  };
  std::set<decltype(Key(Findings.front()))> Kept;
  for (const Finding &F : findHazards(Guarded, AnalysisMode::TranslationUnit))
    Kept.insert(Key(F));
  for (const Finding &F : findHazards(Unguarded, AnalysisMode::TranslationUnit))
    if (F.Rule != RuleKind::SingletonThreadWithoutUninit && !Kept.count(Key(F)))
      for (const std::string &T : F.Site.Targets)
        StoppedTargets.insert(T);
}

bool UnitModel::stoppedByOrdinaryCode(const ValueDecl *Storage) {
  if (!Storage)
    return false;
  computeFindings();
  return StoppedTargets.contains(usr(Storage));
}

const Finding *UnitModel::singletonOf(const ValueDecl *Storage) {
  if (!Storage)
    return nullptr;
  computeFindings();
  return SingletonOf.lookup(usr(Storage));
}

bool UnitModel::isSignaled(const ValueDecl *Storage) {
  return Storage && Signaled.contains(usr(Storage));
}

const BlockingSite *UnitModel::siteAt(const Expr *Call, StringRef Callee) {
  if (!Call)
    return nullptr;
  SourceLocation At =
      Ctx.getSourceManager().getExpansionLoc(Call->getBeginLoc());
  for (const BlockingSite &S : Facts.Sites)
    if (S.Callee == Callee && toLocation(S.Loc) == At)
      return &S;
  return nullptr;
}

SourceLocation UnitModel::toLocation(const SourceLoc &L) const {
  if (!L.valid())
    return {};
  SourceManager &SM = Ctx.getSourceManager();
  auto File = SM.getFileManager().getOptionalFileRef(L.File);
  if (!File)
    return {};
  return SM.translateFileLineCol(*File, L.Line, L.Col);
}

SourceLoc UnitModel::classLoc(StringRef Class) const {
  for (const ClassFact &C : Facts.Classes)
    if (Class == ("D:" + C.Id).str())
      return C.Loc;
  return {};
}

} // namespace shutdown::analyzer
