//===- ShutdownModeling.cpp - shutdown.TeardownModeling ------------------===//
//
// The hidden checker that follows the paths of the teardown roots and turns
// each blocking call they reach into a BlockingEvent for the checkers.
//
// State, kept only on paths whose top-level function is a teardown root:
//
//   InTeardownRoot   set on entering the root; every callback below returns
//                    at once without it, so other functions cost a test.
//   EntryReason,     a DLL entry point's fdwReason and lpvReserved symbols;
//   EntryReserved    kept alive, so their constraints say at each blocking
//                    call which reasons and which kind of detach the path
//                    allows (helpers that get the reason, or a BOOL made
//                    from lpvReserved, are inlined and constrain them too).
//   HandleOrigins    handle symbol -> the call that made it on this path and
//                    whether CloseHandle closed it:
//
//                      CreateThread, _beginthreadex, OpenThread, native_handle
//                        ──> made by a thread creator ──CloseHandle──> closed
//                      any other call (CreateEvent, CreateProcess...)
//                        ──> not a thread handle (no entry: conjured)
//                      a cast of one (reinterpret_cast<HANDLE>(_beginthreadex))
//                        ──> the same origin
//                      read from a variable or member the path did not write
//                        ──> a thread handle if the unit's facts store one
//                        there
//
//   EndedThreads     thread objects joined or detached on this path: a later
//                    joinable() is false, a later join() does not block.
//   StateTests       branches on object state (a member, a global, joinable())
//                    passed on this path, with their frame: a blocking call
//                    that such a branch controls is guarded.
//
// A wait on a handle that is NULL or closed on the path, or that no thread
// creator made, is no event. A guarded blocking call whose thread ordinary
// code stops (an explicit stop, from the facts) is the safety net: no event.
//
//===----------------------------------------------------------------------===//

#include "ShutdownModeling.h"
#include "checkers/model/rules/LoaderLock.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerRegistryData.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include <unordered_map>

using namespace clang;
using namespace clang::ento;
using namespace llvm;

namespace {

/// Where a handle value of the path comes from.
struct HandleOrigin {
  const Expr *Made = nullptr; ///< The call that made it; null if unknown.
  SymbolRef Sym = nullptr;    ///< The value it made, before any cast.
  bool Closed = false;        ///< CloseHandle was called on it.

  bool operator==(const HandleOrigin &O) const {
    return Made == O.Made && Sym == O.Sym && Closed == O.Closed;
  }
  void Profile(FoldingSetNodeID &ID) const {
    ID.AddPointer(Made);
    ID.AddPointer(Sym);
    ID.AddBoolean(Closed);
  }
};

/// A branch on object state that the path passed, in the frame it is in.
struct StateTest {
  const Stmt *Cond = nullptr;
  const StackFrameContext *Frame = nullptr;

  bool operator==(const StateTest &O) const {
    return Cond == O.Cond && Frame == O.Frame;
  }
  bool operator<(const StateTest &O) const {
    return std::tie(Cond, Frame) < std::tie(O.Cond, O.Frame);
  }
  void Profile(FoldingSetNodeID &ID) const {
    ID.AddPointer(Cond);
    ID.AddPointer(Frame);
  }
};

} // namespace

REGISTER_TRAIT_WITH_PROGRAMSTATE(InTeardownRoot, bool)
REGISTER_TRAIT_WITH_PROGRAMSTATE(EntryReason, SymbolRef)
REGISTER_TRAIT_WITH_PROGRAMSTATE(EntryReserved, SymbolRef)
REGISTER_MAP_WITH_PROGRAMSTATE(HandleOrigins, SymbolRef, HandleOrigin)
REGISTER_SET_WITH_PROGRAMSTATE(EndedThreads, const MemRegion *)
REGISTER_SET_WITH_PROGRAMSTATE(StateTests, StateTest)

namespace shutdown::analyzer {

int BlockingEvent::Tag;

namespace {

/// A blocking call, before its root and its thread are judged.
struct Site {
  Primitive Prim = Primitive::Join;
  std::string Callee;
  const Expr *TargetExpr = nullptr;
  std::string Target;
  const MemRegion *Object = nullptr; ///< Join, JoiningDtor: the thread.
  SVal Handle;                       ///< JoinFunction, Win32Wait.
  bool Array = false;                ///< Handle points to handles.
  std::optional<unsigned> Count;     ///< How many, when the call says.
};

/// What the waited handle is on this path.
struct Judgement {
  enum Kind { Thread, Other, Null, Closed } K = Other;
  SymbolRef Made = nullptr; ///< A thread creator made it on this path.
  const ThreadStart *Start = nullptr;
  const ValueDecl *Storage = nullptr;
  bool Tested = false; ///< The path tested it against null.
};
} // namespace

static std::string sourceText(const Expr *E, const ASTContext &Ctx) {
  if (!E)
    return "";
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = CharSourceRange::getTokenRange(E->getSourceRange());
  StringRef T =
      Lexer::getSourceText(SM.getExpansionRange(R), SM, Ctx.getLangOpts());
  return T.size() > 60 ? (T.take_front(57) + "...").str() : T.str();
}

static bool inSystemHeader(const Decl *D) {
  const SourceManager &SM = D->getASTContext().getSourceManager();
  return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
}

static const ValueDecl *storageOfExpr(const Expr *E, unsigned Depth = 0);

/// What a library call hands out of the object it is called on, as the
/// extractor follows it: "m_threads.data()", "m_threads[0]", an iterator
/// from "m_threads.begin()" come from m_threads. The analyzer does not
/// enter the standard containers, so their accessors give values that only
/// the call relates to their object.
static const ValueDecl *storageOfCall(const Stmt *S, unsigned Depth) {
  static constexpr llvm::StringLiteral Forwarders[] = {
      "get",       "at",         "front", "back", "value",     "data",
      "operator*", "operator->", "begin", "end",  "operator[]"};
  const auto *CE = dyn_cast_or_null<CallExpr>(S);
  const auto *M =
      CE ? dyn_cast_or_null<CXXMethodDecl>(CE->getDirectCallee()) : nullptr;
  if (!M || !inSystemHeader(M) ||
      !is_contained(Forwarders, M->getNameAsString()))
    return nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
    return storageOfExpr(MC->getImplicitObjectArgument(), Depth + 1);
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
      OC && OC->getNumArgs() > 0)
    return storageOfExpr(OC->getArg(0), Depth + 1);
  return nullptr;
}

