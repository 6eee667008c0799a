//===- ValueFlow.h - Where threads and handles are kept --------*- C++ -*-===//
//
// Threads and their handles are known by the places that hold them: the ids
// of variables and members, R:<function> for a function's return value and
// P:<function>#<index> for a parameter (Facts.h). This file answers where
// a value comes from (targets), where a new value goes (storageTarget), and
// records how values move between places (HandleCopy facts): assignments and
// initializations of handle-like variables, arguments passed to a helper's
// thread or handle parameters. It also tells which functions an expression
// names (thread routines, exit handlers), and which function names are
// calls rather than addresses that escape.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_EXTRACT_VALUEFLOW_H
#define SHUTDOWN_HAZARDS_MODEL_EXTRACT_VALUEFLOW_H

#include "checkers/model/extract/Extraction.h"
#include "llvm/ADT/DenseSet.h"
#include <string>
#include <utility>
#include <vector>

namespace shutdown::extract {

class ValueFlow {
public:
  explicit ValueFlow(Extraction &X) : X(X) {}

  /// The ids of the variables and members an expression reads its value
  /// from: "m_hThread", "threads_[i]", "t" bound by "for (auto &t : pool_)",
  /// R:<f> for a call of a user function f, P:<f>#<i> for a parameter.
  FactList targets(const clang::Expr *E, unsigned Depth = 0);
  /// The first of targets(E), or "".
  FactString target(const clang::Expr *E);

  /// Where the value of a creating expression (a thread, a handle) at the
  /// innermost of X.At.Ancestors is stored: the variable or member it
  /// initializes or is assigned to, the container it is added to, or R:<f>
  /// when the function returns it.
  FactString storageTarget(const clang::Expr *E);

  /// The value of From flows into the places To refers to.
  void copy(const clang::Expr *To, const clang::Expr *From);
  /// The value of From flows into the place To.
  void copyInto(FactString To, const clang::Expr *From);
  /// The threads and handles a call passes to the callee's parameters flow
  /// into them. Returns what it passes, as "<index>=<target>"
  /// (CallEdge::Args).
  FactList passArguments(const clang::CallExpr *CE,
                         const clang::FunctionDecl *Callee);

  /// A type whose values can be thread handles or ids: HANDLE, pthread_t,
  /// and the other FixedApis::HandleTypes, through typedefs, or void *.
  bool isHandleLike(clang::QualType T) const;
  /// The value of E is a thread's handle taken from a thread object:
  /// "t.native_handle()".
  bool isThreadHandleOf(const clang::Expr *E) const;
  /// The bound a timeout argument gives, in milliseconds: Untimed for none
  /// (a missing or defaulted argument, INFINITE, a negative value),
  /// BoundedUnknown for a value that is not a constant, 0 for a poll. A
  /// std::chrono or boost::chrono duration is converted from its period.
  int64_t timeoutMs(const clang::Expr *E) const;
  /// nullptr, NULL, {} or a default-constructed value.
  bool isEmptyValue(const clang::Expr *E) const;

  /// How "delete p" or "p.reset()" is told: Action, or, when p is a local
  /// pointer that was given a new object where it was declared
  /// ("auto p = std::make_shared<Pool>()", "Pool *p = new Pool"), as the
  /// destruction of a local: that object is another instance than any
  /// static one, so destroying it stops none of their threads.
  FactString destroyVia(const clang::Expr *Pointer, llvm::StringRef Action);

  /// The function an expression names, as (id, name): "&Worker::run",
  /// "ThreadProc", a captureless lambda converted to a function pointer.
  /// The name is then a use of the function, not an address that escapes.
  std::pair<FactString, FactString> resolveFunction(const clang::Expr *E);

  /// The callee expression of a direct call: a use, not an escape.
  void noteCallee(const clang::Expr *Callee);
  /// A reference to a function that is neither called nor passed as a
  /// thread routine or an exit handler: its address escapes.
  bool escapes(const clang::DeclRefExpr *E) const;

  /// "for (auto &t : pool_)": t stands for the elements of pool_.
  void noteRange(const clang::VarDecl *LoopVar, const clang::Expr *Range) {
    RangeOf[LoopVar] = Range;
  }

private:
  void resolveInto(const clang::Expr *E, FactList &Out, unsigned Depth);

  Extraction &X;
  llvm::DenseMap<const clang::VarDecl *, const clang::Expr *> RangeOf;
  llvm::DenseSet<const clang::Expr *> Used;
};

} // namespace shutdown::extract

#endif
