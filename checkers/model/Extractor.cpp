//===- Extractor.cpp - From one AST to teardown facts ---------------------===//
//
// One RecursiveASTVisitor pass over the user code of the translation unit.
// The visitor keeps the statements above the current one (Position) so that
// each call can be placed in its context without building a parent map. The
// parts it asks, in checkers/model/extract/:
//
//   Extraction.h  the state they share: AST, options, facts, position; names,
//                 ids, locations, thread types;
//   Conditions.h  is a statement guarded by object state ("if (m_hThread)"),
//                 and inside a DLL entry point, under which reason and
//                 lpvReserved test?
//   ValueFlow.h   where does a value come from, where does a new thread or
//                 handle go, how do handles move between places?
//   CallMap.h     which API of ApiTables does a call name?
//
// Calls of APIs go through one table built from the ApiTables (CallMap):
// each entry leads to a handler below, and a call no handler takes is an
// edge of the call graph.
//
//===----------------------------------------------------------------------===//

#include "checkers/model/Extractor.h"
#include "checkers/model/extract/CallMap.h"
#include "checkers/model/extract/Conditions.h"
#include "checkers/model/extract/Extraction.h"
#include "checkers/model/extract/ValueFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include <algorithm>

using namespace clang;
using namespace llvm;

namespace shutdown {
namespace {

using extract::CallMap;
using extract::CallSite;
using extract::Context;
using extract::Position;
using extract::qualifiedName;
using extract::simpleName;
using extract::strip;

// How a destruction is told in CallEdge::Via, besides the member, base or
// variable destroyed (the rules read "delete", "temporary" and "local ...").
constexpr StringRef ViaDelete = "delete";
constexpr StringRef ViaReset = "reset";
constexpr StringRef ViaTemporary = "temporary";

class Visitor : public RecursiveASTVisitor<Visitor> {
  using Base = RecursiveASTVisitor<Visitor>;

public:
  Visitor(ASTContext &Ctx, const ModelOptions &Opts)
      : X(Ctx, Opts), Cond(Ctx, X.Apis.StateQueries), Flow(X) {
    buildCallMap();
  }

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const {
    return false;
  } // See TraverseLambdaExpr.

  TUFacts run() {
    if (auto FE = X.SM.getFileEntryRefForID(X.SM.getMainFileID()))
      X.Facts.MainFile = X.path(*FE);
    TraverseAST(X.Ctx);
    finish();
    X.Facts.normalize();
    return std::move(X.Facts);
  }