/// A local that only names another object (a reference, the hidden
/// variables of a range-based for): the object it was initialized from.
static const ValueDecl *throughLocal(const VarDecl *V, unsigned Depth) {
  if (V->hasLocalStorage() && !isa<ParmVarDecl>(V) && V->getInit() &&
      (V->isImplicit() || V->getType()->isReferenceType()))
    if (const ValueDecl *D = storageOfExpr(V->getInit(), Depth + 1))
      return D;
  return V;
}

/// The variable or member an expression reads: "m_threads", "g_pool".
static const ValueDecl *storageOfExpr(const Expr *E, unsigned Depth) {
  if (!E || Depth > 8)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
    return storageOfExpr(M->getSubExpr(), Depth + 1);
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf))
    return storageOfExpr(U->getSubExpr(), Depth + 1);
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
        F && !inSystemHeader(F))
      return F;
    return storageOfExpr(ME->getBase(), Depth + 1);
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      return throughLocal(V, Depth);
  if (isa<CallExpr>(E))
    return storageOfCall(E, Depth);
  return nullptr;
}

/// The variable or member of the program a region belongs to: an array's
/// for an element; for a library's own field (a vector's buffer, the
/// elements of std::array, an iterator's pointer), the member that holds
/// the library object; through a pointer the path read from a member, or a
/// library accessor handed out, that member.
static const ValueDecl *storageOf(const MemRegion *R) {
  for (unsigned Depth = 0; R && Depth < 16; ++Depth) {
    R = R->StripCasts();
    if (const auto *ER = dyn_cast<ElementRegion>(R)) {
      R = ER->getSuperRegion();
    } else if (const auto *BR = dyn_cast<CXXBaseObjectRegion>(R)) {
      R = BR->getSuperRegion();
    } else if (const auto *FR = dyn_cast<FieldRegion>(R)) {
      if (!inSystemHeader(FR->getDecl()))
        return FR->getDecl();
      R = FR->getSuperRegion();
    } else if (const auto *VR = dyn_cast<VarRegion>(R)) {
      return throughLocal(VR->getDecl(), 0);
    } else if (const auto *TR = dyn_cast<CXXTempObjectRegion>(R)) {
      return storageOfExpr(TR->getExpr());
    } else if (const auto *SR = dyn_cast<SymbolicRegion>(R)) {
      SymbolRef Pointer = SR->getSymbol();
      if (const auto *RV = dyn_cast<SymbolRegionValue>(Pointer))
        R = RV->getRegion();
      else if (const auto *D = dyn_cast<SymbolDerived>(Pointer))
        R = D->getRegion();
      else if (const auto *C = dyn_cast<SymbolConjured>(Pointer))
        return storageOfCall(C->getStmt(), 0);
      else
        return nullptr;
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

/// Where a value that the path did not make was read from: a variable or
/// member as it was when the path reached it, or what a library accessor
/// handed out of one.
static const ValueDecl *storageOfSymbol(SymbolRef S) {
  if (const auto *RV = dyn_cast_or_null<SymbolRegionValue>(S))
    return storageOf(RV->getRegion());
  if (const auto *D = dyn_cast_or_null<SymbolDerived>(S))
    return storageOf(D->getRegion());
  if (const auto *C = dyn_cast_or_null<SymbolConjured>(S))
    return storageOfCall(C->getStmt(), 0); // m_threads.front()
  return nullptr;
}

/// How a thread object is named in "destroying ... joins its thread".
static std::string describeObject(const MemRegion *R) {
  const ValueDecl *D = storageOf(R);
  if (!D)
    return "a thread object";
  if (isa<FieldDecl>(D))
    return "member '" + D->getNameAsString() + "'";
  if (const auto *V = dyn_cast<VarDecl>(D); V && V->hasLocalStorage())
    return "local '" + D->getNameAsString() + "'";
  return quoted(D->getName());
}

/// The function a thread routine argument names: "Proc", "&Worker::run".
static const FunctionDecl *routineOf(const Expr *E) {
  for (E = E ? E->IgnoreParenCasts() : nullptr;
       isa_and_nonnull<UnaryOperator>(E) &&
       cast<UnaryOperator>(E)->getOpcode() == UO_AddrOf;
       E = cast<UnaryOperator>(E)->getSubExpr()->IgnoreParenCasts())
    ;
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
  return DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
}

static SymbolRef handleSymbol(SVal V) {
  SymbolRef S = V.getAsSymbol(/*IncludeBaseRegions=*/true);
  while (const auto *C = dyn_cast_or_null<SymbolCast>(S))
    S = C->getOperand();
  return S;
}

static const FunctionDecl *topLevelFunction(const LocationContext *LC) {
  while (LC->getParent())
    LC = LC->getParent();
  return dyn_cast_or_null<FunctionDecl>(LC->getDecl());
}

static bool isOurs(const PathSensitiveBugReport &BR) {
  return BR.getBugType().getCheckerName().starts_with("shutdown.");
}

namespace {

class TeardownModeling
    : public Checker<check::BeginFunction, check::PreCall, check::PostCall,
                     check::PostStmt<ExplicitCastExpr>, check::BranchCondition,
                     check::LiveSymbols, check::DeadSymbols,
                     EventDispatcher<BlockingEvent>> {
public:
  /// Only the shutdown checkers are enabled: the paths of functions that are
  /// no teardown root are cut at their start.
  bool RootsOnly = false;

  unsigned addConfig(ModelOptions Options) {
    std::string Key = Options.fingerprint();
    for (unsigned I = 0; I < Configs.size(); ++I)
      if (Configs[I].Fingerprint == Key)
        return I;
    Configs.push_back({std::move(Options), std::move(Key), nullptr});
    return Configs.size() - 1;
  }

  void checkBeginFunction(CheckerContext &C) const;
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostStmt(const ExplicitCastExpr *Cast, CheckerContext &C) const;
  void checkBranchCondition(const Stmt *Cond, CheckerContext &C) const;
  void checkLiveSymbols(ProgramStateRef State, SymbolReaper &SR) const;
  void checkDeadSymbols(SymbolReaper &SR, CheckerContext &C) const;

private:
  StringRef nameOf(const NamedDecl *D) const {
    auto [It, New] = Names.try_emplace(D);
    if (New)
      It->second = qualifiedName(D);
    return It->second;
  }
  bool isThreadClass(const CXXRecordDecl *RD, const ModelOptions &O) const {
    StringRef N = nameOf(RD);
    return matchesAnyName(N, O.ThreadTypes) ||
           matchesAnyName(N, O.JoiningThreadTypes);
  }
  /// Whether the path reached the call through the destruction of an
  /// owning pointer (std::unique_ptr, std::shared_ptr...), which destroys
  /// its object only if it still holds one: ordinary code may have reset it.
  bool throughOwningPointer(const LocationContext *LC,
                            const ModelOptions &O) const {
    for (; LC; LC = LC->getParent())
      if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(LC->getDecl()))
        if (matchesAnyName(nameOf(MD->getParent()), O.OwningTemplates) &&
            hasArrow(MD->getParent()))
          return true;
    return false;
  }
  static bool hasArrow(const CXXRecordDecl *RD, unsigned Depth = 0) {
    if (!RD || !RD->hasDefinition() || Depth > 4)
      return false;
    if (!RD->lookup(RD->getASTContext().DeclarationNames.getCXXOperatorName(
                        OO_Arrow))
             .empty())
      return true;
    return any_of(RD->bases(), [&](const CXXBaseSpecifier &B) {
      return hasArrow(B.getType()->getAsCXXRecordDecl(), Depth + 1);
    });
  }
  bool isThreadClassInAny(const CXXRecordDecl *RD) const {
    return any_of(Configs, [&](const ModelConfig &Cfg) {
      return isThreadClass(RD, Cfg.Options);
    });
  }
  std::optional<Site> blockingSite(const CallEvent &Call, const ModelOptions &O,
                                   CheckerContext &C) const;
  Judgement judge(SVal V, ProgramStateRef State, const ModelOptions &O,
                  UnitModel &Unit) const;
  Judgement judgeWait(const Site &S, CheckerContext &C, const ModelOptions &O,
                      UnitModel &Unit) const;
  bool makesThreadHandle(const Expr *Made, const ModelOptions &O) const;
  bool guardedOnPath(CheckerContext &C, const Stmt *SiteStmt) const;
  void entryContext(BlockingEvent &E, CheckerContext &C) const;
  bool otherSite(const CallEvent &Call, CheckerContext &C, BlockingEvent E,
                 const ModelOptions &O) const;
  bool isSignalWait(const CallEvent &Call, const FunctionDecl *FD,
                    const ModelOptions &O, BlockingEvent &E,
                    CheckerContext &C) const;
  bool recordStart(const CallEvent &Call, StringRef Name,
                   CheckerContext &C) const;

  mutable std::vector<ModelConfig> Configs;
  /// Node-based: a name stays where it is while others are added.
  mutable std::unordered_map<const NamedDecl *, std::string> Names;
};
} // namespace

void TeardownModeling::checkBeginFunction(CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  const auto *FD =
      dyn_cast_or_null<FunctionDecl>(C.getLocationContext()->getDecl());
  if (!FD)
    return;
  const RootFact *Root = nullptr;
  for (ModelConfig &Cfg : Configs)
    if ((Root = Cfg.unit(C.getASTContext()).rootOf(FD)))
      break;
  if (!Root) {
    // No finding of these checkers starts here: when no other checker
    // follows the path either, it is not explored.
    if (RootsOnly)
      C.generateSink(C.getState(), C.getPredecessor());
    return;
  }
  ProgramStateRef State = C.getState()->set<InTeardownRoot>(true);
  if (Root->Kind == RootKind::DllEntry && FD->getNumParams() >= 3) {
    auto Param = [&](unsigned I) {
      return State
          ->getSVal(
              State->getLValue(FD->getParamDecl(I), C.getLocationContext()))
          .getAsSymbol(/*IncludeBaseRegions=*/true);
    };
    if (SymbolRef Reason = Param(1))
      State = State->set<EntryReason>(Reason);
    if (SymbolRef Reserved = Param(2))
      State = State->set<EntryReserved>(Reserved);
  }
  std::string Note = entryNote(*Root);
  if (Note.empty()) {
    C.addTransition(State);
    return;
  }
  C.addTransition(State, C.getNoteTag([Note](PathSensitiveBugReport &BR) {
    return isOurs(BR) ? Note : std::string();
  }));
}

std::optional<Site> TeardownModeling::blockingSite(const CallEvent &Call,
                                                   const ModelOptions &O,
                                                   CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD)
    return std::nullopt;
  Site S;
  if (const auto *Dtor = dyn_cast<CXXDestructorCall>(&Call)) {
    const CXXRecordDecl *RD = cast<CXXDestructorDecl>(FD)->getParent();
    if (!matchesAnyName(nameOf(RD), O.JoiningThreadTypes))
      return std::nullopt;
    S.Prim = Primitive::JoiningDtor;
    S.Callee = destructorName(nameOf(RD));
    S.Object = Dtor->getCXXThisVal().getAsRegion();
    S.Target = describeObject(S.Object);
    return S;
  }
  const auto *IC = dyn_cast<CXXInstanceCall>(&Call);
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); IC && MD) {
    if (MD->getIdentifier() && MD->getName() == "join" &&
        isThreadClass(MD->getParent(), O)) {
      S.Prim = Primitive::Join;
      S.Callee = (nameOf(MD->getParent()) + "::join").str();
      S.Object = IC->getCXXThisVal().getAsRegion();
      if (const auto *MC =
              dyn_cast_or_null<CXXMemberCallExpr>(Call.getOriginExpr()))
        S.TargetExpr = MC->getImplicitObjectArgument();
      S.Target = S.TargetExpr ? sourceText(S.TargetExpr, C.getASTContext())
                              : describeObject(S.Object);
      return S;
    }
  }
  StringRef Name = nameOf(FD);
  if (matchesAnyName(Name, O.JoinFunctions) && Call.getNumArgs() > 0) {
    S.Prim = Primitive::JoinFunction;
    S.Callee = Name.str();
    S.Handle = Call.getArgSVal(0);
    S.TargetExpr = Call.getArgExpr(0);
    S.Target = sourceText(S.TargetExpr, C.getASTContext());
    return S;
  }
  for (const WaitFunction &W : O.WaitFunctions) {
    if (!matchesName(Name, W.Name) || Call.getNumArgs() <= W.HandleArg)
      continue;
    if (W.TimeoutArg >= 0 && unsigned(W.TimeoutArg) < Call.getNumArgs())
      if (const APSInt *T = Call.getArgSVal(W.TimeoutArg).getAsInteger();
          T && T->isZero())
        return std::nullopt; // A poll: it does not block.
    S.Prim = Primitive::Win32Wait;
    S.Callee = Name.str();
    S.Handle = Call.getArgSVal(W.HandleArg);
    S.TargetExpr = Call.getArgExpr(W.HandleArg);
    S.Target = sourceText(S.TargetExpr, C.getASTContext());
    // An array of handles: the parameter points to handles (const HANDLE *),
    // and the count comes just before it, as in WaitForMultipleObjects.
    if (W.HandleArg < FD->getNumParams()) {
      QualType P = FD->getParamDecl(W.HandleArg)->getType();
      S.Array = P->isPointerType() && (P->getPointeeType()->isPointerType() ||
                                       P->getPointeeType()->isIntegerType());
    }
    if (S.Array && W.HandleArg > 0)
      if (const APSInt *N = Call.getArgSVal(W.HandleArg - 1).getAsInteger())
        S.Count = unsigned(std::min<uint64_t>(N->getLimitedValue(), 64));
    return S;
  }
  return std::nullopt;
}

