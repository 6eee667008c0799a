//===- Extractor.cpp - From one AST to teardown facts ---------------------===//
//
// One RecursiveASTVisitor pass over the user code of the translation unit.
// The visitor keeps the statements above the current one (Ancestors) so that
// each call can be placed in its context without building a parent map:
//   - is it guarded by object state ("if (t.joinable())", "if (m_hThread)")?
//   - inside a DLL entry point, under which reason and lpvReserved test?
//   - where does the value it creates go (a thread handle into a member)?
//
//===----------------------------------------------------------------------===//

#include "checkers/model/Extractor.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace llvm;

namespace shutdown {
namespace {

constexpr StringRef IntentionalAnnotation = "shutdown-hazards:intentional";
constexpr StringRef AtExitRegistrars[] = {"atexit", "at_quick_exit", "_onexit",
                                          "onexit"};
constexpr StringRef ContainerInserters[] = {
    "push_back", "emplace_back", "push_front", "emplace_front",
    "emplace",   "insert",       "try_emplace"};
constexpr StringRef TargetForwarders[] = {
    "get",   "native_handle", "at",        "front",      "back",
    "value", "data",          "operator*", "operator->", "operator[]"};

/// Qualified name without inline or anonymous namespaces and without
/// template arguments: "std::thread", "Worker::stop".
std::string qualifiedName(const NamedDecl *D) {
  if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(D))
    return destructorName(qualifiedName(Dtor->getParent()));
  SmallVector<StringRef, 4> Parts;
  for (const DeclContext *C = D->getDeclContext(); C; C = C->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(C)) {
      if (!NS->isInline() && !NS->isAnonymousNamespace())
        Parts.push_back(NS->getName());
    } else if (const auto *R = dyn_cast<RecordDecl>(C)) {
      if (R->getIdentifier())
        Parts.push_back(R->getName());
    } else if (const auto *F = dyn_cast<FunctionDecl>(C)) {
      if (F->getIdentifier())
        Parts.push_back(F->getName());
    }
  }
  std::string S;
  for (StringRef P : llvm::reverse(Parts))
    (S += P) += "::";
  return S + D->getNameAsString();
}

/// The identifier of a declaration, or "" for operators and conversions.
StringRef simpleName(const NamedDecl *D) {
  return D && D->getIdentifier() ? D->getName() : StringRef();
}

const Expr *strip(const Expr *E) {
  while (E) {
    E = E->IgnoreParenCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *W = dyn_cast<ExprWithCleanups>(E))
      E = W->getSubExpr();
    else if (const auto *U = dyn_cast<UnaryOperator>(E);
             U && (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Plus ||
                   U->getOpcode() == UO_Deref))
      E = U->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E);
             C && C->getNumArgs() == 1 &&
             (C->getConstructor()->isCopyOrMoveConstructor() ||
              C->getConstructor()->isConvertingConstructor(false)))
      E = C->getArg(0);
    else
      return E;
  }
  return E;
}

/// What the conditions around the innermost statement say.
struct Context {
  bool Guarded = false;
  DllReason Reason = DllReason::Any;
  DllPath Path = DllPath::Unknown;
};

/// The type arguments of a template specialization, packs expanded:
/// std::tuple<int, Joiner> gives int and Joiner.
void typeArgs(ArrayRef<TemplateArgument> Args, SmallVectorImpl<QualType> &Out) {
  for (const TemplateArgument &A : Args) {
    if (A.getKind() == TemplateArgument::Type)
      Out.push_back(A.getAsType());
    else if (A.getKind() == TemplateArgument::Pack)
      typeArgs(A.pack_elements(), Out);
  }
}

class Visitor : public RecursiveASTVisitor<Visitor> {
  using Base = RecursiveASTVisitor<Visitor>;

public:
  Visitor(ASTContext &Ctx, const ModelOptions &Opts)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Opts(Opts) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const {
    return false;
  } // See TraverseLambdaExpr.

  TUFacts run() {
    if (auto FE = SM.getFileEntryRefForID(SM.getMainFileID()))
      Facts.MainFile = path(*FE);
    TraverseAST(Ctx);
    finish();
    Facts.normalize();
    return std::move(Facts);
  }

