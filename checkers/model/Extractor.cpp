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
// Code in system headers is of two kinds. The C and C++ standard libraries
// are opaque: known only through the API tables, never visited. An
// installed library's code (inline functions, templates) is visited on
// demand: the pass over the translation unit skips it, and queues what the
// code it visits reaches (a function it calls, a class it destroys, with
// the constructors and destructor of that class); the queue is then
// visited, which may queue more. A library whose classes own threads is
// also scanned for the functions that stop them, called or not (an
// application must be told of the stop it does not call). Last, the
// library functions that reach no blocking site, thread start or root are
// pruned: they cannot matter to the rules, and most library code is such.
//
//===----------------------------------------------------------------------===//

#include "checkers/model/Extractor.h"
#include "checkers/model/extract/CallMap.h"
#include "checkers/model/extract/Conditions.h"
#include "checkers/model/extract/Extraction.h"
#include "checkers/model/extract/Receivers.h"
#include "checkers/model/extract/ValueFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SaveAndRestore.h"
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
      : X(Ctx, Opts), Cond(Ctx, X.Apis.StateQueries), Flow(X), Objects(X) {
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
    visitReached();
    scanLibraryStops();
    finish();
    pruneLibrary();
    X.Facts.normalize();
    return std::move(X.Facts);
  }

  // ---- Traversal: scope tracking -----------------------------------------

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    // System headers: only what visitReached() asks for.
    if (!InLibrary && !isa<TranslationUnitDecl>(D) &&
        X.isSystem(D->getLocation()))
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
    if (!isDynamicallyInitialized(V))
      return Base::TraverseVarDecl(V);
    StaticInitScope S(*this, V);
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
    FactString ClassId = X.usr(RD);
    if (ClassId.empty())
      return true;
    FactString Node = X.str("D:" + ClassId);
    X.Facts.Classes.push_back(
        {ClassId, X.str(qualifiedName(RD)), X.loc(RD->getLocation())});
    if (X.isIntentional(RD))
      X.Facts.Annotations.push_back(
          {Node, X.str(qualifiedName(RD)), X.loc(RD->getLocation())});
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
      F.Name = X.str(destructorName(qualifiedName(RD)));
      F.Loc = X.loc(Dtor && !Dtor->isImplicit() ? Dtor->getLocation()
                                                : RD->getLocation());
      F.Dependency = InLibrary;
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
    noteTlsCallbacks(V);
    // "HANDLE H = startWorker();": the value flows into H.
    if (V->hasGlobalStorage() && V->getInit() &&
        Flow.isHandleLike(V->getType()))
      Flow.copyInto(X.usr(V), V->getInit());
    if (V->getStorageDuration() == SD_Static ||
        V->getStorageDuration() == SD_Thread) {
      if (V->isThisDeclarationADefinition() == VarDecl::DeclarationOnly)
        return true;
      FactString Id = X.usr(V);
      if (Id.empty())
        return true;
      FactString Node = X.str("V:" + Id);
      // Its teardown is still recorded, so that an annotation that silences
      // nothing can be told (the rules do not start from it).
      bool Intentional = X.isIntentional(V);
      if (Intentional)
        X.Facts.Annotations.push_back(
            {Node, X.str(qualifiedName(V)), X.loc(V->getLocation())});
      size_t Edges = X.Facts.Calls.size(), Sites = X.Facts.Sites.size();
      owns(V->getType(), Node, V->getLocation(),
           "'" + V->getNameAsString() + "'", V);
      if (X.Facts.Calls.size() == Edges && X.Facts.Sites.size() == Sites)
        return true;
      RootFact R;
      R.Kind = V->getStorageDuration() == SD_Thread
                   ? RootKind::ThreadLocalDestructor
                   : RootKind::StaticDestructor;
      R.Function = Node;
      R.Name = X.str(qualifiedName(V));
      R.Loc = X.loc(V->getLocation());
      R.Intentional = Intentional;
      if (X.Facts.Calls.size() > Edges)
        R.Class = X.Facts.Calls[Edges].Callee;
      X.Facts.Roots.push_back(std::move(R));
      if (!X.At.Function.empty())
        HoldsRoot.insert(X.At.Function);
      X.Facts.Functions.push_back({Node, R.Name, R.Loc});
      return true;
    }
    if (V->getStorageDuration() == SD_Automatic && !X.At.Function.empty())
      owns(V->getType(), X.At.Function, V->getLocation(),
           "local '" + V->getNameAsString() + "'", V, context());
    return true;
  }

  // ---- Expressions ---------------------------------------------------------

  /// A temporary whose value a move takes (the argument of a move
  /// constructor or of an rvalue-reference parameter: "return
  /// std::unique_ptr<T>(new T(...));" in C++11, "v.push_back(
  /// std::unique_ptr<T>(p))") is empty when it is destroyed: its
  /// destruction destroys nothing.
  /// Not for an assignment: "p = std::make_unique<T>()" destroys p's old
  /// object, and the temporary's destruction stands for that.
  void noteMovedFrom(const FunctionDecl *Callee, ArrayRef<const Expr *> Args,
                     bool ObjectArg = false) {
    if (const auto *M = dyn_cast<CXXMethodDecl>(Callee);
        M && (M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator()))
      return;
    const auto *Ctor = dyn_cast<CXXConstructorDecl>(Callee);
    bool Move = Ctor && Ctor->isMoveConstructor();
    unsigned Offset = ObjectArg ? 1 : 0; // An operator's object argument.
    for (unsigned N = Offset; N < Args.size(); ++N) {
      unsigned Param = N - Offset;
      if (!Move &&
          (Param >= Callee->getNumParams() ||
           !Callee->getParamDecl(Param)->getType()->isRValueReferenceType()))
        continue;
      const Expr *A = Args[N];
      while (true) {
        if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(A))
          A = M->getSubExpr();
        else if (const auto *C = dyn_cast<CastExpr>(A);
                 C && (isa<ImplicitCastExpr>(C) ||
                       C->getCastKind() == CK_ConstructorConversion ||
                       C->getCastKind() == CK_NoOp))
          A = C->getSubExpr(); // "std::unique_ptr<T>(p)" is a cast too.
        else if (const auto *P = dyn_cast<ParenExpr>(A))
          A = P->getSubExpr();
        else
          break;
      }
      if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(A))
        MovedFrom.insert(B);
    }
  }

  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return true;
    noteMovedFrom(Callee, ArrayRef(CE->getArgs(), CE->getNumArgs()),
                  isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee));
    Flow.noteCallee(CE->getCallee());
    CallSite Call(*CE, *Callee);
    if (isa<CXXDestructorDecl>(Callee)) {
      destroyExplicitly(Call);
      return true;
    }
    auto Handle = [&](const ApiCall &A) {
      return (this->*A.Handle)(Call, A.Entry);
    };
    if (!Calls.dispatch(Call, Handle))
      callEdge(Call);
    return true;
  }

  /// The object the constructor call being visited builds, as a receiver:
  /// the caller's own object for a base or member initializer, the variable
  /// for a static one, another object for the rest (a local, a temporary,
  /// an object made with new). A constructor runs on a new object: it never
  /// stops the threads of one that exists.
  FactString constructedObject() {
    ArrayRef<Stmt *> Up = X.At.Ancestors;
    if (Up.empty())
      return "?";
    for (size_t N = Up.size() - 1; N-- > 0;) {
      if (isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
              ImplicitCastExpr, ParenExpr, CXXFunctionalCastExpr>(Up[N]))
        continue;
      if (isa<DeclStmt>(Up[N]))
        break; // A variable's initializer: which one, below.
      return "local";
    }
    const ValueDecl *D = X.At.Initialized;
    if (!D || isa<FieldDecl>(D))
      return "this"; // A base or a member of the object being built.
    if (const auto *V = dyn_cast<VarDecl>(D))
      return V->hasGlobalStorage() && !V->getType()->isReferenceType()
                 ? X.str("var:" + X.usr(V))
                 : FactString("local");
    return "?";
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    const CXXConstructorDecl *Ctor = E->getConstructor();
    const CXXRecordDecl *RD = Ctor ? Ctor->getParent() : nullptr;
    if (!RD)
      return true;
    noteMovedFrom(Ctor, ArrayRef(E->getArgs(), E->getNumArgs()));
    if (X.isThreadType(RD) && E->getNumArgs() > 0 &&
        !Ctor->isCopyOrMoveConstructor()) {
      addStart(E, Flow.storageTarget(E), qualifiedName(RD), E->getArg(0),
               false);
      return true;
    }
    if (!X.At.Function.empty() && !Ctor->isTrivial() && !X.isOpaque(Ctor)) {
      addEdge(E, X.functionId(Ctor), EdgeKind::Call, "", {},
              constructedObject());
      pullFunction(Ctor);
    }
    return true;
  }

  bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
    if (X.At.Function.empty())
      return true;
    QualType T = E->getDestroyedType();
    const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
    if (RD && RD->getDestructor() && RD->getDestructor()->isVirtual() &&
        !X.isOpaque(RD)) {
      addEdge(E, X.str("D:" + X.usr(RD)), EdgeKind::VirtualCall, ViaDelete);
      pullClass(RD);
    } else if (!T.isNull())
      owns(T, X.At.Function, E->getBeginLoc(),
           Flow.destroyVia(E->getArgument(), ViaDelete), nullptr, context());
    return true;
  }

  bool VisitCXXBindTemporaryExpr(CXXBindTemporaryExpr *E) {
    if (!X.At.Function.empty() && !MovedFrom.contains(E))
      owns(E->getType(), X.At.Function, E->getBeginLoc(), ViaTemporary.str(),
           nullptr, context());
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (Flow.escapes(E))
      AddressTaken.insert(X.functionId(cast<FunctionDecl>(E->getDecl())));
    return true;
  }

  /// "return instance_;": what the function returns a reference to.
  bool VisitReturnStmt(ReturnStmt *R) {
    if (FactString O = Objects.returned(*R); !O.empty())
      X.Facts.Returns.push_back({X.At.Function, O});
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
    for (unsigned I = 0; I < X.Apis.TimedJoinFunctions.size(); ++I)
      Calls.add(X.Apis.TimedJoinFunctions[I].Name, 1,
                {&Visitor::timedJoinFunction, I});
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
    for (StringRef M : X.Apis.StartMethods)
      Calls.add(M, 0, {&Visitor::startMethod});
    for (unsigned I = 0; I < X.Apis.ThreadIdGetters.size(); ++I)
      Calls.add(X.Apis.ThreadIdGetters[I].Name,
                X.Apis.ThreadIdGetters[I].Arg + 1, {&Visitor::threadIdOf, I});
    for (StringRef F : X.Apis.CurrentThreadIds)
      Calls.add(F, 0, {&Visitor::currentThreadId});
    for (StringRef F : X.Apis.ObjectDestroyers)
      Calls.add(F, 1, {&Visitor::destroyObjects});
    for (const std::string &R : O.AtExitRegistrars)
      Calls.add(R, 1, {&Visitor::registerAtExit});
    for (StringRef M : X.Apis.ContainerInserters)
      Calls.add(M, 1, {&Visitor::insertThread});
    for (StringRef M : X.Apis.PointerResets)
      Calls.add(M, 0, {&Visitor::resetPointer});
    Calls.add(OO_Equal, 2, {&Visitor::assignNullPointer});
    for (const std::string &F : O.LoaderLockFunctions)
      for (StringRef Suffix : {"", "A", "W"})
        Calls.add(F + Suffix.str(), 0, {&Visitor::loaderLockCall});
    // A member is found by its own name, then told by its object's class:
    // std::future<T>::wait is libstdc++'s __basic_future<T>::wait.
    for (unsigned I = 0; I < O.SignalWaitFunctions.size(); ++I) {
      StringRef Name = O.SignalWaitFunctions[I].Name;
      size_t Colons = Name.rfind("::");
      Calls.add(Colons == StringRef::npos ? Name : Name.drop_front(Colons + 2),
                0, {&Visitor::signalWait, I});
    }
    for (const std::string &F : O.SignalCreateFunctions)
      for (StringRef Suffix : {"", "A", "W"})
        Calls.add(F + Suffix.str(), 0, {&Visitor::createSignal});
    for (const SymbolLookup &L : X.Apis.SymbolLookups)
      Calls.add(L.Name, L.NameArg + 1, {&Visitor::lookupSymbol});
  }

  /// The thread type a member call acts on: the object's class, or the
  /// class that declares the member (a class derived from QThread).
  const CXXRecordDecl *threadClassOf(const CallSite &Call) const {
    if (!Call.isMemberCall() || !Call.ObjectClass)
      return nullptr;
    if (X.isThreadType(Call.ObjectClass))
      return Call.ObjectClass;
    const auto *M = dyn_cast<CXXMethodDecl>(&Call.Callee);
    return M && X.isThreadType(M->getParent()) ? M->getParent() : nullptr;
  }

  /// "t.join()" on a thread type; "t.tryJoin(2000)", a join with a bound.
  bool joinMethod(const CallSite &Call, unsigned) {
    const CXXRecordDecl *Class = threadClassOf(Call);
    if (!Class)
      return false;
    int64_t Timeout = Call.numArgs() ? Flow.timeoutMs(Call.arg(0)) : Untimed;
    if (Timeout == 0)
      return true; // A poll.
    addSite(&Call.E, Primitive::Join,
            qualifiedName(Class) + "::" + simpleName(&Call.Callee).str(),
            Call.Object, Timeout);
    return true;
  }

  /// "thread.start(task)" on a thread type that starts its own thread
  /// (Poco::Thread, QThread): the object holds a running thread.
  bool startMethod(const CallSite &Call, unsigned) {
    const CXXRecordDecl *Class = threadClassOf(Call);
    if (!Class)
      return false;
    addStart(&Call.E, Flow.target(Call.Object), qualifiedName(Class), nullptr,
             false);
    return true;
  }

  /// "pthread_join(tid, nullptr)": joins its first argument.
  bool joinFunction(const CallSite &Call, unsigned) {
    addSite(&Call.E, Primitive::JoinFunction, Call.name(), Call.arg(0));
    return true;
  }

  /// "pthread_timedjoin_np(tid, nullptr, &deadline)": a join with a bound.
  bool timedJoinFunction(const CallSite &Call, unsigned Entry) {
    int64_t Timeout =
        Flow.timeoutMs(Call.argOrNull(X.Apis.TimedJoinFunctions[Entry].Arg));
    if (Timeout != 0)
      addSite(&Call.E, Primitive::JoinFunction, Call.name(), Call.arg(0),
              Timeout == Untimed ? BoundedUnknown : Timeout);
    return true;
  }

  /// "WaitForSingleObject(h, INFINITE)": a wait on its handle argument,
  /// bounded by its timeout, unless the timeout is the constant 0 (a poll).
  bool wait(const CallSite &Call, unsigned Entry) {
    const WaitFunction &W = X.Opts.WaitFunctions[Entry];
    int64_t Timeout = Flow.timeoutMs(Call.argOrNull(W.TimeoutArg));
    if (Timeout == 0)
      return true;
    addSite(&Call.E, Primitive::Win32Wait, Call.name(), Call.arg(W.HandleArg),
            Timeout);
    return true;
  }

  /// "tid = GetThreadId(h)": the ID identifies the thread of h.
  bool threadIdOf(const CallSite &Call, unsigned Entry) {
    Flow.copyInto(Flow.storageTarget(&Call.E),
                  Call.arg(X.Apis.ThreadIdGetters[Entry].Arg));
    return true;
  }

  /// "id_ = GetCurrentThreadId()" in a thread's routine: the ID identifies
  /// the threads that run this function (T:<function>, which the rules
  /// bind to the starts of that routine).
  bool currentThreadId(const CallSite &Call, unsigned) {
    FactString To = Flow.storageTarget(&Call.E);
    if (!To.empty() && !X.At.Function.empty())
      X.Facts.Copies.push_back({To, X.str("T:" + X.At.Function)});
    return true;
  }

  /// "std::destroy_at(p)": destroys the object p points to, as "p->~T()".
  bool destroyObjects(const CallSite &Call, unsigned) {
    QualType T = Call.arg(0)->getType();
    if (X.At.Function.empty() || !T->isPointerType())
      return false;
    owns(T->getPointeeType(), X.At.Function, Call.E.getBeginLoc(),
         ("'" + X.text(Call.arg(0)) + "'").str(), nullptr, context());
    return true;
  }

  /// "p->~T()", "storage.~T()": the object is destroyed here, as a member
  /// would be (a holder that constructs in place and destroys at exit).
  void destroyExplicitly(const CallSite &Call) {
    if (X.At.Function.empty() || !Call.Object)
      return;
    QualType T = Call.Object->getType();
    if (T->isPointerType())
      T = T->getPointeeType();
    const ValueDecl *Holder = nullptr;
    if (const auto *ME = dyn_cast<MemberExpr>(strip(Call.Object)))
      Holder = dyn_cast<FieldDecl>(ME->getMemberDecl());
    owns(T, X.At.Function, Call.E.getBeginLoc(),
         ("'" + X.text(Call.Object) + "'").str(), Holder, context());
  }

  /// "m_h = CreateThread(...)", "pthread_create(&tid, ...)": a thread
  /// started into the place that receives its handle.
  bool createThread(const CallSite &Call, unsigned Entry) {
    const ThreadCreator &C = X.Opts.ThreadCreators[Entry];
    FactString Target;
    if (C.HandleArg < 0)
      Target = Flow.storageTarget(&Call.E);
    else if (const Expr *Handle = Call.argOrNull(C.HandleArg))
      Target = Flow.target(Handle);
    addStart(&Call.E, Target, Call.name(), Call.argOrNull(C.RoutineArg),
             C.Win32Handle);
    // "CreateThread(..., &id)": the ID names the same thread.
    for (const ApiArg &A : X.Apis.ThreadIdOutputs)
      if (const Expr *Id = Call.argOrNull(A.Arg);
          Id && matchesName(Call.name(), A.Name) && !extract::isNull(Id, X.Ctx))
        if (FactString IdTarget = Flow.target(Id); !IdTarget.empty())
          addStart(&Call.E, IdTarget, Call.name(), Call.argOrNull(C.RoutineArg),
                   false);
    // "OpenThread(SYNCHRONIZE, FALSE, id)": a handle of the thread of id.
    for (const ApiArg &A : X.Apis.ThreadOpeners)
      if (const Expr *Id = Call.argOrNull(A.Arg);
          Id && !Target.empty() && matchesName(Call.name(), A.Name))
        Flow.copyInto(Target, Id);
    return true;
  }

  /// "DuplicateHandle(P, h, P, &copy, ...)": h flows into copy.
  bool duplicateHandle(const CallSite &Call, unsigned Entry) {
    const HandleDuplicator &D = X.Apis.HandleDuplicators[Entry];
    for (FactString To : Flow.targets(Call.arg(D.TargetArg)))
      for (FactString From : Flow.targets(Call.arg(D.SourceArg)))
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
      R.Registrar = X.str(Call.name());
      X.Facts.Roots.push_back(std::move(R));
      if (!X.At.Function.empty())
        HoldsRoot.insert(X.At.Function);
    }
    return true;
  }

  /// "threads_.emplace_back(&Worker::run, this)": a thread built in place
  /// in a standard container of threads.
  bool insertThread(const CallSite &Call, unsigned) {
    if (!Call.isMemberCall() || !Call.ObjectClass ||
        !X.isOpaque(Call.ObjectClass) ||
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

  /// "GetProcAddress(m, \"PluginStop\")": an extern "C" function of that
  /// name is an entry point.
  bool lookupSymbol(const CallSite &Call, unsigned) {
    for (const SymbolLookup &L : X.Apis.SymbolLookups)
      if (matchesName(Call.name(), L.Name))
        if (const auto *S = dyn_cast<clang::StringLiteral>(
                Call.arg(L.NameArg)->IgnoreParenImpCasts());
            S && S->getCharByteWidth() == 1)
          X.Facts.Lookups.push_back(
              {X.str(S->getString()), X.loc(Call.E.getBeginLoc())});
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

  /// "LoadLibraryW(L"x.dll")": a call that must not be made under the
  /// loader lock. A member of a class of that name is not the API.
  bool loaderLockCall(const CallSite &Call, unsigned) {
    if (isa<CXXMethodDecl>(Call.Callee))
      return false;
    if (X.At.Function.empty())
      return true;
    Context C = context();
    BlockingSite S;
    S.Function = X.At.Function;
    S.Loc = X.loc(Call.E.getBeginLoc());
    S.Prim = Primitive::LoaderLockCall;
    S.Callee = X.str(Call.name());
    if (const Expr *First = Call.argOrNull(0))
      S.TargetText = X.text(First);
    S.Guarded = C.Guarded;
    S.Reason = C.Reason;
    S.Path = C.Path;
    X.Facts.Sites.push_back(std::move(S));
    return true;
  }

  /// "cv.wait(lock)", "f.get()", "pthread_cond_wait(&c, &m)": a wait for a
  /// signal another thread gives, on the object (a member) or the handle
  /// argument (a free function).
  bool signalWait(const CallSite &Call, unsigned Entry) {
    const WaitFunction &W = X.Opts.SignalWaitFunctions[Entry];
    std::string Callee = Call.name();
    const Expr *Target = Call.argOrNull(W.HandleArg);
    if (isa<CXXMethodDecl>(Call.Callee)) {
      if (!Call.isMemberCall() || !Call.ObjectClass)
        return false;
      std::string OfObject = qualifiedName(Call.ObjectClass) +
                             "::" + simpleName(&Call.Callee).str();
      if (!matchesName(OfObject, W.Name) && !matchesName(Callee, W.Name))
        return false;
      Callee = OfObject;
      Target = Call.Object;
    } else if (!matchesName(Callee, W.Name)) {
      return false;
    }
    if (!Target)
      return false;
    size_t Sites = X.Facts.Sites.size();
    addSite(&Call.E, Primitive::SignalWait, Callee, Target);
    if (X.Facts.Sites.size() > Sites)
      X.Facts.Sites.back().TimeoutMs = timeoutMs(Call.argOrNull(W.TimeoutArg));
    return true;
  }

  /// "m_hEvent = CreateEventW(...)": the handle stored there is signaled by
  /// a thread. Told to the rules as a copy from "signal:<creator>".
  bool createSignal(const CallSite &Call, unsigned) {
    if (isa<CXXMethodDecl>(Call.Callee))
      return false;
    FactString Target = Flow.storageTarget(&Call.E);
    if (!Target.empty())
      X.Facts.Copies.push_back({Target, X.str("signal:" + Call.name())});
    return true;
  }

  /// How long a wait with this timeout argument blocks: Untimed without one
  /// or for INFINITE, the milliseconds of a constant, else BoundedUnknown.
  int64_t timeoutMs(const Expr *Timeout) const {
    if (!Timeout)
      return Untimed;
    Expr::EvalResult R;
    if (!Timeout->EvaluateAsInt(R, X.Ctx))
      return BoundedUnknown;
    llvm::APSInt V = R.Val.getInt();
    if (V.isAllOnes() ||
        (V.getBitWidth() >= 32 && V.getZExtValue() == 0xFFFFFFFFu))
      return Untimed; // INFINITE
    return V.isNegative() ? Untimed : int64_t(V.getLimitedValue(INT64_MAX));
  }

  /// A call that no API handler takes: an edge to a user function, with
  /// the threads and handles it passes.
  void callEdge(const CallSite &Call) {
    const FunctionDecl *Callee = &Call.Callee;
    if (X.At.Function.empty() || X.isOpaque(Callee))
      return;
    const auto *M = dyn_cast<CXXMethodDecl>(Callee);
    const auto *MC = dyn_cast<CXXMemberCallExpr>(&Call.E);
    bool Virtual = M && M->isVirtual() && MC &&
                   !(isa<MemberExpr>(MC->getCallee()) &&
                     cast<MemberExpr>(MC->getCallee())->hasQualifier());
    addEdge(&Call.E, X.functionId(Callee),
            Virtual ? EdgeKind::VirtualCall : EdgeKind::Call, "",
            Flow.passArguments(&Call.E, Callee),
            Objects.receiverOf(Call.Object, *Callee),
            Objects.objectArgs(Call.E, *Callee));
    if (!Callee->doesThisDeclarationHaveABody() && !Callee->hasBody())
      declareCallee(Callee);
    pullFunction(Callee);
  }

  // ---- Library code, on demand
  // -----------------------------------------------

  /// A library function (in a system header, not opaque) that visited code
  /// calls: its body is visited after the translation unit.
  void pullFunction(const FunctionDecl *FD) {
    if (!X.isSystem(FD->getLocation()))
      return;
    if (const FunctionDecl *Def = FD->getDefinition();
        Def && !Def->isTemplated() && !Def->isInvalidDecl())
      pull(Def);
  }

  /// A library class that visited code destroys or holds: its members and
  /// bases, its destructor and its constructors (which start its threads,
  /// even when a standard function such as make_unique calls them).
  void pullClass(const CXXRecordDecl *RD) {
    if (X.isSystem(RD->getLocation()))
      if (const CXXRecordDecl *Def = RD->getDefinition())
        pull(Def);
  }

  void pull(const Decl *D) {
    if (Pulled.insert(D).second)
      Pending.push_back(D);
  }

  /// Visits what was pulled, and what that pulls, until nothing is left.
  void visitReached() {
    SaveAndRestore Library(InLibrary, true);
    while (!Pending.empty()) {
      Decl *D = const_cast<Decl *>(Pending.back());
      Pending.pop_back();
      if (auto *RD = dyn_cast<CXXRecordDecl>(D))
        visitLibraryClass(RD);
      else
        TraverseDecl(D);
    }
  }

  void visitLibraryClass(CXXRecordDecl *RD) {
    size_t Fields = X.Facts.Fields.size();
    VisitCXXRecordDecl(RD);
    // Default member initializers run in every constructor.
    for (FieldDecl *F : RD->fields())
      if (F->hasInClassInitializer())
        TraverseDecl(F);
    if (const CXXDestructorDecl *Dtor = RD->getDestructor())
      pullFunction(Dtor);
    for (const CXXConstructorDecl *Ctor : RD->ctors())
      pullFunction(Ctor);
    if (X.Facts.Fields.size() > Fields)
      ThreadOwners.push_back(RD);
  }

  /// The namespaces of the library classes that own threads are scanned
  /// for the functions that stop them: every function they define and
  /// this translation unit instantiates is visited, and pruneLibrary()
  /// keeps those that reach a join.
  void scanLibraryStops() {
    SmallVector<const NamespaceDecl *, 2> Scanned;
    for (const CXXRecordDecl *RD : ThreadOwners) {
      const NamespaceDecl *Top = nullptr;
      for (const DeclContext *C = RD->getDeclContext(); C; C = C->getParent())
        if (const auto *NS = dyn_cast<NamespaceDecl>(C))
          Top = NS;
      if (!Top || is_contained(Scanned, Top->getCanonicalDecl()))
        continue;
      Scanned.push_back(Top->getCanonicalDecl());
      for (const NamespaceDecl *R : Top->redecls())
        scanContext(R);
    }
    visitReached();
  }

  void scanContext(const DeclContext *DC) {
    for (const Decl *D : DC->decls()) {
      if (!X.isSystem(D->getLocation()))
        continue; // Visited with the translation unit.
      if (const auto *NS = dyn_cast<NamespaceDecl>(D)) {
        scanContext(NS);
      } else if (const auto *RD = dyn_cast<CXXRecordDecl>(D)) {
        if (RD->isThisDeclarationADefinition() && !RD->isDependentContext())
          scanContext(RD);
      } else if (const auto *CT = dyn_cast<ClassTemplateDecl>(D)) {
        for (const ClassTemplateSpecializationDecl *S : CT->specializations())
          if (S->isThisDeclarationADefinition())
            scanContext(S);
      } else if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D)) {
        for (const FunctionDecl *S : FT->specializations())
          pullFunction(S);
      } else if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
        if (FD->doesThisDeclarationHaveABody())
          pullFunction(FD);
      }
    }
  }

  /// Removes the library functions (Dependency) that reach no blocking
  /// site, thread start, root or thread member, with the calls to and from
  /// them, then the static variables whose destruction did nothing else
  /// and the library's handle members that no thread goes into. A virtual
  /// call or a destruction through a pointer from the unit's own code is
  /// kept: an override defined elsewhere may reach a blocking site.
  void pruneLibrary() {
    TUFacts &F = X.Facts;
    StringSet<> Library;
    for (const FunctionFact &Fn : F.Functions)
      if (Fn.Dependency)
        Library.insert(Fn.Id);
    pruneLibraryFields();
    if (Library.empty())
      return;
    StringMap<SmallVector<StringRef, 2>> Callers;
    for (const CallEdge &E : F.Calls)
      Callers[E.Callee].push_back(E.Caller);
    for (const OverrideFact &O : F.Overrides)
      Callers[O.Overrider].push_back(O.Base);
    StringSet<> Kept;
    std::vector<StringRef> Work;
    auto Keep = [&](StringRef Id) {
      if (Id.empty())
        return;
      if (auto [It, New] = Kept.insert(Id); New)
        Work.push_back(It->getKey()); // Id may be a temporary's.
    };
    for (const BlockingSite &S : F.Sites)
      Keep(S.Function);
    for (const ThreadStart &T : F.Starts)
      Keep(T.Routine);
    for (const RootFact &R : F.Roots)
      Keep(R.Function);
    for (const ThreadField &Fd : F.Fields)
      Keep(("D:" + Fd.Class).str());
    for (const auto &Id : StartsIn)
      Keep(Id.getKey());
    for (const auto &Id : HoldsRoot)
      Keep(Id.getKey());
    for (const CallEdge &E : F.Calls)
      if ((E.Kind == EdgeKind::VirtualCall ||
           E.Kind == EdgeKind::DestroysPointee) &&
          !Library.count(E.Caller))
        Keep(E.Callee);
    while (!Work.empty()) {
      StringRef Id = Work.back();
      Work.pop_back();
      auto It = Callers.find(Id);
      if (It != Callers.end())
        for (StringRef Caller : It->second)
          Keep(Caller);
    }
    auto Pruned = [&](StringRef Id) {
      return Library.count(Id) && !Kept.count(Id);
    };
    llvm::erase_if(F.Functions,
                   [&](const FunctionFact &Fn) { return Pruned(Fn.Id); });
    llvm::erase_if(F.Calls, [&](const CallEdge &E) {
      return Pruned(E.Caller) || Pruned(E.Callee);
    });
    llvm::erase_if(F.Overrides, [&](const OverrideFact &O) {
      return Pruned(O.Overrider) || Pruned(O.Base);
    });
    llvm::erase_if(F.Classes, [&](const ClassFact &C) {
      return Pruned(("D:" + C.Id).str());
    });
    // A static of a library class whose destruction reaches nothing.
    StringSet<> Acting;
    for (const CallEdge &E : F.Calls)
      Acting.insert(E.Caller);
    for (const BlockingSite &S : F.Sites)
      Acting.insert(S.Function);
    StringSet<> Idle;
    llvm::erase_if(F.Roots, [&](const RootFact &R) {
      bool Gone = R.Kind == RootKind::StaticDestructor &&
                  !Acting.count(R.Function) && !R.Class.empty() &&
                  Pruned(R.Class);
      if (Gone)
        Idle.insert(R.Function);
      return Gone;
    });
    llvm::erase_if(F.Functions,
                   [&](const FunctionFact &Fn) { return Idle.count(Fn.Id); });
  }

  /// A library's handle member (a void pointer, say) is kept where a
  /// thread is started into it or copied into it from where one starts.
  void pruneLibraryFields() {
    TUFacts &F = X.Facts;
    if (X.LibraryFields.empty())
      return;
    StringSet<> Threads;
    for (const ThreadStart &T : F.Starts)
      Threads.insert(T.Target);
    for (const HandleCopy &C : F.Copies)
      if (Threads.count(C.From))
        Threads.insert(C.To);
    StringSet<> Dropped;
    llvm::erase_if(F.Fields, [&](const ThreadField &Fd) {
      bool Drop = !Fd.ThreadObject && X.LibraryFields.count(Fd.Id) &&
                  !Threads.count(Fd.Id);
      if (Drop)
        Dropped.insert(Fd.Id);
      return Drop;
    });
    llvm::erase_if(F.Copies, [&](const HandleCopy &C) {
      return Dropped.count(C.To) || Dropped.count(C.From);
    });
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

  /// The dynamic initialization of a variable of static storage outside
  /// functions (a function's own static is initialized by that function)
  /// runs when the program or the library is loaded.
  bool isDynamicallyInitialized(const VarDecl *V) const {
    return X.At.Function.empty() && V->hasGlobalStorage() &&
           !V->isStaticLocal() && V->getTLSKind() == VarDecl::TLS_None &&
           !isa<ParmVarDecl>(V) && !V->isInvalidDecl() && !V->isTemplated() &&
           !V->getType()->isDependentType() && V->getInit() &&
           X.Ctx.getLangOpts().CPlusPlus && !V->hasConstantInitialization();
  }

  /// While the initializer of such a variable is traversed, its calls are
  /// made by the node "I:<variable>", a StaticInitializer root when it calls
  /// or blocks on anything.
  struct StaticInitScope {
    Visitor &V;
    const VarDecl *Var;
    size_t Calls, Sites;
    StaticInitScope(Visitor &V, const VarDecl *Var)
        : V(V), Var(Var), Calls(V.X.Facts.Calls.size()),
          Sites(V.X.Facts.Sites.size()) {
      V.X.At.Function = V.X.str("I:" + V.X.usr(Var));
    }
    ~StaticInitScope() {
      extract::Extraction &X = V.X;
      FactString Node = X.At.Function;
      X.At.Function = "";
      // The variable's destruction (V:) is recorded meanwhile too.
      bool Does =
          std::any_of(X.Facts.Calls.begin() + Calls, X.Facts.Calls.end(),
                      [&](const CallEdge &E) { return E.Caller == Node; }) ||
          std::any_of(
              X.Facts.Sites.begin() + Sites, X.Facts.Sites.end(),
              [&](const BlockingSite &S) { return S.Function == Node; });
      if (Node == "I:" || !Does)
        return;
      RootFact R;
      R.Kind = RootKind::StaticInitializer;
      R.Function = Node;
      R.Name = X.str(qualifiedName(Var));
      R.Loc = X.loc(Var->getLocation());
      R.Intentional = X.isIntentional(Var);
      X.Facts.Functions.push_back({Node, R.Name, R.Loc});
      X.Facts.Roots.push_back(std::move(R));
    }
  };

  /// A variable placed in a ".CRT$XL*" section holds TLS callbacks: the
  /// loader calls each, holding the loader lock.
  void noteTlsCallbacks(const VarDecl *V) {
    const auto *Section = V->getAttr<SectionAttr>();
    if (!Section || !Section->getName().starts_with(".CRT$XL") || !V->getInit())
      return;
    const Expr *Init = strip(V->getInit());
    SmallVector<const Expr *, 2> Values{Init};
    if (const auto *List = dyn_cast<InitListExpr>(Init))
      Values.assign(List->inits().begin(), List->inits().end());
    for (const Expr *E : Values) {
      auto [Id, Name] = Flow.resolveFunction(E);
      if (Id.empty())
        continue;
      RootFact R;
      R.Kind = RootKind::TlsCallback;
      R.Function = Id;
      R.Name = Name;
      R.Loc = X.loc(V->getLocation());
      X.Facts.Roots.push_back(std::move(R));
    }
  }

  Context context() const { return Cond.contextOf(X.At); }

  // ---- Destruction
  // -----------------------------------------------------------

  /// Records what destroying an object of type T from node From destroys:
  /// a joining thread blocks, a thread member is noted, an owning template
  /// destroys its elements, a user class runs its destructor.
  void owns(QualType T, StringRef From, SourceLocation L, StringRef Via,
            const ValueDecl *Holder, const Context &C = {}, unsigned Depth = 0,
            bool Pointee = false) {
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
      if (!X.isOpaque(RD))
        addDestroys(RD, From, L, Via, C, Pointee);
      return;
    }
    if (X.isJoiningThreadType(RD)) {
      X.noteField(Holder, true);
      BlockingSite S;
      S.Function = X.str(From);
      S.Loc = X.loc(L);
      S.Prim = Primitive::JoiningDtor;
      S.Callee = X.str(destructorName(qualifiedName(RD)));
      if (Holder)
        S.Targets.push_back(X.usr(Holder));
      S.TargetText = X.str(Via);
      S.Guarded = true; // The destructor joins only a joinable thread.
      S.Reason = C.Reason;
      S.Path = C.Path;
      X.Facts.Sites.push_back(std::move(S));
      return;
    }
    if (X.isPlainThreadType(RD)) {
      X.noteField(Holder, true);
      return;
    }
    if (X.isNoDestructorTemplate(RD))
      return;
    if (X.isIntentional(RD)) {
      // Recorded but not followed by the rules (Intentional).
      addDestroys(RD, From, L, Via, C, Pointee, /*Intentional=*/true);
      return;
    }
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
        Spec && X.isOwningTemplate(RD)) {
      // A smart pointer may own a derived object.
      bool Pointer = X.isOwningPointer(RD);
      SmallVector<QualType, 4> Args;
      extract::typeArgs(Spec->getTemplateArgs().asArray(), Args);
      for (QualType A : Args)
        owns(A, From, L, Via, Holder, C, Depth + 1, Pointee || Pointer);
      return;
    }
    if (X.isOpaque(RD) || (RD->hasTrivialDestructor() && !wrapsThread(RD)))
      return;
    pullClass(RD);
    addDestroys(RD, From, L, Via, C, Pointee);
  }

  /// Whether a trivially destructible class holds a thread or a handle, in
  /// a member or a member's member ("class Thread { pthread_t tid_; }"):
  /// destroying it destroys that thread's owner, whose stop the ownership
  /// rule looks for.
  bool wrapsThread(const CXXRecordDecl *RD, unsigned Depth = 0) {
    if (!RD || !RD->hasDefinition() || Depth > 4)
      return false;
    RD = RD->getDefinition();
    if (auto It = Wraps.find(RD); It != Wraps.end())
      return It->second;
    Wraps[RD] = false; // A class that holds itself through a pointer.
    bool W = false;
    for (const FieldDecl *F : RD->fields()) {
      QualType T = F->getType();
      while (const ArrayType *A = X.Ctx.getAsArrayType(T))
        T = A->getElementType();
      if ((Flow.isHandleLike(T) && T->getAs<TypedefType>()) ||
          X.holdsThreads(T) ||
          (T->isRecordType() && !T->isPointerType() &&
           wrapsThread(T->getAsCXXRecordDecl(), Depth + 1))) {
        W = true;
        break;
      }
    }
    for (const CXXBaseSpecifier &B : RD->bases())
      W = W || wrapsThread(B.getType()->getAsCXXRecordDecl(), Depth + 1);
    return Wraps[RD] = W;
  }

  /// From destroys an object of class RD (through a pointer: Pointee).
  void addDestroys(const CXXRecordDecl *RD, StringRef From, SourceLocation L,
                   StringRef Via, const Context &C, bool Pointee,
                   bool Intentional = false) {
    FactString Id = X.usr(RD);
    if (Id.empty())
      return;
    CallEdge E;
    E.Caller = X.str(From);
    E.Callee = X.str("D:" + Id);
    E.Loc = X.loc(L);
    E.Kind = Pointee ? EdgeKind::DestroysPointee : EdgeKind::Destroys;
    E.Via = X.str(Via);
    // A smart pointer destroys its pointee only when it holds one.
    E.Guarded = C.Guarded || Pointee;
    E.Intentional = Intentional;
    E.Reason = C.Reason;
    E.Path = C.Path;
    X.Facts.Calls.push_back(std::move(E));
  }

  // ---- Recording
  // -------------------------------------------------------------

  void addEdge(const Expr *E, StringRef Callee, EdgeKind Kind, StringRef Via,
               FactList Args = {}, StringRef Receiver = "",
               FactList ObjectArgs = {}) {
    if (Callee.empty() || X.At.Function.empty())
      return;
    Context C = context();
    CallEdge Edge;
    Edge.Caller = X.At.Function;
    Edge.Callee = X.str(Callee);
    Edge.Loc = X.loc(E->getBeginLoc());
    Edge.Kind = Kind;
    Edge.Guarded = C.Guarded;
    Edge.Via = X.str(Via);
    Edge.Reason = C.Reason;
    Edge.Path = C.Path;
    Edge.Receiver = X.str(Receiver);
    CallPasses Passes;
    Passes.Args = std::move(Args);
    Passes.ObjectArgs = std::move(ObjectArgs);
    Passes.ParamConds = X.strs(C.ParamConds);
    // From a DLL entry point, "Cleanup(lpvReserved != nullptr)".
    if (const auto *Call = dyn_cast<CallExpr>(E); Call && X.At.ReservedParam)
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (int T = Cond.testsReserved(Call->getArg(I), X.At))
          Passes.PathArgs.push_back(X.str(Twine(I) + (T > 0 ? "=+" : "=-")));
    Edge.setPasses(std::move(Passes));
    X.Facts.Calls.push_back(std::move(Edge));
  }

  void addSite(const Expr *Call, Primitive P, StringRef Callee,
               const Expr *Target, int64_t TimeoutMs = Untimed) {
    if (X.At.Function.empty())
      return;
    Context C = context();
    BlockingSite S;
    S.Function = X.At.Function;
    S.Loc = X.loc(Call->getBeginLoc());
    S.Prim = P;
    S.Callee = X.str(Callee);
    S.Targets = Flow.targets(Target);
    S.TargetText = X.text(Target);
    S.Guarded = C.Guarded;
    S.Reason = C.Reason;
    S.Path = C.Path;
    S.ParamConds = X.strs(C.ParamConds);
    // A handle taken from a thread object is a thread handle.
    S.KnownThreadHandle = Flow.isThreadHandleOf(Target);
    if (Target)
      S.Receiver = Objects.ownerOfTarget(Target);
    S.TimeoutMs = TimeoutMs;
    if (TimeoutMs != Untimed) {
      S.InLoop = Cond.inLoop(X.At);
      S.Then = X.str(killedAfter(S.Targets));
    }
    X.Facts.Sites.push_back(std::move(S));
  }

  void addStart(const Expr *E, StringRef Target, StringRef Creator,
                const Expr *Routine, bool Handle) {
    if (!X.At.Function.empty())
      StartsIn.insert(X.At.Function);
    ThreadStart T;
    T.Target = X.str(Target);
    T.Loc = X.loc(E->getBeginLoc());
    T.Creator = X.str(Creator);
    if (Routine)
      std::tie(T.Routine, T.RoutineName) = Flow.resolveFunction(Routine);
    T.Handle = Handle;
    T.Function = X.At.Function;
    X.Facts.Starts.push_back(std::move(T));
  }

  /// The function that kills a thread of Targets after the current
  /// statement times out: "if (WaitForSingleObject(h, 50) == WAIT_TIMEOUT)
  /// TerminateThread(h, 1);", in that statement or the ones after it in
  /// its block. Empty when none does.
  std::string killedAfter(ArrayRef<FactString> Targets) {
    ArrayRef<Stmt *> Up = X.At.Ancestors;
    for (size_t I = Up.size(); I-- > 1;) {
      const auto *Block = dyn_cast<CompoundStmt>(Up[I - 1]);
      if (!Block)
        continue;
      bool After = false;
      for (const Stmt *S : Block->body()) {
        After |= S == Up[I];
        if (After)
          if (std::string K = killerIn(S, Targets); !K.empty())
            return K;
      }
      return "";
    }
    return "";
  }

  std::string killerIn(const Stmt *S, ArrayRef<FactString> Targets) {
    if (!S)
      return "";
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *F = CE->getDirectCallee();
          F && CE->getNumArgs() > 0 &&
          matchesAnyName(qualifiedName(F), X.Apis.ThreadKillers))
        for (FactString T : Flow.targets(CE->getArg(0)))
          if (is_contained(Targets, T))
            return qualifiedName(F);
    for (const Stmt *C : S->children())
      if (std::string K = killerIn(C, Targets); !K.empty())
        return K;
    return "";
  }

  /// A function called here but defined elsewhere (or pure virtual): its
  /// name, for the notes.
  void declareCallee(const FunctionDecl *FD) {
    FunctionFact F;
    F.Id = X.functionId(FD);
    F.Name = X.str(qualifiedName(FD));
    F.Loc = X.loc(FD->getLocation());
    F.Dependency = X.isSystem(FD->getLocation());
    X.Facts.Functions.push_back(std::move(F));
  }

  void declareFunction(const FunctionDecl *FD) {
    if (isa<CXXDestructorDecl>(FD))
      return; // The D: node is declared with its class.
    FunctionFact F;
    F.Id = X.At.Function;
    const auto *M = dyn_cast<CXXMethodDecl>(FD);
    F.Name = M && M->getParent()->isLambda() ? X.lambdaName(FD->getLocation())
                                             : X.str(qualifiedName(FD));
    F.Loc = X.loc(FD->getLocation());
    F.External =
        FD->isExternallyVisible() &&
        (!M || (M->getAccess() == AS_public && !M->getParent()->isLambda()));
    F.IsMain = X.isProgramEntry(FD);
    F.IsDllEntry = X.isDllEntry(FD);
    F.IsDestructorAttr = FD->hasAttr<DestructorAttr>();
    F.Dependency = InLibrary;
    F.IsConstructorAttr = FD->hasAttr<ConstructorAttr>();
    F.ExternC = FD->isExternC();
    F.Exported = isExported(FD);
    if (F.IsDllEntry || F.IsDestructorAttr || F.IsConstructorAttr) {
      RootFact R;
      R.Kind = F.IsDllEntry         ? RootKind::DllEntry
               : F.IsDestructorAttr ? RootKind::DestructorFunction
                                    : RootKind::ConstructorFunction;
      R.Function = F.Id;
      R.Name = F.Name;
      R.Loc = F.Loc;
      X.Facts.Roots.push_back(std::move(R));
      DefinesDllEntry |= F.IsDllEntry;
    }
    X.Facts.Functions.push_back(std::move(F));
  }

  /// dllexport, or an explicit visibility("default") in a unit whose
  /// default is hidden (-fvisibility=hidden).
  bool isExported(const FunctionDecl *FD) const {
    if (FD->hasAttr<DLLExportAttr>())
      return true;
    std::optional<Visibility> V =
        FD->getExplicitVisibility(NamedDecl::VisibilityForValue);
    if (!V)
      if (const auto *M = dyn_cast<CXXMethodDecl>(FD))
        V = M->getParent()->getExplicitVisibility(NamedDecl::VisibilityForType);
    return V && *V == DefaultVisibility &&
           X.Ctx.getLangOpts().getValueVisibilityMode() != DefaultVisibility;
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
      F.Id = X.str(Id.getKey());
      F.AddressTaken = true;
      X.Facts.Functions.push_back(std::move(F));
    }
  }

  extract::Extraction X;
  extract::Conditions Cond;
  extract::ValueFlow Flow;
  extract::Receivers Objects;
  CallMap<ApiCall> Calls;
  bool DefinesDllEntry = false;
  StringSet<> AddressTaken;
  /// Temporaries emptied by a move (noteMovedFrom).
  SmallPtrSet<const CXXBindTemporaryExpr *, 8> MovedFrom;
  /// Library code: what is pulled, what is left to visit, whether it is
  /// visited now, and the library classes found to own threads.
  DenseSet<const Decl *> Pulled;
  std::vector<const Decl *> Pending;
  bool InLibrary = false;
  std::vector<const CXXRecordDecl *> ThreadOwners;
  /// Functions that start a thread, and functions that hold a root (a
  /// function-local static, an atexit registration): never pruned.
  StringSet<> StartsIn;
  StringSet<> HoldsRoot;
  llvm::DenseMap<const CXXRecordDecl *, bool> Wraps;
};

} // namespace

TUFacts extractFacts(ASTContext &Ctx, const ModelOptions &Options) {
  return Visitor(Ctx, Options).run();
}

} // namespace shutdown