bool TeardownModeling::makesThreadHandle(const Expr *Made,
                                         const ModelOptions &O) const {
  const auto *CE = dyn_cast_or_null<CallExpr>(Made);
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD)
    return false;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    if (MD->getIdentifier() && MD->getName() == "native_handle")
      return isThreadClass(MD->getParent(), O);
  StringRef Name = nameOf(FD);
  return any_of(O.ThreadCreators, [&](const ThreadCreator &TC) {
    return TC.Win32Handle && matchesName(Name, TC.Name);
  });
}

Judgement TeardownModeling::judge(SVal V, ProgramStateRef State,
                                  const ModelOptions &O,
                                  UnitModel &Unit) const {
  Judgement J;
  ConditionTruthVal Null = State->isNull(V);
  if (Null.isConstrainedTrue()) {
    J.K = Judgement::Null;
    return J;
  }
  J.Tested = Null.isConstrainedFalse();
  SymbolRef S = handleSymbol(V);
  if (!S)
    return J;
  if (const HandleOrigin *Origin = State->get<HandleOrigins>(S)) {
    if (Origin->Closed)
      J.K = Judgement::Closed;
    else if (makesThreadHandle(Origin->Made, O)) {
      J.K = Judgement::Thread;
      J.Made = Origin->Sym;
    }
    return J;
  }
  // Not made on this path: the value a variable or member held when the
  // path reached it. The facts say whether a thread handle is stored there.
  J.Storage = storageOfSymbol(S);
  if ((J.Start = Unit.startOf(J.Storage, /*Handle=*/true)))
    J.K = Judgement::Thread;
  return J;
}

