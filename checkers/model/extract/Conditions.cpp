//===- Conditions.cpp - What the code around a statement says -------------===//

#include "checkers/model/extract/Conditions.h"
#include "checkers/model/extract/Extraction.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace llvm;

namespace shutdown::extract {

static bool refersTo(const Expr *E, const ParmVarDecl *P) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
  return P && DRE && DRE->getDecl() == P;
}

/// Whether control never falls out of S into what follows it:
/// "return;", "{ log(); return; }", "break;", "continue;", "throw e;".
static bool leavesBlock(const Stmt *S) {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(S))
    return !CS->body_empty() && leavesBlock(CS->body_back());
  if (const auto *E = dyn_cast_or_null<Expr>(S))
    S = E->IgnoreParenImpCasts();
  return isa_and_nonnull<ReturnStmt, BreakStmt, ContinueStmt, CXXThrowExpr>(S);
}

/// Whether S leaves the whole function: "return;", "throw e;", alone or
/// ending a block.
static bool leavesFunction(const Stmt *S) {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(S))
    return !CS->body_empty() && leavesFunction(CS->body_back());
  if (const auto *E = dyn_cast_or_null<Expr>(S))
    S = E->IgnoreParenImpCasts();
  return isa_and_nonnull<ReturnStmt, CXXThrowExpr>(S);
}

/// The conditions of "if (C) return;" in a block that ends before the
/// statement ("{ lock_guard l(mu_); if (!t_.joinable()) return; }
/// t_.join();"), at any depth of plain blocks: what follows the block runs
/// only when they were false.
static void nestedExits(const CompoundStmt *Block,
                        std::vector<const Expr *> &Exits) {
  for (const Stmt *S : Block->body()) {
    if (const auto *If = dyn_cast<IfStmt>(S);
        If && !If->getElse() && leavesFunction(If->getThen()))
      Exits.push_back(If->getCond());
    else if (const auto *Inner = dyn_cast<CompoundStmt>(S))
      nestedExits(Inner, Exits);
  }
}

bool Conditions::testsState(const Expr *Cond) const {
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
    if (is_contained(StateQueries, simpleName(MC->getMethodDecl())))
      return true;
  for (const Stmt *C : Cond->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(C); CE && testsState(CE))
      return true;
  return false;
}

void Conditions::apply(const Expr *Cond, bool Then, const Position &At,
                       Context &C) const {
  if (!Cond)
    return;
  if (testsState(Cond))
    C.Guarded = true;
  const Expr *E = Cond->IgnoreParenImpCasts();
  // Both sides of a taken "A && B" hold, and neither of a failed "A || B".
  if (const auto *B = dyn_cast<BinaryOperator>(E); B && B->isLogicalOp()) {
    if ((B->getOpcode() == BO_LAnd) == Then) {
      apply(B->getLHS(), Then, At, C);
      apply(B->getRHS(), Then, At, C);
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
  const ParmVarDecl *Reason = At.ReasonParam, *Reserved = At.ReservedParam;
  if (refersTo(E, Reserved)) { // if (lpvReserved)
    C.Path = Taken ? DllPath::ProcessExit : DllPath::FreeLibrary;
    return;
  }
  // "if (terminating) return;" on a parameter: what follows runs only when
  // the caller passes false.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl());
        P && P != Reason &&
        (P->getType()->isBooleanType() || P->getType()->isIntegerType())) {
      C.ParamConds.push_back(std::to_string(P->getFunctionScopeIndex()) +
                             (Taken ? "=1" : "=0"));
      return;
    }
  const auto *B = dyn_cast<BinaryOperator>(E);
  if (!B || !B->isEqualityOp())
    return;
  bool Eq = (B->getOpcode() == BO_EQ) == Taken;
  const Expr *L = B->getLHS(), *R = B->getRHS();
  if (refersTo(R, Reason) || refersTo(R, Reserved))
    std::swap(L, R);
  if (refersTo(L, Reserved) && isNull(R, Ctx)) {
    C.Path = Eq ? DllPath::FreeLibrary : DllPath::ProcessExit;
  } else if (refersTo(L, Reason) && Eq) {
    Expr::EvalResult V;
    if (R->EvaluateAsInt(V, Ctx))
      C.Reason = static_cast<DllReason>(V.Val.getInt().getExtValue());
  }
}

Context Conditions::contextOf(const Position &At) const {
  Context C;
  ArrayRef<Stmt *> Ancestors = At.Ancestors;
  if (Ancestors.empty())
    return C;
  for (size_t I = Ancestors.size() - 1; I-- > 0;) {
    const Stmt *P = Ancestors[I], *Child = Ancestors[I + 1];
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (Child == If->getThen())
        apply(If->getCond(), true, At, C);
      else if (Child == If->getElse())
        apply(If->getCond(), false, At, C);
    } else if (const auto *CO = dyn_cast<ConditionalOperator>(P)) {
      if (Child != CO->getCond())
        apply(CO->getCond(), Child == CO->getTrueExpr(), At, C);
    } else if (const auto *B = dyn_cast<BinaryOperator>(P)) {
      if (B->isLogicalOp() && Child == B->getRHS())
        apply(B->getLHS(), B->getOpcode() == BO_LAnd, At, C);
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
        else if (const auto *Inner = dyn_cast<CompoundStmt>(S))
          nestedExits(Inner, Exits);
      }
      for (const Expr *E : Exits)
        apply(E, false, At, C);
      if (C.Reason == DllReason::Any && I > 0)
        if (const auto *Sw = dyn_cast<SwitchStmt>(Ancestors[I - 1]);
            Sw && refersTo(Sw->getCond(), At.ReasonParam))
          C.Reason = caseReason(CS, Child);
    } else if (const auto *Case = dyn_cast<CaseStmt>(P)) {
      if (C.Reason == DllReason::Any && I > 1 &&
          isa<SwitchStmt>(Ancestors[I - 2]) &&
          refersTo(cast<SwitchStmt>(Ancestors[I - 2])->getCond(),
                   At.ReasonParam))
        C.Reason = caseValue(Case);
    }
  }
  return C;
}