  // ---- Traversal: scope tracking -----------------------------------------

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D) && X.isSystem(D->getLocation()))
      return true;
    if (auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (FD->isTemplated())
        return true; // Patterns: their instantiations are visited instead.
      if (FD->doesThisDeclarationHaveABody() && !FD->isInvalidDecl()) {
        Scope S(*this, FD);
        declareFunction(FD);
        return Base::TraverseDecl(D);
      }
    }
    return Base::TraverseDecl(D);
  }

  bool TraverseLambdaExpr(LambdaExpr *L) {
    for (Expr *Init : L->capture_inits())
      if (Init && !TraverseStmt(Init))
        return false;
    CXXMethodDecl *Op = L->getCallOperator();
    if (!Op || Op->isTemplated() || L->getLambdaClass()->isDependentContext())
      return true;
    Scope S(*this, Op);
    declareFunction(Op);
    return TraverseStmt(L->getBody());
  }

  bool TraverseStmt(Stmt *S, DataRecursionQueue * = nullptr) {
    if (!S)
      return true;
    X.At.Ancestors.push_back(S);
    bool R = Base::TraverseStmt(S, nullptr);
    X.At.Ancestors.pop_back();
    return R;
  }

  bool TraverseVarDecl(VarDecl *V) {
    InitScope I(*this, V);
    return Base::TraverseVarDecl(V);
  }
  bool TraverseFieldDecl(FieldDecl *F) {
    InitScope I(*this, F);
    return Base::TraverseFieldDecl(F);
  }
  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) {
    if (const FieldDecl *F = Init->getAnyMember();
        F && Init->getInit() && Flow.isHandleLike(F->getType()))
      Flow.copyInto(X.usr(F), Init->getInit());
    InitScope I(*this, Init->getAnyMember());
    return Base::TraverseConstructorInitializer(Init);
  }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) {
    if (S->getLoopVariable() && S->getRangeInit())
      Flow.noteRange(S->getLoopVariable(), S->getRangeInit());
    return Base::TraverseCXXForRangeStmt(S);
  }

  // ---- Declarations --------------------------------------------------------

  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (!RD->isThisDeclarationADefinition() || RD->isDependentContext() ||
        RD->isLambda() || RD->isInvalidDecl() || RD->isUnion())
      return true;
    std::string ClassId = X.usr(RD);
    if (ClassId.empty())
      return true;
    X.Facts.Classes.push_back(
        {ClassId, qualifiedName(RD), X.loc(RD->getLocation())});
    if (X.isIntentional(RD))
      X.Facts.Annotations.push_back(
          {"D:" + ClassId, qualifiedName(RD), X.loc(RD->getLocation())});
    std::string Node = "D:" + ClassId;
    for (const FieldDecl *F : RD->fields())
      owns(F->getType(), Node, F->getLocation(),
           "member '" + F->getNameAsString() + "'", F);
    for (const CXXBaseSpecifier &B : RD->bases())
      owns(B.getType(), Node, B.getBeginLoc(),
           "base class '" + B.getType().getAsString(X.policy()) + "'", nullptr);
    if (!RD->hasTrivialDestructor()) {
      const CXXDestructorDecl *Dtor = RD->getDestructor();
      FunctionFact F;
      F.Id = Node;
      F.Name = destructorName(qualifiedName(RD));
      F.Loc = X.loc(Dtor && !Dtor->isImplicit() ? Dtor->getLocation()
                                                : RD->getLocation());
      X.Facts.Functions.push_back(std::move(F));
    }
    for (const CXXMethodDecl *M : RD->methods()) {
      for (const CXXMethodDecl *O : M->overridden_methods())
        X.Facts.Overrides.push_back({X.functionId(M), X.functionId(O)});
    }
    // A virtual base destructor makes this one virtual, declared or not.
    for (const CXXBaseSpecifier &B : RD->bases())
      if (const CXXRecordDecl *BR = B.getType()->getAsCXXRecordDecl())
        if (const CXXDestructorDecl *BD = BR->getDestructor();
            BD && BD->isVirtual())
          X.Facts.Overrides.push_back({Node, X.functionId(BD)});
    return true;
  }

  bool VisitVarDecl(VarDecl *V) {
    if (isa<ParmVarDecl>(V) || V->isInvalidDecl() || V->isTemplated() ||
        V->getType()->isDependentType())
      return true;
    // "HANDLE H = startWorker();": the value flows into H.
    if (V->hasGlobalStorage() && V->getInit() &&
        Flow.isHandleLike(V->getType()))
      Flow.copyInto(X.usr(V), V->getInit());
    if (V->getStorageDuration() == SD_Static) {
      if (V->isThisDeclarationADefinition() == VarDecl::DeclarationOnly)
        return true;
      std::string Id = X.usr(V);
      if (Id.empty())
        return true;
      std::string Node = "V:" + Id;
      // Its teardown is still recorded, so that an annotation that silences
      // nothing can be told (the rules do not start from it).
      bool Intentional = X.isIntentional(V);
      if (Intentional)
        X.Facts.Annotations.push_back(
            {Node, qualifiedName(V), X.loc(V->getLocation())});
      size_t Edges = X.Facts.Calls.size(), Sites = X.Facts.Sites.size();
      owns(V->getType(), Node, V->getLocation(),
           "'" + V->getNameAsString() + "'", V);
      if (X.Facts.Calls.size() == Edges && X.Facts.Sites.size() == Sites)
        return true;
      RootFact R;
      R.Kind = RootKind::StaticDestructor;
      R.Function = Node;
      R.Name = qualifiedName(V);
      R.Loc = X.loc(V->getLocation());
      R.Intentional = Intentional;
      if (X.Facts.Calls.size() > Edges)
        R.Class = X.Facts.Calls[Edges].Callee;
      X.Facts.Roots.push_back(std::move(R));
      X.Facts.Functions.push_back(
          {Node, qualifiedName(V), X.loc(V->getLocation())});
      return true;
    }
    if (V->getStorageDuration() == SD_Automatic && !X.At.Function.empty())
      owns(V->getType(), X.At.Function, V->getLocation(),
           "local '" + V->getNameAsString() + "'", V, context());
    return true;
  }

  // ---- Expressions ---------------------------------------------------------

  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return true;
    Flow.noteCallee(CE->getCallee());
    CallSite Call(*CE, *Callee);
    auto Handle = [&](const ApiCall &A) {
      return (this->*A.Handle)(Call, A.Entry);
    };
    if (!Calls.dispatch(Call, Handle))
      callEdge(Call);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    const CXXConstructorDecl *Ctor = E->getConstructor();
    const CXXRecordDecl *RD = Ctor ? Ctor->getParent() : nullptr;
    if (!RD)
      return true;
    if (X.isThreadType(RD) && E->getNumArgs() > 0 &&
        !Ctor->isCopyOrMoveConstructor()) {
      addStart(E, Flow.storageTarget(E), qualifiedName(RD), E->getArg(0),
               false);
      return true;
    }
    if (!X.At.Function.empty() && !Ctor->isTrivial() &&
        !X.isSystem(Ctor->getLocation()))
      addEdge(E, X.functionId(Ctor), EdgeKind::Call, "");
    return true;
  }

  bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
    if (X.At.Function.empty())
      return true;
    QualType T = E->getDestroyedType();
    const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
    if (RD && RD->getDestructor() && RD->getDestructor()->isVirtual() &&
        !X.isSystem(RD->getLocation()))
      addEdge(E, "D:" + X.usr(RD), EdgeKind::VirtualCall, ViaDelete.str());
    else if (!T.isNull())
      owns(T, X.At.Function, E->getBeginLoc(),
           Flow.destroyVia(E->getArgument(), ViaDelete), nullptr, context());
    return true;
  }

  bool VisitCXXBindTemporaryExpr(CXXBindTemporaryExpr *E) {
    if (!X.At.Function.empty())
      owns(E->getType(), X.At.Function, E->getBeginLoc(), ViaTemporary.str(),
           nullptr, context());
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (Flow.escapes(E))
      AddressTaken.insert(X.functionId(cast<FunctionDecl>(E->getDecl())));
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() == BO_Assign &&
        Flow.isHandleLike(B->getLHS()->getType()))
      Flow.copy(B->getLHS(), B->getRHS());
    return true;
  }