Judgement TeardownModeling::judgeWait(const Site &S, CheckerContext &C,
                                      const ModelOptions &O,
                                      UnitModel &Unit) const {
  ProgramStateRef State = C.getState();
  if (!S.Array)
    return judge(S.Handle, State, O, Unit);
  // WaitForMultipleObjects: a thread handle anywhere in the array.
  Judgement Result;
  const MemRegion *R = S.Handle.getAsRegion();
  if (!R) {
    Result.K = State->isNull(S.Handle).isConstrainedTrue() ? Judgement::Null
                                                           : Judgement::Other;
    return Result;
  }
  R = R->StripCasts();
  const auto *Base = dyn_cast<SubRegion>(R);
  if (const auto *ER = dyn_cast<ElementRegion>(R))
    Base = dyn_cast<SubRegion>(ER->getSuperRegion());
  if (!Base)
    return Result;
  ASTContext &Ctx = C.getASTContext();
  QualType Elem = Ctx.VoidPtrTy;
  if (const auto *TR = dyn_cast<TypedValueRegion>(Base))
    if (const auto *AT = Ctx.getAsConstantArrayType(TR->getValueType()))
      Elem = AT->getElementType();
  unsigned N = S.Count.value_or(1);
  if (!S.Count)
    if (const auto *TR = dyn_cast<TypedValueRegion>(Base))
      if (const auto *AT = Ctx.getAsConstantArrayType(TR->getValueType()))
        N = unsigned(std::min<uint64_t>(AT->getZExtSize(), 64));
  MemRegionManager &MRM = C.getStoreManager().getRegionManager();
  for (unsigned I = 0; I < N; ++I) {
    const ElementRegion *E = MRM.getElementRegion(
        Elem, C.getSValBuilder().makeArrayIndex(I), Base, Ctx);
    Judgement J = judge(State->getSVal(E, Elem), State, O, Unit);
    if (J.K == Judgement::Thread) {
      if (!J.Storage)
        J.Storage = storageOf(Base);
      return J;
    }
  }
  return Result;
}