  // ---- Traversal: scope tracking -----------------------------------------

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D) && isSystem(D->getLocation()))
      return true;
    if (auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (FD->isTemplated())
        return true; // Patterns: their instantiations are visited instead.
      if (FD->doesThisDeclarationHaveABody() && !FD->isInvalidDecl()) {
        Scope S(*this, FD, functionId(FD));
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
    Scope S(*this, Op, functionId(Op));
    declareFunction(Op);
    return TraverseStmt(L->getBody());
  }

  bool TraverseStmt(Stmt *S, DataRecursionQueue * = nullptr) {
    if (!S)
      return true;
    Ancestors.push_back(S);
    bool R = Base::TraverseStmt(S, nullptr);
    Ancestors.pop_back();
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
        F && Init->getInit() && isHandleLike(F->getType()))
      copyInto(usr(F), Init->getInit());
    InitScope I(*this, Init->getAnyMember());
    return Base::TraverseConstructorInitializer(Init);
  }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) {
    if (S->getLoopVariable() && S->getRangeInit())
      RangeOf[S->getLoopVariable()] = S->getRangeInit();
    return Base::TraverseCXXForRangeStmt(S);
  }

  // ---- Declarations --------------------------------------------------------

  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (!RD->isThisDeclarationADefinition() || RD->isDependentContext() ||
        RD->isLambda() || RD->isInvalidDecl() || RD->isUnion())
      return true;
    std::string ClassId = usr(RD);
    if (ClassId.empty())
      return true;
    Facts.Classes.push_back(
        {ClassId, qualifiedName(RD), loc(RD->getLocation())});
    if (isIntentional(RD))
      Facts.Annotations.push_back(
          {"D:" + ClassId, qualifiedName(RD), loc(RD->getLocation())});
    std::string Node = "D:" + ClassId;
    for (const FieldDecl *F : RD->fields())
      owns(F->getType(), Node, F->getLocation(),
           "member '" + F->getNameAsString() + "'", F);
    for (const CXXBaseSpecifier &B : RD->bases())
      owns(B.getType(), Node, B.getBeginLoc(),
           "base class '" + B.getType().getAsString(policy()) + "'", nullptr);
    if (!RD->hasTrivialDestructor()) {
      const CXXDestructorDecl *Dtor = RD->getDestructor();
      FunctionFact F;
      F.Id = Node;
      F.Name = destructorName(qualifiedName(RD));
      F.Loc = loc(Dtor && !Dtor->isImplicit() ? Dtor->getLocation()
                                              : RD->getLocation());
      Facts.Functions.push_back(std::move(F));
    }
    for (const CXXMethodDecl *M : RD->methods()) {
      for (const CXXMethodDecl *O : M->overridden_methods())
        Facts.Overrides.push_back({functionId(M), functionId(O)});
    }
    // A virtual base destructor makes this one virtual, declared or not.
    for (const CXXBaseSpecifier &B : RD->bases())
      if (const CXXRecordDecl *BR = B.getType()->getAsCXXRecordDecl())
        if (const CXXDestructorDecl *BD = BR->getDestructor();
            BD && BD->isVirtual())
          Facts.Overrides.push_back({Node, functionId(BD)});
    return true;
  }

  bool VisitVarDecl(VarDecl *V) {
    if (isa<ParmVarDecl>(V) || V->isInvalidDecl() || V->isTemplated() ||
        V->getType()->isDependentType())
      return true;
    // "HANDLE H = startWorker();": the value flows into H.
    if (V->hasGlobalStorage() && V->getInit() && isHandleLike(V->getType()))
      copyInto(usr(V), V->getInit());
    if (V->getStorageDuration() == SD_Static) {
      if (V->isThisDeclarationADefinition() == VarDecl::DeclarationOnly)
        return true;
      std::string Id = usr(V);
      if (Id.empty())
        return true;
      std::string Node = "V:" + Id;
      // Its teardown is still recorded, so that an annotation that silences
      // nothing can be told (the rules do not start from it).
      bool Intentional = isIntentional(V);
      if (Intentional)
        Facts.Annotations.push_back(
            {Node, qualifiedName(V), loc(V->getLocation())});
      size_t Edges = Facts.Calls.size(), Sites = Facts.Sites.size();
      owns(V->getType(), Node, V->getLocation(),
           "'" + V->getNameAsString() + "'", V);
      if (Facts.Calls.size() == Edges && Facts.Sites.size() == Sites)
        return true;
      RootFact R;
      R.Kind = RootKind::StaticDestructor;
      R.Function = Node;
      R.Name = qualifiedName(V);
      R.Loc = loc(V->getLocation());
      R.Intentional = Intentional;
      if (Facts.Calls.size() > Edges)
        R.Class = Facts.Calls[Edges].Callee;
      Facts.Roots.push_back(std::move(R));
      Facts.Functions.push_back(
          {Node, qualifiedName(V), loc(V->getLocation())});
      return true;
    }
    if (V->getStorageDuration() == SD_Automatic && !Current.empty())
      owns(V->getType(), Current, V->getLocation(),
           "local '" + V->getNameAsString() + "'", V, context());
    return true;
  }

  // ---- Expressions ---------------------------------------------------------

  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return true;
    if (const Expr *CalleeExpr = CE->getCallee())
      DirectCallees.insert(strip(CalleeExpr));
    std::string Name = qualifiedName(Callee);
    const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
    const Expr *Object = MC ? MC->getImplicitObjectArgument() : nullptr;
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
        OC && isa<CXXMethodDecl>(Callee) && OC->getNumArgs() > 0)
      Object = OC->getArg(0);
    const CXXRecordDecl *ObjectClass =
        Object ? Object->getType()->getPointeeCXXRecordDecl() : nullptr;
    if (Object && !ObjectClass)
      ObjectClass = Object->getType()->getAsCXXRecordDecl();

    // Blocking primitives.
    if (MC && simpleName(Callee) == "join" && ObjectClass &&
        isThreadType(ObjectClass)) {
      addSite(CE, Primitive::Join, qualifiedName(ObjectClass) + "::join",
              Object);
      return true;
    }
    if (matchesAnyName(Name, Opts.JoinFunctions) && CE->getNumArgs() > 0) {
      addSite(CE, Primitive::JoinFunction, Name, CE->getArg(0));
      return true;
    }
    for (const WaitFunction &W : Opts.WaitFunctions) {
      if (!matchesName(Name, W.Name) || CE->getNumArgs() <= W.HandleArg)
        continue;
      if (W.TimeoutArg >= 0 && unsigned(W.TimeoutArg) < CE->getNumArgs()) {
        Expr::EvalResult R;
        if (CE->getArg(W.TimeoutArg)->EvaluateAsInt(R, Ctx) &&
            R.Val.getInt().isZero())
          return true; // A poll: it does not block.
      }
      addSite(CE, Primitive::Win32Wait, Name, CE->getArg(W.HandleArg));
      return true;
    }

    // Thread creation and handle flow.
    for (const ThreadCreator &C : Opts.ThreadCreators) {
      if (!matchesName(Name, C.Name))
        continue;
      std::string Target;
      if (C.HandleArg < 0)
        Target = storageTarget(CE);
      else if (unsigned(C.HandleArg) < CE->getNumArgs())
        Target = firstOf(resolveTargets(CE->getArg(C.HandleArg)));
      const Expr *Routine =
          C.RoutineArg >= 0 && unsigned(C.RoutineArg) < CE->getNumArgs()
              ? CE->getArg(C.RoutineArg)
              : nullptr;
      addStart(CE, Target, Name, Routine, C.Win32Handle);
      return true;
    }
    if (Name == "DuplicateHandle" && CE->getNumArgs() > 3) {
      for (const std::string &To : resolveTargets(CE->getArg(3)))
        for (const std::string &From : resolveTargets(CE->getArg(1)))
          Facts.Copies.push_back({To, From});
      return true;
    }
    if (matchesAnyName(Name, AtExitNames) && CE->getNumArgs() > 0) {
      auto [Id, Handler] = resolveFunction(CE->getArg(0));
      if (!Id.empty()) {
        RootFact R;
        R.Kind = RootKind::AtExit;
        R.Function = Id;
        R.Name = Handler;
        R.Loc = loc(CE->getBeginLoc());
        R.Registrar = Name;
        Facts.Roots.push_back(std::move(R));
      }
      return true;
    }
    if (MC && ObjectClass && isSystem(ObjectClass->getLocation()) &&
        is_contained(ContainerInserters, simpleName(Callee)) &&
        holdsThreads(Object->getType()) && CE->getNumArgs() > 0 &&
        !isa<CXXConstructExpr>(strip(CE->getArg(0)))) {
      // threads_.emplace_back(&Worker::run, this): a thread built in place.
      addStart(CE, firstOf(resolveTargets(Object)),
               threadTypeName(Object->getType()), CE->getArg(0), false);
      return true;
    }

    // "p.reset()" or "p = nullptr" on an owning smart pointer destroys the
    // pointee here, as "delete" would. (Assigning a new object usually
    // replaces an empty pointer: it is not counted.)
    // (libstdc++'s shared_ptr::reset is a member of its base __shared_ptr:
    // the pointer's own type is the object's before the derived-to-base cast.)
    const CXXRecordDecl *Pointer =
        Object ? Object->IgnoreParenImpCasts()->getType()->getAsCXXRecordDecl()
               : nullptr;
    if (!Current.empty() && Pointer && isOwningPointer(Pointer) &&
        ((simpleName(Callee) == "reset" &&
          (CE->getNumArgs() == 0 || isEmptyValue(CE->getArg(0)))) ||
         (isa<CXXOperatorCallExpr>(CE) &&
          cast<CXXOperatorCallExpr>(CE)->getOperator() == OO_Equal &&
          CE->getNumArgs() == 2 && isEmptyValue(CE->getArg(1))))) {
      owns(Object->IgnoreParenImpCasts()->getType().getNonReferenceType(),
           Current, CE->getBeginLoc(), destroyVia(Object, "reset"), nullptr,
           context());
      return true;
    }

    if (Current.empty() || isSystem(Callee->getLocation()))
      return true;
    const auto *M = dyn_cast<CXXMethodDecl>(Callee);
    bool Virtual = M && M->isVirtual() && MC &&
                   !(isa<MemberExpr>(MC->getCallee()) &&
                     cast<MemberExpr>(MC->getCallee())->hasQualifier());
    // Threads and handles passed to a helper flow into its parameters: per
    // call site (Args), and for all callers at once (Copies).
    std::vector<std::string> Args;
    unsigned Shift = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee);
    for (unsigned I = Shift; I < CE->getNumArgs(); ++I) {
      unsigned P = I - Shift;
      if (P >= Callee->getNumParams())
        break;
      QualType PT = Callee->getParamDecl(P)->getType().getNonReferenceType();
      if (isHandleLike(PT) || holdsThreads(PT) ||
          (PT->isPointerType() && holdsThreads(PT->getPointeeType())))
        for (const std::string &From : resolveTargets(CE->getArg(I))) {
          Facts.Copies.push_back({paramId(Callee, P), From});
          Args.push_back(std::to_string(P) + "=" + From);
        }
    }
    addEdge(CE, functionId(Callee),
            Virtual ? EdgeKind::VirtualCall : EdgeKind::Call, "",
            std::move(Args));
    if (!Callee->doesThisDeclarationHaveABody() && !Callee->hasBody())
      declareCallee(Callee);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    const CXXConstructorDecl *Ctor = E->getConstructor();
    const CXXRecordDecl *RD = Ctor ? Ctor->getParent() : nullptr;
    if (!RD)
      return true;
    if (isThreadType(RD) && E->getNumArgs() > 0 &&
        !Ctor->isCopyOrMoveConstructor()) {
      addStart(E, storageTarget(E), qualifiedName(RD), E->getArg(0), false);
      return true;
    }
    if (!Current.empty() && !Ctor->isTrivial() &&
        !isSystem(Ctor->getLocation()))
      addEdge(E, functionId(Ctor), EdgeKind::Call, "");
    return true;
  }

  bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
    if (Current.empty())
      return true;
    QualType T = E->getDestroyedType();
    const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
    if (RD && RD->getDestructor() && RD->getDestructor()->isVirtual() &&
        !isSystem(RD->getLocation()))
      addEdge(E, "D:" + usr(RD), EdgeKind::VirtualCall, "delete");
    else if (!T.isNull())
      owns(T, Current, E->getBeginLoc(), destroyVia(E->getArgument(), "delete"),
           nullptr, context());
    return true;
  }

  /// How "delete p" or "p.reset()" is told: Action, or, when p is a local
  /// pointer that was given a new object where it was declared
  /// ("auto p = std::make_shared<Pool>()", "Pool *p = new Pool"), as the
  /// destruction of a local: that object is another instance than any
  /// static one, so destroying it stops none of their threads.
  std::string destroyVia(const Expr *Pointer, StringRef Action) {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(strip(Pointer));
    const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) || !V->getInit())
      return Action.str();
    const Expr *Init = strip(V->getInit());
    if (const auto *C = dyn_cast<CXXConstructExpr>(Init); C && C->getNumArgs())
      Init = strip(C->getArg(0));
    bool Fresh = isa<CXXNewExpr>(Init);
    if (const auto *Call = dyn_cast<CallExpr>(Init))
      if (const FunctionDecl *F = Call->getDirectCallee())
        Fresh =
            is_contained({StringRef("make_shared"), StringRef("make_unique"),
                          StringRef("allocate_shared")},
                         simpleName(F));
    return Fresh ? "local '" + V->getNameAsString() + "'" : Action.str();
  }

  bool VisitCXXBindTemporaryExpr(CXXBindTemporaryExpr *E) {
    if (!Current.empty())
      owns(E->getType(), Current, E->getBeginLoc(), "temporary", nullptr,
           context());
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (isa<FunctionDecl>(E->getDecl()) && !DirectCallees.count(E))
      AddressTaken.insert(functionId(cast<FunctionDecl>(E->getDecl())));
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() == BO_Assign && isHandleLike(B->getLHS()->getType()))
      copy(B->getLHS(), B->getRHS());
    return true;
  }

