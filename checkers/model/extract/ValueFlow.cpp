//===- ValueFlow.cpp - Where threads and handles are kept -----------------===//

#include "checkers/model/extract/ValueFlow.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace llvm;

namespace shutdown::extract {

FactList ValueFlow::targets(const Expr *E, unsigned Depth) {
  FactList Out;
  resolveInto(E, Out, Depth);
  return Out;
}

FactString ValueFlow::target(const Expr *E) {
  FactList T = targets(E);
  return T.empty() ? FactString() : T.front();
}

void ValueFlow::resolveInto(const Expr *E, FactList &Out, unsigned Depth) {
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
    const FunctionDecl *F = CE->getDirectCallee();
    if (F && !X.isOpaque(F)) {
      Out.push_back(X.str("R:" + X.functionId(F)));
      return;
    }
    // "GetThreadId(h)" names the thread of h.
    if (F && F->getIdentifier())
      for (const ApiArg &A : X.Apis.ThreadIdGetters)
        if (A.Arg < CE->getNumArgs() && matchesName(qualifiedName(F), A.Name))
          resolveInto(CE->getArg(A.Arg), Out, Depth + 1);
  }
}

FactString ValueFlow::storageTarget(const Expr *E) {
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
                 : FactString();
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P))
      return OC->getOperator() == OO_Equal && OC->getNumArgs() == 2
                 ? target(OC->getArg(0))
                 : FactString();
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(P)) {
      const CXXMethodDecl *M = MC->getMethodDecl();
      return M && is_contained(X.Apis.ContainerInserters, simpleName(M))
                 ? target(MC->getImplicitObjectArgument())
                 : FactString();
    }
    if (isa<ReturnStmt>(P))
      return X.str("R:" + X.At.Function);
    if (isa<DeclStmt>(P))
      break;
    return FactString();
  }
  return X.At.Initialized ? X.usr(X.At.Initialized) : FactString();
}

void ValueFlow::copy(const Expr *To, const Expr *From) {
  for (FactString T : targets(To))
    copyInto(T, From);
}

void ValueFlow::copyInto(FactString To, const Expr *From) {
  for (FactString F : targets(From))
    if (To != F)
      X.Facts.Copies.push_back({To, F});
}

FactList ValueFlow::passArguments(const CallExpr *CE,
                                  const FunctionDecl *Callee) {
  // Per call site (Args), and for all callers at once (Copies).
  FactList Args;
  unsigned Shift = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee);
  for (unsigned I = Shift; I < CE->getNumArgs(); ++I) {
    unsigned P = I - Shift;
    if (P >= Callee->getNumParams())
      break;
    QualType PT = Callee->getParamDecl(P)->getType().getNonReferenceType();
    if (isHandleLike(PT) || X.holdsThreads(PT) ||
        (PT->isPointerType() && X.holdsThreads(PT->getPointeeType())))
      for (FactString From : targets(CE->getArg(I))) {
        X.Facts.Copies.push_back({X.paramId(Callee, P), From});
        Args.push_back(X.str(Twine(P) + "=" + From));
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

/// The count of a std::chrono or boost::chrono duration constant, in
/// milliseconds.
static std::optional<int64_t> durationMs(const Expr *E, ASTContext &Ctx) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      E->getType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getName() != "duration" ||
      Spec->getTemplateArgs().size() != 2)
    return std::nullopt;
  const auto *Period = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Spec->getTemplateArgs()[1].getAsType()->getAsCXXRecordDecl());
  if (!Period || Period->getTemplateArgs().size() != 2 ||
      Period->getTemplateArgs()[0].getKind() != TemplateArgument::Integral ||
      Period->getTemplateArgs()[1].getKind() != TemplateArgument::Integral)
    return std::nullopt;
  int64_t Num = Period->getTemplateArgs()[0].getAsIntegral().getExtValue();
  int64_t Den = Period->getTemplateArgs()[1].getAsIntegral().getExtValue();
  Expr::EvalResult R;
  if (Den <= 0 || E->isValueDependent() || !E->EvaluateAsRValue(R, Ctx) ||
      !R.Val.isStruct() || R.Val.getStructNumFields() < 1)
    return std::nullopt;
  const APValue &Count = R.Val.getStructField(0);
  if (Count.isInt())
    return Count.getInt().getExtValue() * Num * 1000 / Den;
  if (Count.isFloat())
    return int64_t(Count.getFloat().convertToDouble() * Num * 1000 / Den);
  return std::nullopt;
}

int64_t ValueFlow::timeoutMs(const Expr *E) const {
  if (!E)
    return Untimed;
  bool Defaulted = false;
  if (const auto *D = dyn_cast<CXXDefaultArgExpr>(E->IgnoreParenImpCasts())) {
    E = D->getExpr();
    Defaulted = true;
  }
  Expr::EvalResult R;
  if (!E->isValueDependent() && E->getType()->isIntegerType() &&
      E->EvaluateAsInt(R, X.Ctx)) {
    const APSInt &V = R.Val.getInt();
    if (V.isSigned() && V.isNegative())
      return Untimed;
    uint64_t Ms = V.getLimitedValue();
    return Ms >= 0xFFFFFFFFu ? Untimed : int64_t(Ms); // INFINITE, ULONG_MAX
  }
  if (std::optional<int64_t> Ms = durationMs(E, X.Ctx))
    return *Ms < 0 ? Untimed : *Ms;
  return Defaulted ? Untimed : BoundedUnknown;
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

FactString ValueFlow::destroyVia(const Expr *Pointer, StringRef Action) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(strip(Pointer));
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) || !V->getInit())
    return X.str(Action);
  const Expr *Init = strip(V->getInit());
  if (const auto *C = dyn_cast<CXXConstructExpr>(Init); C && C->getNumArgs())
    Init = strip(C->getArg(0));
  bool Fresh = isa<CXXNewExpr>(Init);
  if (const auto *Call = dyn_cast<CallExpr>(Init))
    if (const FunctionDecl *F = Call->getDirectCallee())
      Fresh = matchesAnyName(qualifiedName(F), X.Apis.SmartPointerMakers);
  return Fresh ? X.str("local '" + V->getName() + "'") : X.str(Action);
}

std::pair<FactString, FactString> ValueFlow::resolveFunction(const Expr *E) {
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
      return {X.functionId(F), X.str(qualifiedName(F))};
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