bool TeardownModeling::guardedOnPath(CheckerContext &C,
                                     const Stmt *SiteStmt) const {
  if (!SiteStmt)
    return false;
  const SourceManager &SM = C.getSourceManager();
  for (const StateTest &T : C.getState()->get<StateTests>()) {
    // The statement of T's frame that leads to the site: the site itself,
    // or the call into the frames below.
    const Stmt *S = SiteStmt;
    const StackFrameContext *F = C.getStackFrame();
    while (F && F != T.Frame) {
      S = F->getCallSite();
      F = F->getParent() ? F->getParent()->getStackFrame() : nullptr;
    }
    if (F && S && controls(T.Cond, S, F->getParentMap(), SM))
      return true;
  }
  return false;
}

void TeardownModeling::entryContext(BlockingEvent &E, CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  SValBuilder &SVB = C.getSValBuilder();
  if (SymbolRef Reason = State->get<EntryReason>()) {
    std::optional<int> Only;
    bool Several = false;
    for (int R = 0; R <= 3 && !Several; ++R) {
      SVal Eq = SVB.evalBinOp(State, BO_EQ, nonloc::SymbolVal(Reason),
                              SVB.makeIntVal(R, Reason->getType()),
                              SVB.getConditionType());
      auto D = Eq.getAs<DefinedOrUnknownSVal>();
      if (!D || !State->assume(*D, true))
        continue;
      Several = Only.has_value();
      Only = R;
    }
    if (Only && !Several)
      E.Reason = static_cast<DllReason>(*Only);
  }
  // lpvReserved tells FreeLibrary from process exit only on detach.
  if (E.Reason != DllReason::Any && E.Reason != DllReason::ProcessDetach)
    return;
  if (SymbolRef Reserved = State->get<EntryReserved>()) {
    ConditionTruthVal Null =
        State->getStateManager().getConstraintManager().isNull(State, Reserved);
    if (Null.isConstrainedTrue())
      E.Path = DllPath::FreeLibrary;
    else if (Null.isConstrainedFalse())
      E.Path = DllPath::ProcessExit;
  }
}