private:
  // ---- Helpers: scopes -----------------------------------------------------

  struct Scope {
    Visitor &V;
    std::string SavedId;
    const FunctionDecl *SavedFD;
    std::vector<Stmt *> SavedAncestors;
    const ValueDecl *SavedInit;
    Scope(Visitor &V, const FunctionDecl *FD, std::string Id)
        : V(V), SavedId(std::move(V.Current)), SavedFD(V.CurrentFD),
          SavedAncestors(std::move(V.Ancestors)), SavedInit(V.InitDecl) {
      V.Current = std::move(Id);
      V.CurrentFD = FD;
      V.Ancestors.clear();
      V.InitDecl = nullptr;
    }
    ~Scope() {
      V.Current = std::move(SavedId);
      V.CurrentFD = SavedFD;
      V.Ancestors = std::move(SavedAncestors);
      V.InitDecl = SavedInit;
    }
  };

  /// While a variable or member initializer is traversed, a value created at
  /// its top level is stored into that declaration.
  struct InitScope {
    Visitor &V;
    const ValueDecl *SavedDecl;
    InitScope(Visitor &V, const ValueDecl *D) : V(V), SavedDecl(V.InitDecl) {
      V.InitDecl = D;
    }
    ~InitScope() { V.InitDecl = SavedDecl; }
  };

  // ---- Helpers: names, ids, locations --------------------------------------

  PrintingPolicy policy() const {
    PrintingPolicy P(Ctx.getLangOpts());
    P.SuppressTagKeyword = true;
    return P;
  }

  bool isSystem(SourceLocation L) const {
    return L.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(L));
  }

  std::string usr(const Decl *D) {
    auto It = Usrs.find(D);
    if (It != Usrs.end())
      return It->second;
    SmallString<128> Buf;
    std::string S;
    if (!index::generateUSRForDecl(D, Buf))
      S = Buf.str().str();
    return Usrs[D] = S;
  }

  /// A parameter, as a target: what callers pass flows into it.
  std::string paramId(const FunctionDecl *FD, unsigned Index) {
    return "P:" + functionId(FD) + "#" + std::to_string(Index);
  }

  std::string functionId(const FunctionDecl *FD) {
    if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(FD))
      return "D:" + usr(Dtor->getParent());
    return usr(FD);
  }

  std::string path(FileEntryRef FE) {
    auto It = Paths.find(FE.getName());
    if (It != Paths.end())
      return It->second;
    SmallString<256> P(FE.getName());
    SM.getFileManager().makeAbsolutePath(P);
    sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    return Paths[FE.getName()] = P.str().str();
  }

  SourceLoc loc(SourceLocation L) {
    SourceLoc R;
    if (L.isInvalid())
      return R;
    L = SM.getExpansionLoc(L);
    FileID F = SM.getFileID(L);
    if (auto FE = SM.getFileEntryRefForID(F))
      R.File = path(*FE);
    R.Line = SM.getExpansionLineNumber(L);
    R.Col = SM.getExpansionColumnNumber(L);
    return R;
  }

  std::string text(const Expr *E) {
    CharSourceRange R = CharSourceRange::getTokenRange(E->getSourceRange());
    StringRef T =
        Lexer::getSourceText(SM.getExpansionRange(R), SM, Ctx.getLangOpts());
    return T.size() > 60 ? (T.take_front(57) + "...").str() : T.str();
  }

  static std::string firstOf(const std::vector<std::string> &V) {
    return V.empty() ? std::string() : V.front();
  }

  // ---- Helpers: types ----------------------------------------------------

  bool isThreadType(const CXXRecordDecl *RD) {
    std::string N = qualifiedName(RD);
    return matchesAnyName(N, Opts.ThreadTypes) ||
           matchesAnyName(N, Opts.JoiningThreadTypes);
  }

  /// Marked [[clang::annotate("shutdown-hazards:intentional")]]: the user
  /// says the object is never destroyed, or its threads stopped before exit,
  /// in ways the model cannot see.
  static bool isIntentional(const Decl *D) {
    for (const Decl *R : D->redecls())
      for (const auto *A : R->specific_attrs<AnnotateAttr>())
        if (A->getAnnotation() == IntentionalAnnotation)
          return true;
    return false;
  }

  /// An owning template with operator->: unique_ptr, shared_ptr.
  bool isOwningPointer(const CXXRecordDecl *RD) {
    return isa<ClassTemplateSpecializationDecl>(RD) &&
           matchesAnyName(qualifiedName(RD), Opts.OwningTemplates) &&
           hasArrow(RD, 0);
  }

  /// Whether RD or a base declares operator-> (libstdc++'s shared_ptr
  /// inherits it).
  bool hasArrow(const CXXRecordDecl *RD, unsigned Depth) {
    if (!RD || !RD->hasDefinition() || Depth > 4)
      return false;
    if (!RD->lookup(Ctx.DeclarationNames.getCXXOperatorName(OO_Arrow)).empty())
      return true;
    return any_of(RD->bases(), [&](const CXXBaseSpecifier &B) {
      return hasArrow(B.getType()->getAsCXXRecordDecl(), Depth + 1);
    });
  }

  /// The thread type T is, or holds through owning templates ("std::jthread"
  /// for vector<jthread>, arrays looked through); "" when it holds none.
  std::string threadTypeName(QualType T, unsigned Depth = 0) {
    T = T.getNonReferenceType().getCanonicalType();
    while (const ArrayType *A = Ctx.getAsArrayType(T))
      T = A->getElementType().getCanonicalType();
    const auto *RD = T->getAsCXXRecordDecl();
    if (!RD || Depth > 4)
      return "";
    if (isThreadType(RD))
      return qualifiedName(RD);
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
    if (!Spec || !matchesAnyName(qualifiedName(RD), Opts.OwningTemplates))
      return "";
    SmallVector<QualType, 4> Args;
    typeArgs(Spec->getTemplateArgs().asArray(), Args);
    for (QualType A : Args)
      if (std::string N = threadTypeName(A, Depth + 1); !N.empty())
        return N;
    return "";
  }

  /// Whether T is a thread, or owns threads through an owning template.
  bool holdsThreads(QualType T) { return !threadTypeName(T).empty(); }

  /// Records what destroying an object of type T from node From destroys:
  /// a joining thread blocks, a thread member is noted, an owning template
  /// destroys its elements, a user class runs its destructor.
  void owns(QualType T, const std::string &From, SourceLocation L,
            const std::string &Via, const ValueDecl *Holder,
            const Context &C = {}, unsigned Depth = 0, bool Pointee = false) {
    if (T.isNull() || Depth > 4)
      return;
    T = T.getCanonicalType();
    while (const ArrayType *A = Ctx.getAsArrayType(T))
      T = A->getElementType().getCanonicalType();
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (T->isReferenceType() || !RD || RD->isUnion())
      return;
    if (!RD->hasDefinition()) {
      // Only declared here (a pimpl, a pool declared ahead of an owning
      // pointer): a unit that sees the class says what destroying it does.
      if (!isSystem(RD->getLocation()))
        addDestroys(RD, From, L, Via, C, Pointee);
      return;
    }
    std::string Name = qualifiedName(RD);
    if (matchesAnyName(Name, Opts.JoiningThreadTypes)) {
      noteField(Holder, true);
      BlockingSite S;
      S.Function = From;
      S.Loc = loc(L);
      S.Prim = Primitive::JoiningDtor;
      S.Callee = destructorName(Name);
      if (Holder)
        S.Targets.push_back(usr(Holder));
      S.TargetText = Via;
      S.Guarded = true; // The destructor joins only a joinable thread.
      S.Reason = C.Reason;
      S.Path = C.Path;
      Facts.Sites.push_back(std::move(S));
      return;
    }
    if (matchesAnyName(Name, Opts.ThreadTypes)) {
      noteField(Holder, true);
      return;
    }
    if (matchesAnyName(Name, Opts.NoDestructorTemplates))
      return;
    if (isIntentional(RD)) {
      // Recorded but not followed by the rules (Intentional).
      addDestroys(RD, From, L, Via, C, Pointee, /*Intentional=*/true);
      return;
    }
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
        Spec && matchesAnyName(Name, Opts.OwningTemplates)) {
      // A smart pointer may own a derived object.
      bool Pointer = isOwningPointer(RD);
      SmallVector<QualType, 4> Args;
      typeArgs(Spec->getTemplateArgs().asArray(), Args);
      for (QualType A : Args)
        owns(A, From, L, Via, Holder, C, Depth + 1, Pointee || Pointer);
      return;
    }
    if (isSystem(RD->getLocation()) || RD->hasTrivialDestructor())
      return;
    addDestroys(RD, From, L, Via, C, Pointee);
  }

  /// From destroys an object of class RD (through a pointer: Pointee).
  void addDestroys(const CXXRecordDecl *RD, const std::string &From,
                   SourceLocation L, const std::string &Via, const Context &C,
                   bool Pointee, bool Intentional = false) {
    std::string Id = usr(RD);
    if (Id.empty())
      return;
    CallEdge E;
    E.Caller = From;
    E.Callee = "D:" + Id;
    E.Loc = loc(L);
    E.Kind = Pointee ? EdgeKind::DestroysPointee : EdgeKind::Destroys;
    E.Via = Via;
    // A smart pointer destroys its pointee only when it holds one.
    E.Guarded = C.Guarded || Pointee;
    E.Intentional = Intentional;
    E.Reason = C.Reason;
    E.Path = C.Path;
    Facts.Calls.push_back(std::move(E));
  }

  /// A field or variable that holds a thread (object or handle) is recorded
  /// with its class, for the ownership rule.
  void noteField(const ValueDecl *D, bool ThreadObject) {
    const auto *F = dyn_cast_or_null<FieldDecl>(D);
    if (!F || isSystem(F->getLocation()))
      return;
    const auto *RD = dyn_cast<CXXRecordDecl>(F->getParent());
    if (!RD || RD->isDependentContext())
      return;
    Facts.Fields.push_back({usr(F), usr(RD), qualifiedName(F),
                            loc(F->getLocation()), ThreadObject});
  }

  bool isHandleLike(QualType T) {
    if (T.isNull())
      return false;
    for (QualType Q = T;;) {
      if (const auto *TT = Q->getAs<TypedefType>()) {
        StringRef N = TT->getDecl()->getName();
        if (N == "HANDLE" || N == "uintptr_t" || N == "pthread_t" ||
            N == "thrd_t")
          return true;
        Q = TT->getDecl()->getUnderlyingType();
        continue;
      }
      break;
    }
    return T->isVoidPointerType();
  }

  // ---- Helpers: what an expression refers to -------------------------------

  /// The ids of the variables and members an expression reads its value
  /// from: "m_hThread", "threads_[i]", "t" bound by "for (auto &t : pool_)".
  std::vector<std::string> resolveTargets(const Expr *E, unsigned Depth = 0) {
    std::vector<std::string> Out;
    resolveInto(E, Out, Depth);
    return Out;
  }

  void resolveInto(const Expr *E, std::vector<std::string> &Out,
                   unsigned Depth) {
    if (!E || Depth > 6)
      return;
    E = strip(E);
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl())) {
        noteField(F, holdsThreads(F->getType()));
        Out.push_back(usr(F));
      } else if (const auto *V = dyn_cast<VarDecl>(ME->getMemberDecl())) {
        Out.push_back(usr(V));
      }
      return;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
        if (const auto *FD = dyn_cast<FunctionDecl>(P->getDeclContext()))
          Out.push_back(paramId(FD, P->getFunctionScopeIndex()));
        return;
      }
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!V)
        return;
      if (V->hasGlobalStorage()) {
        Out.push_back(usr(V));
        return;
      }
      if (auto It = RangeOf.find(V); It != RangeOf.end()) {
        resolveInto(It->second, Out, Depth + 1);
        return;
      }
      if (!V->getType()->isReferenceType())
        Out.push_back(usr(V));
      if (const Expr *Init = V->getInit()) {
        if (const auto *IL = dyn_cast<InitListExpr>(strip(Init))) {
          for (const Expr *Elt : IL->inits())
            resolveInto(Elt, Out, Depth + 1);
        } else {
          resolveInto(Init, Out, Depth + 1);
        }
      }
      return;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      resolveInto(AS->getBase(), Out, Depth + 1);
      return;
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      if (const auto *M = MC->getMethodDecl();
          M && is_contained(TargetForwarders, M->getNameAsString()))
        resolveInto(MC->getImplicitObjectArgument(), Out, Depth + 1);
      return;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (OC->getNumArgs() > 0 &&
          (OC->getOperator() == OO_Subscript || OC->getOperator() == OO_Star ||
           OC->getOperator() == OO_Arrow))
        resolveInto(OC->getArg(0), Out, Depth + 1);
      return;
    }
    if (const auto *CE = dyn_cast<CallExpr>(E)) {
      if (const FunctionDecl *F = CE->getDirectCallee();
          F && !isSystem(F->getLocation()))
        Out.push_back("R:" + functionId(F));
    }
  }

  /// The function an expression names: "&Worker::run", "ThreadProc", a
  /// captureless lambda converted to a function pointer.
  std::pair<std::string, std::string> resolveFunction(const Expr *E) {
    E = strip(E);
    if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(E))
      if (isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl()))
        E = strip(MC->getImplicitObjectArgument());
    if (const auto *L = dyn_cast_or_null<LambdaExpr>(E)) {
      DirectCallees.insert(L);
      const CXXMethodDecl *Op = L->getCallOperator();
      return {functionId(Op), lambdaName(L)};
    }
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
      if (const auto *F = dyn_cast<FunctionDecl>(DRE->getDecl())) {
        DirectCallees.insert(DRE);
        return {functionId(F), qualifiedName(F)};
      }
    return {};
  }

  std::string lambdaName(const LambdaExpr *L) {
    SourceLoc Where = loc(L->getBeginLoc());
    return "lambda at " + sys::path::filename(Where.File).str() + ":" +
           std::to_string(Where.Line);
  }

  /// Where the value of a creating expression is stored: the variable or
  /// member it initializes or is assigned to, the container it is added to,
  /// or the function that returns it.
  std::string storageTarget(const Expr *E) {
    const Stmt *Child = E;
    for (size_t I = Ancestors.size(); I-- > 0;) {
      const Stmt *P = Ancestors[I];
      if (P == E)
        continue;
      if (isa<ImplicitCastExpr, ExplicitCastExpr, ParenExpr,
              MaterializeTemporaryExpr, CXXBindTemporaryExpr, ExprWithCleanups,
              InitListExpr>(P) ||
          (isa<CXXConstructExpr>(P) &&
           cast<CXXConstructExpr>(P)->getNumArgs() == 1)) {
        Child = P;
        continue;
      }
      if (const auto *B = dyn_cast<BinaryOperator>(P))
        return B->getOpcode() == BO_Assign && B->getRHS() == Child
                   ? firstOf(resolveTargets(B->getLHS()))
                   : std::string();
      if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P))
        return OC->getOperator() == OO_Equal && OC->getNumArgs() == 2
                   ? firstOf(resolveTargets(OC->getArg(0)))
                   : std::string();
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(P)) {
        const CXXMethodDecl *M = MC->getMethodDecl();
        return M && is_contained(ContainerInserters, simpleName(M))
                   ? firstOf(resolveTargets(MC->getImplicitObjectArgument()))
                   : std::string();
      }
      if (isa<ReturnStmt>(P))
        return "R:" + Current;
      if (isa<DeclStmt>(P))
        break;
      return std::string();
    }
    return InitDecl ? usr(InitDecl) : std::string();
  }

  // ---- Helpers: context of a statement -------------------------------------

  /// Whether a condition tests object state: a member, a global, or a
  /// joinable() call, as opposed to a parameter or a local.
  bool testsState(const Expr *Cond) {
    if (!Cond)
      return false;
    Cond = Cond->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(Cond);
        ME && isa<FieldDecl>(ME->getMemberDecl()))
      return true;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Cond))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
          V && V->hasGlobalStorage())
        return true;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Cond))
      if (const auto *M = MC->getMethodDecl(); simpleName(M) == "joinable")
        return true;
    for (const Stmt *C : Cond->children())
      if (const auto *CE = dyn_cast_or_null<Expr>(C); CE && testsState(CE))
        return true;
    return false;
  }

  const ParmVarDecl *dllParam(unsigned I) const {
    if (!CurrentFD || CurrentFD->getNumParams() < 3 || !isDllEntry(CurrentFD))
      return nullptr;
    return CurrentFD->getParamDecl(I);
  }

  static bool refersTo(const Expr *E, const ParmVarDecl *P) {
    E = E ? E->IgnoreParenImpCasts() : nullptr;
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
    return P && DRE && DRE->getDecl() == P;
  }

  /// nullptr, NULL, {} or a default-constructed value.
  bool isEmptyValue(const Expr *E) {
    E = strip(E);
    if (const auto *D = dyn_cast<CXXDefaultArgExpr>(E)) // reset(pointer = {})
      return isEmptyValue(D->getExpr());
    if (isa<CXXScalarValueInitExpr, ImplicitValueInitExpr>(E))
      return true;
    if (const auto *C = dyn_cast<CXXConstructExpr>(E))
      return all_of(C->arguments(),
                    [&](const Expr *A) { return isEmptyValue(A); });
    if (const auto *IL = dyn_cast<InitListExpr>(E))
      return IL->getNumInits() == 0;
    return isNull(E);
  }

  bool isNull(const Expr *E) {
    return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
           Expr::NPCK_NotNull;
  }

  /// Applies one "if (Cond)" seen from its then-branch (Then) or else-branch.
  void applyCondition(const Expr *Cond, bool Then, Context &C) {
    if (!Cond)
      return;
    if (testsState(Cond))
      C.Guarded = true;
    const Expr *E = Cond->IgnoreParenImpCasts();
    // Both sides of a taken "A && B" hold, and neither of a failed "A || B".
    if (const auto *B = dyn_cast<BinaryOperator>(E); B && B->isLogicalOp()) {
      if ((B->getOpcode() == BO_LAnd) == Then) {
        applyCondition(B->getLHS(), Then, C);
        applyCondition(B->getRHS(), Then, C);
      }
      return;
    }
    bool Negate = false;
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_LNot) {
      Negate = true;
      E = U->getSubExpr()->IgnoreParenImpCasts();
    }
    bool Taken = Then != Negate;
    const ParmVarDecl *Reason = dllParam(1), *Reserved = dllParam(2);
    if (refersTo(E, Reserved)) { // if (lpvReserved)
      C.Path = Taken ? DllPath::ProcessExit : DllPath::FreeLibrary;
      return;
    }
    const auto *B = dyn_cast<BinaryOperator>(E);
    if (!B || !B->isEqualityOp())
      return;
    bool Eq = (B->getOpcode() == BO_EQ) == Taken;
    const Expr *L = B->getLHS(), *R = B->getRHS();
    if (refersTo(R, Reason) || refersTo(R, Reserved))
      std::swap(L, R);
    if (refersTo(L, Reserved) && isNull(R)) {
      C.Path = Eq ? DllPath::FreeLibrary : DllPath::ProcessExit;
    } else if (refersTo(L, Reason) && Eq) {
      Expr::EvalResult V;
      if (R->EvaluateAsInt(V, Ctx))
        C.Reason = static_cast<DllReason>(V.Val.getInt().getExtValue());
    }
  }

  /// Whether control never falls out of S into what follows it:
  /// "return;", "{ log(); return; }", "break;", "continue;".
  static bool leavesBlock(const Stmt *S) {
    if (const auto *CS = dyn_cast_or_null<CompoundStmt>(S))
      return !CS->body_empty() && leavesBlock(CS->body_back());
    return isa_and_nonnull<ReturnStmt, BreakStmt, ContinueStmt>(S);
  }

  /// The context of the statement at the top of Ancestors.
  Context context() {
    Context C;
    if (Ancestors.empty())
      return C;
    for (size_t I = Ancestors.size() - 1; I-- > 0;) {
      const Stmt *P = Ancestors[I], *Child = Ancestors[I + 1];
      if (const auto *If = dyn_cast<IfStmt>(P)) {
        if (Child == If->getThen())
          applyCondition(If->getCond(), true, C);
        else if (Child == If->getElse())
          applyCondition(If->getCond(), false, C);
      } else if (const auto *CO = dyn_cast<ConditionalOperator>(P)) {
        if (Child != CO->getCond())
          applyCondition(CO->getCond(), Child == CO->getTrueExpr(), C);
      } else if (const auto *B = dyn_cast<BinaryOperator>(P)) {
        if (B->isLogicalOp() && Child == B->getRHS())
          applyCondition(B->getLHS(), B->getOpcode() == BO_LAnd, C);
      } else if (const auto *CS = dyn_cast<CompoundStmt>(P)) {
        // "if (!m_hThread) return;" guards what follows it, and
        // "if (lpvReserved) { ...; return TRUE; }" selects the other path;
        // but not across a case label, which is entered from elsewhere.
        std::vector<const Expr *> Exits;
        for (const Stmt *S : CS->body()) {
          if (isa<SwitchCase>(S))
            Exits.clear();
          if (S == Child)
            break;
          while (isa<SwitchCase, LabelStmt>(S))
            S = isa<SwitchCase>(S) ? cast<SwitchCase>(S)->getSubStmt()
                                   : cast<LabelStmt>(S)->getSubStmt();
          if (const auto *If = dyn_cast<IfStmt>(S);
              If && !If->getElse() && leavesBlock(If->getThen()))
            Exits.push_back(If->getCond());
        }
        for (const Expr *E : Exits)
          applyCondition(E, false, C);
        if (C.Reason == DllReason::Any && I > 0)
          if (const auto *Sw = dyn_cast<SwitchStmt>(Ancestors[I - 1]);
              Sw && refersTo(Sw->getCond(), dllParam(1)))
            C.Reason = caseReason(CS, Child);
      } else if (const auto *Case = dyn_cast<CaseStmt>(P)) {
        if (C.Reason == DllReason::Any && I > 1 &&
            isa<SwitchStmt>(Ancestors[I - 2]) &&
            refersTo(cast<SwitchStmt>(Ancestors[I - 2])->getCond(),
                     dllParam(1)))
          C.Reason = caseValue(Case);
      }
    }
    return C;
  }

  DllReason caseValue(const CaseStmt *Case) {
    Expr::EvalResult V;
    if (isa<CaseStmt>(Case->getSubStmt()))
      return DllReason::Any; // "case A: case B:" shares one body.
    if (Case->getLHS() && Case->getLHS()->EvaluateAsInt(V, Ctx))
      return static_cast<DllReason>(V.Val.getInt().getExtValue());
    return DllReason::Any;
  }

  /// The reason of "case X: f(); g(); break;": g() is a sibling of the case.
  DllReason caseReason(const CompoundStmt *Body, const Stmt *Child) {
    DllReason R = DllReason::Any;
    for (const Stmt *S : Body->body()) {
      if (const auto *Case = dyn_cast<CaseStmt>(S))
        R = caseValue(Case);
      else if (isa<DefaultStmt>(S)) {
        R = DllReason::Any;
      }
      if (S == Child)
        return R;
    }
    return DllReason::Any;
  }

  // ---- Recording -----------------------------------------------------------

  void addEdge(const Expr *E, std::string Callee, EdgeKind Kind,
               std::string Via, std::vector<std::string> Args = {}) {
    if (Callee.empty() || Current.empty())
      return;
    Context C = context();
    CallEdge Edge;
    Edge.Caller = Current;
    Edge.Callee = std::move(Callee);
    Edge.Loc = loc(E->getBeginLoc());
    Edge.Kind = Kind;
    Edge.Guarded = C.Guarded;
    Edge.Via = std::move(Via);
    Edge.Reason = C.Reason;
    Edge.Path = C.Path;
    Edge.Args = std::move(Args);
    Facts.Calls.push_back(std::move(Edge));
  }

  void addSite(const Expr *Call, Primitive P, std::string Callee,
               const Expr *Target) {
    if (Current.empty())
      return;
    Context C = context();
    BlockingSite S;
    S.Function = Current;
    S.Loc = loc(Call->getBeginLoc());
    S.Prim = P;
    S.Callee = std::move(Callee);
    S.Targets = resolveTargets(Target);
    S.TargetText = text(Target);
    S.Guarded = C.Guarded;
    S.Reason = C.Reason;
    S.Path = C.Path;
    // A handle taken from a thread object is a thread handle.
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(strip(Target)))
      if (simpleName(MC->getMethodDecl()) == "native_handle")
        S.KnownThreadHandle = true;
    Facts.Sites.push_back(std::move(S));
  }

  void addStart(const Expr *E, std::string Target, std::string Creator,
                const Expr *Routine, bool Handle) {
    ThreadStart T;
    T.Target = std::move(Target);
    T.Loc = loc(E->getBeginLoc());
    T.Creator = std::move(Creator);
    if (Routine)
      std::tie(T.Routine, T.RoutineName) = resolveFunction(Routine);
    T.Handle = Handle;
    Facts.Starts.push_back(std::move(T));
  }

  void copy(const Expr *To, const Expr *From) {
    for (const std::string &T : resolveTargets(To))
      copyInto(T, From);
  }

  void copyInto(const std::string &To, const Expr *From) {
    for (const std::string &F : resolveTargets(From))
      if (To != F)
        Facts.Copies.push_back({To, F});
  }

  bool isDllEntry(const FunctionDecl *FD) const {
    return FD->getDeclContext()->getRedeclContext()->isTranslationUnit() &&
           FD->getIdentifier() &&
           matchesAnyName(FD->getName(), Opts.DllEntryPoints);
  }

  /// A function called here but defined elsewhere (or pure virtual): its
  /// name, for the notes.
  void declareCallee(const FunctionDecl *FD) {
    FunctionFact F;
    F.Id = functionId(FD);
    F.Name = qualifiedName(FD);
    F.Loc = loc(FD->getLocation());
    Facts.Functions.push_back(std::move(F));
  }

  void declareFunction(const FunctionDecl *FD) {
    if (isa<CXXDestructorDecl>(FD))
      return; // The D: node is declared with its class.
    FunctionFact F;
    F.Id = Current;
    if (const auto *M = dyn_cast<CXXMethodDecl>(FD);
        M && M->getParent()->isLambda()) {
      F.Name = "lambda at " +
               sys::path::filename(loc(FD->getLocation()).File).str() + ":" +
               std::to_string(loc(FD->getLocation()).Line);
    } else {
      F.Name = qualifiedName(FD);
    }
    F.Loc = loc(FD->getLocation());
    const auto *M = dyn_cast<CXXMethodDecl>(FD);
    F.External =
        FD->isExternallyVisible() &&
        (!M || (M->getAccess() == AS_public && !M->getParent()->isLambda()));
    StringRef N = FD->getIdentifier() ? FD->getName() : "";
    bool Global = FD->getDeclContext()->getRedeclContext()->isTranslationUnit();
    F.IsMain = FD->isMain() ||
               (Global && (N == "wmain" || N == "WinMain" || N == "wWinMain"));
    F.IsDllEntry = isDllEntry(FD);
    F.IsDestructorAttr = FD->hasAttr<DestructorAttr>();
    if (F.IsDllEntry || F.IsDestructorAttr) {
      RootFact R;
      R.Kind = F.IsDllEntry ? RootKind::DllEntry : RootKind::DestructorFunction;
      R.Function = F.Id;
      R.Name = F.Name;
      R.Loc = F.Loc;
      Facts.Roots.push_back(std::move(R));
      DefinesDllEntry |= F.IsDllEntry;
    }
    Facts.Functions.push_back(std::move(F));
  }

  void finish() {
    bool InDll = DefinesDllEntry || Opts.AssumeDll;
    for (RootFact &R : Facts.Roots)
      R.InDll = InDll && R.Kind != RootKind::DllEntry;
    for (FunctionFact &F : Facts.Functions)
      if (AddressTaken.erase(F.Id))
        F.AddressTaken = true;
    for (const auto &Id : AddressTaken) {
      FunctionFact F;
      F.Id = Id.getKey().str();
      F.AddressTaken = true;
      Facts.Functions.push_back(std::move(F));
    }
  }

  ASTContext &Ctx;
  SourceManager &SM;
  const ModelOptions &Opts;
  const std::vector<std::string> AtExitNames{std::begin(AtExitRegistrars),
                                             std::end(AtExitRegistrars)};
  TUFacts Facts;

  std::string Current; ///< Id of the function whose body is traversed.
  const FunctionDecl *CurrentFD = nullptr;
  std::vector<Stmt *> Ancestors;       ///< Statements above, within Current.
  const ValueDecl *InitDecl = nullptr; ///< Whose initializer is traversed.
  bool DefinesDllEntry = false;

  DenseMap<const Decl *, std::string> Usrs;
  StringMap<std::string> Paths;
  DenseMap<const VarDecl *, const Expr *> RangeOf;
  DenseSet<const Expr *> DirectCallees;
  StringSet<> AddressTaken;
};

} // namespace

TUFacts extractFacts(ASTContext &Ctx, const ModelOptions &Options) {
  return Visitor(Ctx, Options).run();
}

} // namespace shutdown