private:
  // ---- Calls of APIs: the table and its handlers ---------------------------
  //
  // A handler returns false for a call that is not its own (too few
  // arguments for its purpose, an object of another type); the next entry
  // for the same name is tried, and at last the call is an ordinary edge.

  using Handler = bool (Visitor::*)(const CallSite &Call, unsigned Entry);
  struct ApiCall {
    Handler Handle;
    unsigned Entry = 0; ///< Index into the option's table, where there is one.
  };

  /// The order of the entries is the precedence of a name that several
  /// tables list: joins, waits, creators, then the rest.
  void buildCallMap() {
    const ModelOptions &O = X.Opts;
    for (StringRef M : X.Apis.JoinMethods)
      Calls.add(M, 0, {&Visitor::joinMethod});
    for (const std::string &F : O.JoinFunctions)
      Calls.add(F, 1, {&Visitor::joinFunction});
    for (unsigned I = 0; I < O.WaitFunctions.size(); ++I)
      Calls.add(O.WaitFunctions[I].Name, O.WaitFunctions[I].HandleArg + 1,
                {&Visitor::wait, I});
    for (unsigned I = 0; I < O.ThreadCreators.size(); ++I)
      Calls.add(O.ThreadCreators[I].Name, 0, {&Visitor::createThread, I});
    for (unsigned I = 0; I < X.Apis.HandleDuplicators.size(); ++I) {
      const HandleDuplicator &D = X.Apis.HandleDuplicators[I];
      Calls.add(D.Name, std::max(D.SourceArg, D.TargetArg) + 1,
                {&Visitor::duplicateHandle, I});
    }
    for (const std::string &R : O.AtExitRegistrars)
      Calls.add(R, 1, {&Visitor::registerAtExit});
    for (StringRef M : X.Apis.ContainerInserters)
      Calls.add(M, 1, {&Visitor::insertThread});
    for (StringRef M : X.Apis.PointerResets)
      Calls.add(M, 0, {&Visitor::resetPointer});
    Calls.add(OO_Equal, 2, {&Visitor::assignNullPointer});
  }

  /// "t.join()" on a thread type.
  bool joinMethod(const CallSite &Call, unsigned) {
    if (!Call.isMemberCall() || !Call.ObjectClass ||
        !X.isThreadType(Call.ObjectClass))
      return false;
    addSite(&Call.E, Primitive::Join,
            qualifiedName(Call.ObjectClass) +
                "::" + simpleName(&Call.Callee).str(),
            Call.Object);
    return true;
  }

  /// "pthread_join(tid, nullptr)": joins its first argument.
  bool joinFunction(const CallSite &Call, unsigned) {
    addSite(&Call.E, Primitive::JoinFunction, Call.name(), Call.arg(0));
    return true;
  }

  /// "WaitForSingleObject(h, INFINITE)": a wait on its handle argument,
  /// unless the timeout is the constant 0 (a poll).
  bool wait(const CallSite &Call, unsigned Entry) {
    const WaitFunction &W = X.Opts.WaitFunctions[Entry];
    if (const Expr *Timeout = Call.argOrNull(W.TimeoutArg)) {
      Expr::EvalResult R;
      if (Timeout->EvaluateAsInt(R, X.Ctx) && R.Val.getInt().isZero())
        return true;
    }
    addSite(&Call.E, Primitive::Win32Wait, Call.name(), Call.arg(W.HandleArg));
    return true;
  }

  /// "m_h = CreateThread(...)", "pthread_create(&tid, ...)": a thread
  /// started into the place that receives its handle.
  bool createThread(const CallSite &Call, unsigned Entry) {
    const ThreadCreator &C = X.Opts.ThreadCreators[Entry];
    std::string Target;
    if (C.HandleArg < 0)
      Target = Flow.storageTarget(&Call.E);
    else if (const Expr *Handle = Call.argOrNull(C.HandleArg))
      Target = Flow.target(Handle);
    addStart(&Call.E, Target, Call.name(), Call.argOrNull(C.RoutineArg),
             C.Win32Handle);
    return true;
  }

  /// "DuplicateHandle(P, h, P, &copy, ...)": h flows into copy.
  bool duplicateHandle(const CallSite &Call, unsigned Entry) {
    const HandleDuplicator &D = X.Apis.HandleDuplicators[Entry];
    for (const std::string &To : Flow.targets(Call.arg(D.TargetArg)))
      for (const std::string &From : Flow.targets(Call.arg(D.SourceArg)))
        X.Facts.Copies.push_back({To, From});
    return true;
  }

  /// "atexit(&cleanup)": cleanup is a teardown root.
  bool registerAtExit(const CallSite &Call, unsigned) {
    auto [Id, Handler] = Flow.resolveFunction(Call.arg(0));
    if (!Id.empty()) {
      RootFact R;
      R.Kind = RootKind::AtExit;
      R.Function = Id;
      R.Name = Handler;
      R.Loc = X.loc(Call.E.getBeginLoc());
      R.Registrar = Call.name();
      X.Facts.Roots.push_back(std::move(R));
    }
    return true;
  }

  /// "threads_.emplace_back(&Worker::run, this)": a thread built in place
  /// in a standard container of threads.
  bool insertThread(const CallSite &Call, unsigned) {
    if (!Call.isMemberCall() || !Call.ObjectClass ||
        !X.isSystem(Call.ObjectClass->getLocation()) ||
        !X.holdsThreads(Call.Object->getType()) ||
        isa<CXXConstructExpr>(strip(Call.arg(0))))
      return false;
    // A thread made elsewhere and put in as it is: no start here. Moved
    // ("push_back(std::move(t))"), it flows in from where it started;
    // made by a call ("push_back(std::make_unique<std::thread>(run))"),
    // it starts at that call.
    const Expr *Arg = Call.arg(0)->IgnoreParenImpCasts();
    if (X.holdsThreads(Arg->getType().getNonReferenceType())) {
      const auto *Made = dyn_cast<CallExpr>(strip(Arg));
      const FunctionDecl *Maker = Made ? Made->getDirectCallee() : nullptr;
      if (!Maker || Maker->getName() == "move" ||
          Maker->getName() == "forward") {
        // A local thread moved in: it starts where that local is made.
        const Expr *Moved = strip(Made ? Made->getArg(0) : Arg);
        const auto *Ref = dyn_cast<DeclRefExpr>(Moved);
        const auto *Local = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
        const auto *Init =
            Local && Local->hasLocalStorage() && Local->getInit()
                ? dyn_cast<CXXConstructExpr>(Local->getInit()->IgnoreImplicit())
                : nullptr;
        if (Init && Init->getNumArgs() > 0 &&
            !Init->getConstructor()->isCopyOrMoveConstructor() &&
            X.isThreadType(Init->getConstructor()->getParent()))
          addStart(Init, Flow.target(Call.Object),
                   qualifiedName(Init->getConstructor()->getParent()),
                   Init->getArg(0), false);
        Flow.copy(Call.Object, Arg);
      } else
        addStart(Made, Flow.target(Call.Object),
                 X.threadTypeName(Call.Object->getType()),
                 Made->getNumArgs() ? Made->getArg(0) : nullptr, false);
      return true;
    }
    addStart(&Call.E, Flow.target(Call.Object),
             X.threadTypeName(Call.Object->getType()), Call.arg(0), false);
    return true;
  }

  /// "p.reset()" on an owning smart pointer destroys the pointee here, as
  /// "delete" would.
  bool resetPointer(const CallSite &Call, unsigned) {
    return (Call.numArgs() == 0 || Flow.isEmptyValue(Call.arg(0))) &&
           destroyPointee(Call);
  }

  /// "p = nullptr" on an owning smart pointer, the same. (Assigning a new
  /// object usually replaces an empty pointer: it is not counted.)
  bool assignNullPointer(const CallSite &Call, unsigned) {
    return isa<CXXOperatorCallExpr>(Call.E) && Call.numArgs() == 2 &&
           Flow.isEmptyValue(Call.arg(1)) && destroyPointee(Call);
  }

  bool destroyPointee(const CallSite &Call) {
    // libstdc++'s shared_ptr::reset is a member of its base __shared_ptr:
    // the pointer's own type is the object's before the derived-to-base
    // cast.
    const Expr *Pointer =
        Call.Object ? Call.Object->IgnoreParenImpCasts() : nullptr;
    const CXXRecordDecl *RD =
        Pointer ? Pointer->getType()->getAsCXXRecordDecl() : nullptr;
    if (X.At.Function.empty() || !RD || !X.isOwningPointer(RD))
      return false;
    owns(Pointer->getType().getNonReferenceType(), X.At.Function,
         Call.E.getBeginLoc(), Flow.destroyVia(Call.Object, ViaReset), nullptr,
         context());
    return true;
  }

  /// A call that no API handler takes: an edge to a user function, with
  /// the threads and handles it passes.
  void callEdge(const CallSite &Call) {
    const FunctionDecl *Callee = &Call.Callee;
    if (X.At.Function.empty() || X.isSystem(Callee->getLocation()))
      return;
    const auto *M = dyn_cast<CXXMethodDecl>(Callee);
    const auto *MC = dyn_cast<CXXMemberCallExpr>(&Call.E);
    bool Virtual = M && M->isVirtual() && MC &&
                   !(isa<MemberExpr>(MC->getCallee()) &&
                     cast<MemberExpr>(MC->getCallee())->hasQualifier());
    addEdge(&Call.E, X.functionId(Callee),
            Virtual ? EdgeKind::VirtualCall : EdgeKind::Call, "",
            Flow.passArguments(&Call.E, Callee));
    if (!Callee->doesThisDeclarationHaveABody() && !Callee->hasBody())
      declareCallee(Callee);
  }

  // ---- Scopes
  // ----------------------------------------------------------------

  /// The body of FD is traversed.
  struct Scope {
    Visitor &V;
    Position Saved;
    Scope(Visitor &V, const FunctionDecl *FD) : V(V), Saved(std::move(V.X.At)) {
      Position &At = V.X.At;
      At = Position();
      At.Function = V.X.functionId(FD);
      if (FD->getNumParams() >= 3 && V.X.isDllEntry(FD)) {
        At.ReasonParam = FD->getParamDecl(1);
        At.ReservedParam = FD->getParamDecl(2);
      }
    }
    ~Scope() { V.X.At = std::move(Saved); }
  };

  /// While a variable or member initializer is traversed, a value created at
  /// its top level is stored into that declaration.
  struct InitScope {
    Visitor &V;
    const ValueDecl *Saved;
    InitScope(Visitor &V, const ValueDecl *D)
        : V(V), Saved(V.X.At.Initialized) {
      V.X.At.Initialized = D;
    }
    ~InitScope() { V.X.At.Initialized = Saved; }
  };

  Context context() const { return Cond.contextOf(X.At); }

  // ---- Destruction
  // -----------------------------------------------------------

  /// Records what destroying an object of type T from node From destroys:
  /// a joining thread blocks, a thread member is noted, an owning template
  /// destroys its elements, a user class runs its destructor.
  void owns(QualType T, const std::string &From, SourceLocation L,
            const std::string &Via, const ValueDecl *Holder,
            const Context &C = {}, unsigned Depth = 0, bool Pointee = false) {
    if (T.isNull() || Depth > 4)
      return;
    T = T.getCanonicalType();
    while (const ArrayType *A = X.Ctx.getAsArrayType(T))
      T = A->getElementType().getCanonicalType();
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (T->isReferenceType() || !RD || RD->isUnion())
      return;
    if (!RD->hasDefinition()) {
      // Only declared here (a pimpl, a pool declared ahead of an owning
      // pointer): a unit that sees the class says what destroying it does.
      if (!X.isSystem(RD->getLocation()))
        addDestroys(RD, From, L, Via, C, Pointee);
      return;
    }
    std::string Name = qualifiedName(RD);
    if (matchesAnyName(Name, X.Opts.JoiningThreadTypes)) {
      X.noteField(Holder, true);
      BlockingSite S;
      S.Function = From;
      S.Loc = X.loc(L);
      S.Prim = Primitive::JoiningDtor;
      S.Callee = destructorName(Name);
      if (Holder)
        S.Targets.push_back(X.usr(Holder));
      S.TargetText = Via;
      S.Guarded = true; // The destructor joins only a joinable thread.
      S.Reason = C.Reason;
      S.Path = C.Path;
      X.Facts.Sites.push_back(std::move(S));
      return;
    }
    if (matchesAnyName(Name, X.Opts.ThreadTypes)) {
      X.noteField(Holder, true);
      return;
    }
    if (matchesAnyName(Name, X.Opts.NoDestructorTemplates))
      return;
    if (X.isIntentional(RD)) {
      // Recorded but not followed by the rules (Intentional).
      addDestroys(RD, From, L, Via, C, Pointee, /*Intentional=*/true);
      return;
    }
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
        Spec && matchesAnyName(Name, X.Opts.OwningTemplates)) {
      // A smart pointer may own a derived object.
      bool Pointer = X.isOwningPointer(RD);
      SmallVector<QualType, 4> Args;
      extract::typeArgs(Spec->getTemplateArgs().asArray(), Args);
      for (QualType A : Args)
        owns(A, From, L, Via, Holder, C, Depth + 1, Pointee || Pointer);
      return;
    }
    if (X.isSystem(RD->getLocation()) || RD->hasTrivialDestructor())
      return;
    addDestroys(RD, From, L, Via, C, Pointee);
  }

  /// From destroys an object of class RD (through a pointer: Pointee).
  void addDestroys(const CXXRecordDecl *RD, const std::string &From,
                   SourceLocation L, const std::string &Via, const Context &C,
                   bool Pointee, bool Intentional = false) {
    std::string Id = X.usr(RD);
    if (Id.empty())
      return;
    CallEdge E;
    E.Caller = From;
    E.Callee = "D:" + Id;
    E.Loc = X.loc(L);
    E.Kind = Pointee ? EdgeKind::DestroysPointee : EdgeKind::Destroys;
    E.Via = Via;
    // A smart pointer destroys its pointee only when it holds one.
    E.Guarded = C.Guarded || Pointee;
    E.Intentional = Intentional;
    E.Reason = C.Reason;
    E.Path = C.Path;
    X.Facts.Calls.push_back(std::move(E));
  }

  // ---- Recording
  // -------------------------------------------------------------

  void addEdge(const Expr *E, std::string Callee, EdgeKind Kind,
               std::string Via, std::vector<std::string> Args = {}) {
    if (Callee.empty() || X.At.Function.empty())
      return;
    Context C = context();
    CallEdge Edge;
    Edge.Caller = X.At.Function;
    Edge.Callee = std::move(Callee);
    Edge.Loc = X.loc(E->getBeginLoc());
    Edge.Kind = Kind;
    Edge.Guarded = C.Guarded;
    Edge.Via = std::move(Via);
    Edge.Reason = C.Reason;
    Edge.Path = C.Path;
    Edge.Args = std::move(Args);
    X.Facts.Calls.push_back(std::move(Edge));
  }

  void addSite(const Expr *Call, Primitive P, std::string Callee,
               const Expr *Target) {
    if (X.At.Function.empty())
      return;
    Context C = context();
    BlockingSite S;
    S.Function = X.At.Function;
    S.Loc = X.loc(Call->getBeginLoc());
    S.Prim = P;
    S.Callee = std::move(Callee);
    S.Targets = Flow.targets(Target);
    S.TargetText = X.text(Target);
    S.Guarded = C.Guarded;
    S.Reason = C.Reason;
    S.Path = C.Path;
    // A handle taken from a thread object is a thread handle.
    S.KnownThreadHandle = Flow.isThreadHandleOf(Target);
    X.Facts.Sites.push_back(std::move(S));
  }

  void addStart(const Expr *E, std::string Target, std::string Creator,
                const Expr *Routine, bool Handle) {
    ThreadStart T;
    T.Target = std::move(Target);
    T.Loc = X.loc(E->getBeginLoc());
    T.Creator = std::move(Creator);
    if (Routine)
      std::tie(T.Routine, T.RoutineName) = Flow.resolveFunction(Routine);
    T.Handle = Handle;
    X.Facts.Starts.push_back(std::move(T));
  }

  /// A function called here but defined elsewhere (or pure virtual): its
  /// name, for the notes.
  void declareCallee(const FunctionDecl *FD) {
    FunctionFact F;
    F.Id = X.functionId(FD);
    F.Name = qualifiedName(FD);
    F.Loc = X.loc(FD->getLocation());
    X.Facts.Functions.push_back(std::move(F));
  }

  void declareFunction(const FunctionDecl *FD) {
    if (isa<CXXDestructorDecl>(FD))
      return; // The D: node is declared with its class.
    FunctionFact F;
    F.Id = X.At.Function;
    const auto *M = dyn_cast<CXXMethodDecl>(FD);
    F.Name = M && M->getParent()->isLambda() ? X.lambdaName(FD->getLocation())
                                             : qualifiedName(FD);
    F.Loc = X.loc(FD->getLocation());
    F.External =
        FD->isExternallyVisible() &&
        (!M || (M->getAccess() == AS_public && !M->getParent()->isLambda()));
    F.IsMain = X.isProgramEntry(FD);
    F.IsDllEntry = X.isDllEntry(FD);
    F.IsDestructorAttr = FD->hasAttr<DestructorAttr>();
    if (F.IsDllEntry || F.IsDestructorAttr) {
      RootFact R;
      R.Kind = F.IsDllEntry ? RootKind::DllEntry : RootKind::DestructorFunction;
      R.Function = F.Id;
      R.Name = F.Name;
      R.Loc = F.Loc;
      X.Facts.Roots.push_back(std::move(R));
      DefinesDllEntry |= F.IsDllEntry;
    }
    X.Facts.Functions.push_back(std::move(F));
  }

  void finish() {
    bool InDll = DefinesDllEntry || X.Opts.AssumeDll;
    for (RootFact &R : X.Facts.Roots)
      R.InDll = InDll && R.Kind != RootKind::DllEntry;
    for (FunctionFact &F : X.Facts.Functions)
      if (AddressTaken.erase(F.Id))
        F.AddressTaken = true;
    for (const auto &Id : AddressTaken) {
      FunctionFact F;
      F.Id = Id.getKey().str();
      F.AddressTaken = true;
      X.Facts.Functions.push_back(std::move(F));
    }
  }

  extract::Extraction X;
  extract::Conditions Cond;
  extract::ValueFlow Flow;
  CallMap<ApiCall> Calls;
  bool DefinesDllEntry = false;
  StringSet<> AddressTaken;
};

} // namespace

TUFacts extractFacts(ASTContext &Ctx, const ModelOptions &Options) {
  return Visitor(Ctx, Options).run();
}

} // namespace shutdown