int Conditions::testsReserved(const Expr *E, const Position &At,
                              unsigned Depth) const {
  const ParmVarDecl *Reserved = At.ReservedParam;
  if (!E || !Reserved || Depth > 2)
    return 0;
  E = E->IgnoreParenImpCasts();
  if (refersTo(E, Reserved))
    return 1;
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_LNot)
    return -testsReserved(U->getSubExpr(), At, Depth + 1);
  if (const auto *B = dyn_cast<BinaryOperator>(E); B && B->isEqualityOp()) {
    const Expr *L = B->getLHS(), *R = B->getRHS();
    if (refersTo(R, Reserved))
      std::swap(L, R);
    if (refersTo(L, Reserved) && isNull(R, Ctx))
      return B->getOpcode() == BO_NE ? 1 : -1;
    return 0;
  }
  // "BOOL terminating = lpvReserved != nullptr; Cleanup(terminating);"
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
        V && V->hasLocalStorage() && !isa<ParmVarDecl>(V) && V->getInit() &&
        (V->getType().isConstQualified() || V->getType()->isBooleanType() ||
         V->getType()->isIntegerType()))
      return testsReserved(V->getInit(), At, Depth + 1);
  return 0;
}

bool Conditions::inLoop(const Position &At) const {
  return any_of(At.Ancestors, [](const Stmt *S) {
    return isa<ForStmt, CXXForRangeStmt, WhileStmt, DoStmt>(S);
  });
}

DllReason Conditions::caseValue(const CaseStmt *Case) const {
  Expr::EvalResult V;
  if (isa<CaseStmt>(Case->getSubStmt()))
    return DllReason::Any; // "case A: case B:" shares one body.
  if (Case->getLHS() && Case->getLHS()->EvaluateAsInt(V, Ctx))
    return static_cast<DllReason>(V.Val.getInt().getExtValue());
  return DllReason::Any;
}

DllReason Conditions::caseReason(const CompoundStmt *Body,
                                 const Stmt *Child) const {
  DllReason R = DllReason::Any;
  for (const Stmt *S : Body->body()) {
    if (const auto *Case = dyn_cast<CaseStmt>(S))
      R = caseValue(Case);
    else if (isa<DefaultStmt>(S))
      R = DllReason::Any;
    if (S == Child)
      return R;
  }
  return DllReason::Any;
}

} // namespace shutdown::extract
