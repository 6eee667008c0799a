//===- Conditions.h - What the code around a statement says ----*- C++ -*-===//
//
// The context of a call or a blocking site, read from the statements above
// it (Position::Ancestors) without a parent map:
//
//   guarded  an if, ?: or && / || whose condition tests object state (a
//            member, a global, a joinable() call) controls the statement,
//            or an earlier "if (state) return;" in the same block does;
//   reason   inside a DLL entry point, the value of the reason parameter
//            that leads here: "if (fdwReason == DLL_PROCESS_DETACH)",
//            "switch (fdwReason) { case DLL_PROCESS_DETACH: ... }";
//   path     inside a DLL entry point, FreeLibrary or process exit, from
//            tests of lpvReserved: "if (lpvReserved)", "lpvReserved ==
//            nullptr", an early "if (lpvReserved) return TRUE;".
//
// A test applies when the statement is on its taken side: the then-branch
// of "A && B" takes both A and B, the else-branch of "A || B" neither.
// Early exits ("if (C) return;", "{ log(); break; }") apply their negated
// condition to what follows them, up to the next case label.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_EXTRACT_CONDITIONS_H
#define SHUTDOWN_HAZARDS_MODEL_EXTRACT_CONDITIONS_H

#include "checkers/model/ApiTables.h"
#include "checkers/model/Facts.h"
#include "clang/AST/Stmt.h"

namespace clang {
class ASTContext;
class ParmVarDecl;
} // namespace clang

namespace shutdown::extract {

struct Position;

/// What the conditions around a statement say.
struct Context {
  bool Guarded = false;
  DllReason Reason = DllReason::Any;
  DllPath Path = DllPath::Unknown;
  /// The statement runs only when a parameter of its function is true
  /// ("<index>=1") or false ("<index>=0"): "if (terminating) return;".
  std::vector<std::string> ParamConds;
};

class Conditions {
public:
  /// StateQueries: the members whose call tests a thread's state.
  Conditions(clang::ASTContext &Ctx,
             llvm::ArrayRef<llvm::StringRef> StateQueries)
      : Ctx(Ctx), StateQueries(StateQueries) {}

  /// The context of the innermost statement of At.Ancestors.
  Context contextOf(const Position &At) const;

  /// Inside a DLL entry point, whether E tests lpvReserved: +1 when it is
  /// true at process exit ("lpvReserved != nullptr", or a local
  /// initialized so), -1 when it is true on FreeLibrary, 0 otherwise.
  int testsReserved(const clang::Expr *E, const Position &At,
                    unsigned Depth = 0) const;

  /// Whether the innermost statement of At.Ancestors is inside a loop.
  bool inLoop(const Position &At) const;

  /// Whether a condition tests object state: a member, a global, or a
  /// state query (joinable()), as opposed to a parameter or a local.
  bool testsState(const clang::Expr *Cond) const;

private:
  /// Applies "if (Cond)" seen from its then-branch (Then) or else-branch.
  void apply(const clang::Expr *Cond, bool Then, const Position &At,
             Context &C) const;
  /// The reason a case label selects: its constant, or Any for a label that
  /// shares its body with another ("case A: case B:").
  DllReason caseValue(const clang::CaseStmt *Case) const;
  /// The reason of "case X: f(); g(); break;": g() is a sibling of the
  /// case in the switch body.
  DllReason caseReason(const clang::CompoundStmt *Body,
                       const clang::Stmt *Child) const;

  clang::ASTContext &Ctx;
  llvm::ArrayRef<llvm::StringRef> StateQueries;
};

} // namespace shutdown::extract

#endif
