//===- Receivers.cpp - Which object a call acts on ------------------------===//

#include "checkers/model/extract/Receivers.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace llvm;

namespace shutdown::extract {

namespace {

constexpr FactString Unknown = "?", Local = "local";
} // namespace

/// A class with operator* or operator->: a smart pointer, an iterator.
static bool isPointerLike(QualType T) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getOverloadedOperator() == OO_Arrow ||
        M->getOverloadedOperator() == OO_Star)
      return true;
  return false;
}

/// An object parameter: a pointer or a reference to a class.
static bool isObjectType(QualType T) {
  if (T->isPointerType())
    T = T->getPointeeType();
  else
    T = T.getNonReferenceType();
  return T->getAsCXXRecordDecl() != nullptr;
}

FactString Receivers::ofLocal(const VarDecl &V, unsigned Depth) {
  QualType T = V.getType();
  bool Holds = T->isReferenceType() || T->isPointerType() || isPointerLike(T);
  if (!Holds)
    return Local; // The object lives here.
  const Expr *Init = V.getInit();
  if (!Init)
    return Unknown;
  const Expr *S = strip(Init);
  if (const auto *C = dyn_cast<CXXConstructExpr>(S); C && C->getNumArgs())
    S = strip(C->getArg(0));
  if (isa<CXXNewExpr>(S))
    return Local;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *F = Call->getDirectCallee();
        F && matchesAnyName(qualifiedName(F), X.Apis.SmartPointerMakers))
      return Local;
  return objectOf(Init, Depth + 1);
}

FactString Receivers::objectOf(const Expr *E, unsigned Depth) {
  if (!E || Depth > 6)
    return Unknown;
  E = strip(E);
  if (isa<CXXThisExpr>(E))
    return "this";
  if (isa<CXXNewExpr, CXXTemporaryObjectExpr, CXXConstructExpr, LambdaExpr>(E))
    return Local;
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (const auto *V = dyn_cast<VarDecl>(ME->getMemberDecl()))
      return X.str("var:" + X.usr(V));
    return objectOf(ME->getBase(), Depth + 1);
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    return objectOf(AS->getBase(), Depth + 1);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
      if (const auto *FD = dyn_cast<FunctionDecl>(P->getDeclContext()))
        return X.str("param:" + X.functionId(FD) + "#" +
                     Twine(P->getFunctionScopeIndex()));
      return Unknown;
    }
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V)
      return Unknown;
    if (V->hasGlobalStorage() && !V->getType()->isReferenceType() &&
        !V->getType()->isPointerType() && !isPointerLike(V->getType()))
      return X.str("var:" + X.usr(V));
    if (V->hasGlobalStorage()) // A static pointer: owns or points anywhere.
      return isPointerLike(V->getType()) ? X.str("var:" + X.usr(V)) : Unknown;
    return ofLocal(*V, Depth);
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (OC->getNumArgs() > 0 &&
        (OC->getOperator() == OO_Arrow || OC->getOperator() == OO_Star ||
         OC->getOperator() == OO_Subscript))
      return objectOf(OC->getArg(0), Depth + 1);
    return Unknown;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (M && is_contained(X.Apis.ValueAccessors, simpleName(M)) &&
        X.isSystem(M->getLocation()))
      return objectOf(MC->getImplicitObjectArgument(), Depth + 1);
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *F = CE->getDirectCallee();
    if (!F || X.isSystem(F->getLocation()))
      return Unknown;
    const Expr *Object = nullptr;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      Object = MC->getImplicitObjectArgument();
    return X.str("ret:" + X.functionId(F) + "|" +
                 (Object ? objectOf(Object, Depth + 1) : FactString()));
  }
  return Unknown;
}

FactString Receivers::ownerOfTarget(const Expr *Target) {
  const Expr *E = strip(Target);
  while (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(E))
    E = strip(AS->getBase());
  const auto *ME = dyn_cast_or_null<MemberExpr>(E);
  if (!ME || !isa<FieldDecl>(ME->getMemberDecl()))
    return "";
  return objectOf(ME->getBase());
}

FactString Receivers::receiverOf(const Expr *Object,
                                 const FunctionDecl &Callee) {
  const auto *M = dyn_cast<CXXMethodDecl>(&Callee);
  if (!M || M->isStatic() || !Object)
    return "";
  return objectOf(Object);
}

FactList Receivers::objectArgs(const CallExpr &E, const FunctionDecl &Callee) {
  FactList Out;
  unsigned Shift = isa<CXXOperatorCallExpr>(E) && isa<CXXMethodDecl>(Callee);
  for (unsigned I = Shift; I < E.getNumArgs(); ++I) {
    unsigned P = I - Shift;
    if (P >= Callee.getNumParams())
      break;
    if (!isObjectType(Callee.getParamDecl(P)->getType()))
      continue;
    Out.push_back(X.str(Twine(P) + "=" + objectOf(E.getArg(I))));
  }
  return Out;
}

FactString Receivers::returned(const ReturnStmt &R) {
  const Expr *V = R.getRetValue();
  if (!V || X.At.Function.empty())
    return "";
  // A class returned by value is a copy: no object of the callee's.
  const Expr *Top = V->IgnoreImplicit();
  if (isa<CXXConstructExpr>(Top) ||
      (V->getType()->isRecordType() && V->isPRValue()))
    return "";
  QualType T = V->getType();
  if (!(T->isPointerType() && T->getPointeeType()->getAsCXXRecordDecl()) &&
      !(V->isGLValue() && T->getAsCXXRecordDecl()))
    return "";
  return objectOf(V);
}

} // namespace shutdown::extract
