//===- Receivers.h - Which object a call acts on ----------------*- C++ -*-===//
//
// The object a member call, a blocking site or a returned reference acts
// on, as an object reference (Facts.h): "this", "var:<USR>" for a variable
// of static or thread storage (or a member, or an owned pointee, of one),
// "ret:<function>|<object>" for what a user function returns,
// "param:<function>#<index>" for a parameter, "local" for an object made
// here (a local, a temporary, a new one) and "?" when the expression does
// not say. A member's object is its base's: the members of a static are
// that static.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_EXTRACT_RECEIVERS_H
#define SHUTDOWN_HAZARDS_MODEL_EXTRACT_RECEIVERS_H

#include "checkers/model/extract/Extraction.h"
#include <string>
#include <vector>

namespace shutdown::extract {

class Receivers {
public:
  explicit Receivers(Extraction &X) : X(X) {}

  /// The object E denotes, or points to.
  FactString objectOf(const clang::Expr *E, unsigned Depth = 0);
  /// The object whose member a waited thread or handle is ("t_" in
  /// "t_.join()": this); "" when the target is no member.
  FactString ownerOfTarget(const clang::Expr *Target);
  /// The object a call acts on: its receiver for a non-static member, ""
  /// for a free function or a static member.
  FactString receiverOf(const clang::Expr *Object,
                        const clang::FunctionDecl &Callee);
  /// What a call passes to the callee's object parameters (pointers and
  /// references to classes), "<index>=<object>".
  FactList objectArgs(const clang::CallExpr &E,
                      const clang::FunctionDecl &Callee);
  /// A return statement of the current function that returns a reference or
  /// a pointer to an object: the object, or "" when it returns none.
  FactString returned(const clang::ReturnStmt &R);

private:
  FactString ofLocal(const clang::VarDecl &V, unsigned Depth);
  Extraction &X;
};

} // namespace shutdown::extract

#endif
