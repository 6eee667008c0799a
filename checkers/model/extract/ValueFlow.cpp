//===- ValueFlow.cpp - Where threads and handles are kept -----------------===//

#include "checkers/model/extract/ValueFlow.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace llvm;

namespace shutdown::extract {

std::vector<std::string> ValueFlow::targets(const Expr *E, unsigned Depth) {
  std::vector<std::string> Out;
  resolveInto(E, Out, Depth);
  return Out;
}

std::string ValueFlow::target(const Expr *E) {
  std::vector<std::string> T = targets(E);
  return T.empty() ? std::string() : T.front();
}

void ValueFlow::resolveInto(const Expr *E, std::vector<std::string> &Out,
                            unsigned Depth) {
  if (!E || Depth > 6)
    return;
  E = strip(E);
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl())) {
      X.noteField(F, X.holdsThreads(F->getType()));
      Out.push_back(X.usr(F));
    } else if (const auto *V = dyn_cast<VarDecl>(ME->getMemberDecl())) {
      Out.push_back(X.usr(V));
    }
    return;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
      if (const auto *FD = dyn_cast<FunctionDecl>(P->getDeclContext()))
        Out.push_back(X.paramId(FD, P->getFunctionScopeIndex()));
      return;
    }
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V)
      return;
    if (V->hasGlobalStorage()) {
      Out.push_back(X.usr(V));
      return;
    }
    if (auto It = RangeOf.find(V); It != RangeOf.end()) {
      resolveInto(It->second, Out, Depth + 1);
      return;
    }
    if (!V->getType()->isReferenceType())
      Out.push_back(X.usr(V));
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
    // What "v.front()" or "t.native_handle()" gives is read from v or t.
    if (const auto *M = MC->getMethodDecl()) {
      std::string N = M->getNameAsString();
      if (is_contained(X.Apis.ValueAccessors, N) ||
          is_contained(X.Apis.HandleGetters, N))
        resolveInto(MC->getImplicitObjectArgument(), Out, Depth + 1);
    }
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
    if (const FunctionDecl *F = CE->getDirectCallee(); F && !X.isOpaque(F))
      Out.push_back("R:" + X.functionId(F));
  }
}

std::string ValueFlow::storageTarget(const Expr *E) {
  const Stmt *Child = E;
  ArrayRef<Stmt *> Ancestors = X.At.Ancestors;
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
                 ? target(B->getLHS())
                 : std::string();
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P))
      return OC->getOperator() == OO_Equal && OC->getNumArgs() == 2
                 ? target(OC->getArg(0))
                 : std::string();
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(P)) {
      const CXXMethodDecl *M = MC->getMethodDecl();
      return M && is_contained(X.Apis.ContainerInserters, simpleName(M))
                 ? target(MC->getImplicitObjectArgument())
                 : std::string();
    }
    if (isa<ReturnStmt>(P))
      return "R:" + X.At.Function;
    if (isa<DeclStmt>(P))
      break;
    return std::string();
  }
  return X.At.Initialized ? X.usr(X.At.Initialized) : std::string();
}

void ValueFlow::copy(const Expr *To, const Expr *From) {
  for (const std::string &T : targets(To))
    copyInto(T, From);
}

void ValueFlow::copyInto(const std::string &To, const Expr *From) {
  for (const std::string &F : targets(From))
    if (To != F)
      X.Facts.Copies.push_back({To, F});
}

std::vector<std::string> ValueFlow::passArguments(const CallExpr *CE,
                                                  const FunctionDecl *Callee) {
  // Per call site (Args), and for all callers at once (Copies).
  std::vector<std::string> Args;
  unsigned Shift = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee);
  for (unsigned I = Shift; I < CE->getNumArgs(); ++I) {
    unsigned P = I - Shift;
    if (P >= Callee->getNumParams())
      break;
    QualType PT = Callee->getParamDecl(P)->getType().getNonReferenceType();
    if (isHandleLike(PT) || X.holdsThreads(PT) ||
        (PT->isPointerType() && X.holdsThreads(PT->getPointeeType())))
      for (const std::string &From : targets(CE->getArg(I))) {
        X.Facts.Copies.push_back({X.paramId(Callee, P), From});
        Args.push_back(std::to_string(P) + "=" + From);
      }
  }
  return Args;
}

bool ValueFlow::isHandleLike(QualType T) const {
  if (T.isNull())
    return false;
  for (QualType Q = T;;) {
    if (const auto *TT = Q->getAs<TypedefType>()) {
      if (is_contained(X.Apis.HandleTypes, TT->getDecl()->getName()))
        return true;
      Q = TT->getDecl()->getUnderlyingType();
      continue;
    }
    break;
  }
  return T->isVoidPointerType();
}

bool ValueFlow::isThreadHandleOf(const Expr *E) const {
  const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(strip(E));
  return MC &&
         is_contained(X.Apis.HandleGetters, simpleName(MC->getMethodDecl()));
}

bool ValueFlow::isEmptyValue(const Expr *E) const {
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
  return isNull(E, X.Ctx);
}

std::string ValueFlow::destroyVia(const Expr *Pointer, StringRef Action) {
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
      Fresh = matchesAnyName(qualifiedName(F), X.Apis.SmartPointerMakers);
  return Fresh ? "local '" + V->getNameAsString() + "'" : Action.str();
}

std::pair<std::string, std::string> ValueFlow::resolveFunction(const Expr *E) {
  E = strip(E);
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(E))
    if (isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl()))
      E = strip(MC->getImplicitObjectArgument());
  if (const auto *L = dyn_cast_or_null<LambdaExpr>(E)) {
    Used.insert(L);
    return {X.functionId(L->getCallOperator()), X.lambdaName(L->getBeginLoc())};
  }
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *F = dyn_cast<FunctionDecl>(DRE->getDecl())) {
      Used.insert(DRE);
      return {X.functionId(F), qualifiedName(F)};
    }
  return {};
}

void ValueFlow::noteCallee(const Expr *Callee) {
  if (Callee)
    Used.insert(strip(Callee));
}

bool ValueFlow::escapes(const DeclRefExpr *E) const {
  return isa<FunctionDecl>(E->getDecl()) && !Used.count(E);
}

} // namespace shutdown::extract