void TeardownModeling::checkPreCall(const CallEvent &Call,
                                    CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (!State->get<InTeardownRoot>())
    return;
  // A library's own join inside its join is not a second site.
  SourceLocation Loc = Call.getSourceRange().getBegin();
  if (Loc.isValid() && C.getSourceManager().isInSystemHeader(
                           C.getSourceManager().getExpansionLoc(Loc)))
    return;
  const FunctionDecl *Top = topLevelFunction(C.getLocationContext());
  ExplodedNode *Node = nullptr;
  for (unsigned I = 0; I < Configs.size(); ++I) {
    ModelConfig &Cfg = Configs[I];
    UnitModel &Unit = Cfg.unit(C.getASTContext());
    const RootFact *Root = Unit.rootOf(Top);
    if (!Root)
      continue;
    BlockingEvent Other;
    Other.Config = I;
    Other.C = &C;
    Other.Node = &Node;
    Other.Call = &Call;
    Other.Root = Root;
    Other.RootFunction = Top;
    Other.Unit = &Unit;
    if (otherSite(Call, C, std::move(Other), Cfg.Options) ||
        rules::runsAtStartup(Root->Kind))
      continue; // Startup is no teardown: no join rule's.
    std::optional<Site> S = blockingSite(Call, Cfg.Options, C);
    if (!S)
      continue;
    BlockingEvent E;
    E.Config = I;
    E.C = &C;
    E.Node = &Node;
    E.Call = &Call;
    E.Prim = S->Prim;
    E.Callee = S->Callee;
    E.Target = S->Target;
    E.Root = Root;
    E.RootFunction = Top;
    E.Unit = &Unit;
    E.Site = Unit.siteAt(Call.getOriginExpr(), S->Callee);
    bool Guarded = S->Prim == Primitive::JoiningDtor; // Joins if joinable.
    const ValueDecl *Storage = nullptr;
    if (S->Prim == Primitive::Win32Wait) {
      Judgement J = judgeWait(*S, C, Cfg.Options, Unit);
      if (J.K != Judgement::Thread)
        continue; // An event, a process, NULL, or closed on this path.
      E.Handle = J.Made;
      E.Start = J.Start;
      Storage = J.Storage;
      Guarded |= J.Tested;
    } else {
      if (S->Object && State->contains<EndedThreads>(S->Object))
        continue; // Joined or detached on this path: it does not block.
      Storage = S->Object ? storageOf(S->Object)
                          : storageOfSymbol(handleSymbol(S->Handle));
      E.Start = Unit.startOf(Storage, /*Handle=*/false);
    }
    // Guarded: the path took a test of object state that decides the call
    // (here or in a caller), or found the handle non-null, or destroys the
    // object through an owning pointer that ordinary code may have emptied.
    Guarded = Guarded || Unit.entersGuarded(Top) ||
              throughOwningPointer(C.getLocationContext(), Cfg.Options) ||
              guardedOnPath(C, Call.getOriginExpr());
    if (Root->Kind == RootKind::DllEntry) {
      E.Rule = RuleKind::JoinInDllMain;
      entryContext(E, C);
    } else {
      E.Rule = S->Prim == Primitive::Win32Wait
                   ? RuleKind::WaitThreadHandleInTeardown
                   : RuleKind::JoinInTeardown;
    }
    if (!(Guarded && Unit.stoppedByOrdinaryCode(Storage)))
      dispatchEvent(E);
    if (const Finding *F = Unit.singletonOf(Storage)) {
      E.Rule = RuleKind::SingletonThreadWithoutUninit;
      E.Singleton = F;
      dispatchEvent(E);
    }
  }
}

/// Whether Name is one of the functions of List, or its A or W form.
static bool isApi(StringRef Name, ArrayRef<std::string> List) {
  return any_of(List, [&](const std::string &F) {
    return matchesName(Name, F) || matchesName(Name, F + "A") ||
           matchesName(Name, F + "W");
  });
}

/// A constant timeout that is INFINITE, or no timeout argument.
static bool isUntimed(const CallEvent &Call, int TimeoutArg) {
  if (TimeoutArg < 0 || unsigned(TimeoutArg) >= Call.getNumArgs())
    return true;
  const APSInt *T = Call.getArgSVal(TimeoutArg).getAsInteger();
  return T && (T->isAllOnes() ||
               (T->getBitWidth() >= 32 && T->getZExtValue() == 0xFFFFFFFFu));
}

/// The rules over other sites than joins: a call forbidden under the loader
/// lock, an untimed wait for a signal at a DLL's process exit. Dispatches
/// E (its root and context filled) when Call is one; true if it was.
bool TeardownModeling::otherSite(const CallEvent &Call, CheckerContext &C,
                                 BlockingEvent E, const ModelOptions &O) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD)
    return false;
  const RootFact &Root = *E.Root;
  if (!isa<CXXMethodDecl>(FD) && isApi(nameOf(FD), O.LoaderLockFunctions)) {
    if (!rules::runsUnderLoaderLock(Root))
      return true;
    E.Rule = RuleKind::LoaderLockCallInDllMain;
    E.Prim = Primitive::LoaderLockCall;
    E.Callee = nameOf(FD).str();
    if (Root.Kind == RootKind::DllEntry)
      entryContext(E, C);
    dispatchEvent(E);
    return true;
  }
  if (!rules::runsAtDllProcessExit(Root) || !isSignalWait(Call, FD, O, E, C))
    return false;
  if (Root.Kind == RootKind::DllEntry) {
    entryContext(E, C);
    if ((E.Reason != DllReason::Any && E.Reason != DllReason::ProcessDetach) ||
        E.Path == DllPath::FreeLibrary)
      return true; // Other threads still run there.
  }
  E.Rule = RuleKind::WaitForSignalAtProcessExit;
  dispatchEvent(E);
  return true;
}

