//===- Guards.cpp - Tests of object state, and what they guard ------------===//
//
// The safety net is a teardown join that runs only if its thread still runs:
// under a test of object state (a member, a global, joinable()) that the
// path took, in the join's function or in a caller on the path. A branch
// controls a statement when the statement is in one of its branches, or
// follows, in the same block, an "if" whose branch leaves it ("if (!h)
// return;").
//
//===----------------------------------------------------------------------===//

#include "ShutdownModeling.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace llvm;

namespace shutdown::analyzer {

static bool within(const Stmt *S, const Stmt *Sub, const ParentMap &PM) {
  for (; S && Sub; S = PM.getParent(S))
    if (S == Sub)
      return true;
  return false;
}

/// Whether control never falls out of S: "return;", "{ ...; break; }".
static bool leaves(const Stmt *S) {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(S))
    return !CS->body_empty() && leaves(CS->body_back());
  return isa_and_nonnull<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt,
                         CXXThrowExpr>(S);
}

bool testsState(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(E);
      ME && isa<FieldDecl>(ME->getMemberDecl()))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
        V && V->hasGlobalStorage())
      return true;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    if (const auto *M = MC->getMethodDecl();
        M && M->getIdentifier() && M->getName() == "joinable")
      return true;
  return any_of(E->children(), [](const Stmt *C) { return testsState(C); });
}

bool controls(const Stmt *Cond, const Stmt *S, const ParentMap &PM,
              const SourceManager &SM) {
  const Stmt *Child = Cond;
  for (const Stmt *P = PM.getParent(Child); P; Child = P, P = PM.getParent(P)) {
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (Child != If->getCond())
        return false;
      if (within(S, If->getThen(), PM) || within(S, If->getElse(), PM))
        return true;
      const Stmt *Block = PM.getParent(If);
      return (leaves(If->getThen()) || leaves(If->getElse())) &&
             within(S, Block, PM) &&
             SM.isBeforeInTranslationUnit(If->getEndLoc(), S->getBeginLoc());
    }
    if (const auto *W = dyn_cast<WhileStmt>(P))
      return Child == W->getCond() && within(S, W->getBody(), PM);
    if (const auto *F = dyn_cast<ForStmt>(P))
      return Child == F->getCond() && within(S, F->getBody(), PM);
    if (const auto *CO = dyn_cast<ConditionalOperator>(P)) {
      if (Child == CO->getCond())
        return within(S, CO->getTrueExpr(), PM) ||
               within(S, CO->getFalseExpr(), PM);
      continue;
    }
    if (const auto *B = dyn_cast<BinaryOperator>(P); B && B->isLogicalOp()) {
      if (Child == B->getLHS() && within(S, B->getRHS(), PM))
        return true;
      continue;
    }
    if (!isa<Expr>(P))
      return false;
  }
  return false;
}

} // namespace shutdown::analyzer