/// An untimed wait for a signal: a SignalWaitFunctions call, or a Win32
/// wait on a handle that a signal creator made (on this path, or stored
/// where the unit's facts say one is).
bool TeardownModeling::isSignalWait(const CallEvent &Call,
                                    const FunctionDecl *FD,
                                    const ModelOptions &O, BlockingEvent &E,
                                    CheckerContext &C) const {
  StringRef Name = nameOf(FD);
  for (const WaitFunction &W : O.SignalWaitFunctions) {
    std::string Callee = Name.str();
    const Expr *Target = nullptr;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
      const auto *MC =
          dyn_cast_or_null<CXXMemberCallExpr>(Call.getOriginExpr());
      const Expr *Obj = MC ? MC->getImplicitObjectArgument() : nullptr;
      const CXXRecordDecl *RD =
          Obj ? Obj->getType()->getPointeeCXXRecordDecl() : nullptr;
      if (Obj && !RD)
        RD = Obj->getType()->getAsCXXRecordDecl();
      if (!RD || !MD->getIdentifier())
        continue;
      std::string OfObject = (nameOf(RD) + "::" + MD->getName()).str();
      if (!matchesName(OfObject, W.Name) && !matchesName(Name, W.Name))
        continue;
      Callee = OfObject;
      Target = Obj;
    } else if (matchesName(Name, W.Name) && W.HandleArg < Call.getNumArgs()) {
      Target = Call.getArgExpr(W.HandleArg);
    } else {
      continue;
    }
    if (!isUntimed(Call, W.TimeoutArg))
      return false;
    E.Prim = Primitive::SignalWait;
    E.Callee = Callee;
    E.Target = sourceText(Target, C.getASTContext());
    return true;
  }
  for (const WaitFunction &W : O.WaitFunctions) {
    if (!matchesName(Name, W.Name) || Call.getNumArgs() <= W.HandleArg)
      continue;
    if (!isUntimed(Call, W.TimeoutArg))
      return false;
    SVal Handle = Call.getArgSVal(W.HandleArg);
    ProgramStateRef State = C.getState();
    bool Signal = false;
    if (SymbolRef S = handleSymbol(Handle)) {
      if (const HandleOrigin *Origin = State->get<HandleOrigins>(S)) {
        const auto *CE = dyn_cast_or_null<CallExpr>(Origin->Made);
        const FunctionDecl *Maker = CE ? CE->getDirectCallee() : nullptr;
        Signal = !Origin->Closed && Maker &&
                 isApi(nameOf(Maker), O.SignalCreateFunctions);
      } else {
        Signal = E.Unit->isSignaled(storageOfSymbol(S));
      }
    } else if (const MemRegion *R = Handle.getAsRegion()) {
      Signal = E.Unit->isSignaled(storageOf(R)); // An array of handles.
    }
    if (!Signal)
      return false;
    E.Prim = Primitive::Win32Wait;
    E.Callee = Name.str();
    E.Target = sourceText(Call.getArgExpr(W.HandleArg), C.getASTContext());
    return true;
  }
  return false;
}

/// Records a handle that a thread creator made; true if Call was one.
bool TeardownModeling::recordStart(const CallEvent &Call, StringRef Name,
                                   CheckerContext &C) const {
  for (const ModelConfig &Cfg : Configs)
    for (const ThreadCreator &TC : Cfg.Options.ThreadCreators) {
      if (!TC.Win32Handle || !matchesName(Name, TC.Name))
        continue;
      ProgramStateRef State = C.getState();
      SVal V = Call.getReturnValue();
      if (TC.HandleArg >= 0) {
        if (unsigned(TC.HandleArg) >= Call.getNumArgs())
          return true;
        const MemRegion *R = Call.getArgSVal(TC.HandleArg).getAsRegion();
        if (!R)
          return true;
        V = State->getSVal(R);
      }
      SymbolRef Sym = handleSymbol(V);
      if (!Sym)
        return true;
      std::string Routine;
      if (TC.RoutineArg >= 0 && unsigned(TC.RoutineArg) < Call.getNumArgs())
        if (const FunctionDecl *F = routineOf(Call.getArgExpr(TC.RoutineArg)))
          Routine = nameOf(F).str();
      std::string Note = startNote("the waited thread",
                                   ThreadStartInfo{{}, Name.str(), Routine});
      State =
          State->set<HandleOrigins>(Sym, {Call.getOriginExpr(), Sym, false});
      C.addTransition(
          State, C.getNoteTag([Note, Sym](PathSensitiveBugReport &BR) {
            return isOurs(BR) && BR.isInteresting(Sym) ? Note : std::string();
          }));
      return true;
    }
  return false;
}

void TeardownModeling::checkPostCall(const CallEvent &Call,
                                     CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (!State->get<InTeardownRoot>())
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD)
    return;
  // Thread objects: join() and detach() end them; assigning or constructing
  // one starts it afresh; native_handle() gives a thread handle.
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (MD && isThreadClassInAny(MD->getParent())) {
    const MemRegion *R = nullptr;
    if (const auto *IC = dyn_cast<CXXInstanceCall>(&Call))
      R = IC->getCXXThisVal().getAsRegion();
    else if (const auto *Ctor = dyn_cast<CXXConstructorCall>(&Call))
      R = Ctor->getCXXThisVal().getAsRegion();
    if (!R)
      return;
    StringRef N = MD->getIdentifier() ? MD->getName() : "";
    if (N == "join" || N == "detach") {
      C.addTransition(State->add<EndedThreads>(R));
    } else if (N == "joinable") {
      if (!State->contains<EndedThreads>(R))
        return;
      auto Ret = Call.getReturnValue().getAs<DefinedOrUnknownSVal>();
      if (!Ret)
        return;
      if (ProgramStateRef NotJoinable = State->assume(*Ret, false))
        C.addTransition(NotJoinable);
      else
        C.generateSink(State, C.getPredecessor());
    } else if (N == "native_handle") {
      if (SymbolRef Sym = handleSymbol(Call.getReturnValue()))
        C.addTransition(
            State->set<HandleOrigins>(Sym, {Call.getOriginExpr(), Sym, false}));
    } else if (isa<CXXConstructorDecl>(MD) || MD->isCopyAssignmentOperator() ||
               MD->isMoveAssignmentOperator()) {
      if (State->contains<EndedThreads>(R))
        C.addTransition(State->remove<EndedThreads>(R));
    }
    return;
  }
  StringRef Name = nameOf(FD);
  if (Name == "CloseHandle" && Call.getNumArgs() == 1) {
    SymbolRef Sym = handleSymbol(Call.getArgSVal(0));
    if (!Sym)
      return;
    HandleOrigin Closed;
    if (const HandleOrigin *O = State->get<HandleOrigins>(Sym))
      Closed = *O;
    Closed.Closed = true;
    C.addTransition(State->set<HandleOrigins>(Sym, Closed));
    return;
  }
  // An event or a semaphore: a wait on it waits for a signal.
  if (any_of(Configs, [&](const ModelConfig &Cfg) {
        return isApi(Name, Cfg.Options.SignalCreateFunctions);
      })) {
    if (SymbolRef Sym = handleSymbol(Call.getReturnValue()))
      C.addTransition(
          State->set<HandleOrigins>(Sym, {Call.getOriginExpr(), Sym, false}));
    return;
  }
  recordStart(Call, Name, C);
}

void TeardownModeling::checkPostStmt(const ExplicitCastExpr *Cast,
                                     CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (!State->get<InTeardownRoot>())
    return;
  // An integer made into a pointer (or back) is a new value, or none (the
  // engine then conjures one where it is stored): it keeps the origin of
  // the value it was made from.
  SymbolRef From = handleSymbol(C.getSVal(Cast->getSubExpr()));
  const HandleOrigin *Origin = From ? State->get<HandleOrigins>(From) : nullptr;
  if (!Origin)
    return;
  SVal To = C.getSVal(Cast);
  if (To.isUnknown()) {
    To = C.getSValBuilder().conjureSymbolVal(this, C.getCFGElementRef(),
                                             C.getLocationContext(),
                                             Cast->getType(), C.blockCount());
    State = State->BindExpr(Cast, C.getLocationContext(), To);
  }
  SymbolRef ToSym = handleSymbol(To);
  if (ToSym && ToSym != From)
    C.addTransition(State->set<HandleOrigins>(ToSym, *Origin));
}

void TeardownModeling::checkBranchCondition(const Stmt *Cond,
                                            CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  if (!State->get<InTeardownRoot>() || !testsState(Cond))
    return;
  StateTest T{Cond, C.getStackFrame()};
  if (!State->contains<StateTests>(T))
    C.addTransition(State->add<StateTests>(T));
}

void TeardownModeling::checkLiveSymbols(ProgramStateRef State,
                                        SymbolReaper &SR) const {
  // The entry point's parameters decide the reason and the kind of detach
  // of every later blocking call, read or not.
  if (SymbolRef S = State->get<EntryReason>())
    SR.markLive(S);
  if (SymbolRef S = State->get<EntryReserved>())
    SR.markLive(S);
}

void TeardownModeling::checkDeadSymbols(SymbolReaper &SR,
                                        CheckerContext &C) const {
  ProgramStateRef State = C.getState();
  for (const auto &[Sym, Origin] : State->get<HandleOrigins>())
    if (SR.isDead(Sym))
      State = State->remove<HandleOrigins>(Sym);
  for (const MemRegion *R : State->get<EndedThreads>())
    if (!SR.isLiveRegion(R))
      State = State->remove<EndedThreads>(R);
  if (State != C.getState())
    C.addTransition(State);
}

unsigned useOptions(CheckerManager &Mgr) {
  const AnalyzerOptions &AO = Mgr.getAnalyzerOptions();
  StringRef Checker = Mgr.getCurrentCheckerName();
  ModelOptions O = ModelOptions::fromOptions(
      [&](StringRef Key) -> std::optional<std::string> {
        for (StringRef Owner : {Checker, StringRef(PackageName)})
          if (StringRef V = AO.getCheckerStringOption(Owner, Key); !V.empty())
            return V.str();
        return std::nullopt;
      });
  return Mgr.getChecker<TeardownModeling>()->addConfig(std::move(O));
}

void registerTeardownModeling(CheckerManager &Mgr) {
  auto *Modeling = Mgr.registerChecker<TeardownModeling>();
  Modeling->RootsOnly = all_of(Mgr.getCheckerRegistryData().EnabledCheckers,
                               [](const CheckerInfo *C) {
                                 return C->FullName.starts_with("shutdown.");
                               });
}

bool shouldRegisterTeardownModeling(const CheckerManager &) { return true; }

} // namespace shutdown::analyzer
