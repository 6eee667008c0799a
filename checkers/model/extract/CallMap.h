//===- CallMap.h - From a callee to what the model makes of it -*- C++ -*-===//
//
// A table from the functions of ApiTables to their handlers, built once per
// translation unit, in the manner of the static analyzer's
// CallDescriptionMap. An entry names a function by a qualified-name pattern
// (matchesName: "WaitForSingleObject", "std::atexit", "::DuplicateHandle"),
// or an overloaded operator, with the fewest arguments a call must pass. A
// call is looked up by its callee's name, so a call of a function no entry
// names costs one hash lookup; its qualified name is computed only when an
// entry's pattern has a qualifier, or a handler asks for it.
//
// Several entries may name one function ("join" is a thread's member and a
// project may list a join function of that name); dispatch tries them in
// the order they were added, and a handler declines a call that is not its
// own (a "join" on an object that is not a thread) by returning false.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_EXTRACT_CALLMAP_H
#define SHUTDOWN_HAZARDS_MODEL_EXTRACT_CALLMAP_H

#include "checkers/model/ApiTables.h"
#include "checkers/model/extract/Extraction.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>
#include <vector>

namespace shutdown::extract {

/// A direct call, as the handlers see it.
class CallSite {
public:
  CallSite(const clang::CallExpr &E, const clang::FunctionDecl &Callee)
      : E(E), Callee(Callee) {
    if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(&E))
      Object = MC->getImplicitObjectArgument();
    if (const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&E);
        OC && llvm::isa<clang::CXXMethodDecl>(Callee) && OC->getNumArgs() > 0)
      Object = OC->getArg(0);
    if (Object) {
      ObjectClass = Object->getType()->getPointeeCXXRecordDecl();
      if (!ObjectClass)
        ObjectClass = Object->getType()->getAsCXXRecordDecl();
    }
  }

  const clang::CallExpr &E;
  const clang::FunctionDecl &Callee;
  /// The object a member is called on ("t" in "t.join()", "p" in "p =
  /// nullptr"), and its class; null for a free function.
  const clang::Expr *Object = nullptr;
  const clang::CXXRecordDecl *ObjectClass = nullptr;

  /// A member call "o.f()", not an operator.
  bool isMemberCall() const { return llvm::isa<clang::CXXMemberCallExpr>(&E); }
  unsigned numArgs() const { return E.getNumArgs(); }
  const clang::Expr *arg(unsigned I) const { return E.getArg(I); }
  /// The argument at position I, or null when the call has fewer (a
  /// negative I: none).
  const clang::Expr *argOrNull(int I) const {
    return I >= 0 && unsigned(I) < numArgs() ? arg(I) : nullptr;
  }
  /// The callee's qualified name ("std::atexit"), computed once.
  const std::string &name() const {
    if (!Name)
      Name = qualifiedName(&Callee);
    return *Name;
  }

private:
  mutable std::optional<std::string> Name;
};

template <typename T> class CallMap {
public:
  /// Calls of a function that Pattern matches, with at least MinArgs
  /// arguments.
  void add(llvm::StringRef Pattern, unsigned MinArgs, T Value) {
    llvm::StringRef Key = Pattern;
    if (size_t Colons = Pattern.rfind("::"); Colons != llvm::StringRef::npos)
      Key = Pattern.drop_front(Colons + 2);
    ByName[Key].push_back(Entries.size());
    Entries.push_back({Pattern.str(), clang::OO_None, MinArgs,
                       Key.size() != Pattern.size(), std::move(Value)});
  }
  /// Calls of an overloaded operator Op, with at least MinArgs arguments
  /// (the object counts as the first).
  void add(clang::OverloadedOperatorKind Op, unsigned MinArgs, T Value) {
    ByOperator.push_back(Entries.size());
    Entries.push_back({"", Op, MinArgs, false, std::move(Value)});
  }

  /// Calls Try(Value) for each entry that matches Call, in the order they
  /// were added, until one returns true; whether one did.
  template <typename Fn> bool dispatch(const CallSite &Call, Fn Try) const {
    const clang::FunctionDecl &Callee = Call.Callee;
    llvm::ArrayRef<unsigned> Candidates;
    if (Callee.getIdentifier()) {
      auto It = ByName.find(Callee.getName());
      if (It == ByName.end())
        return false;
      Candidates = It->second;
    } else if (Callee.getOverloadedOperator() != clang::OO_None) {
      Candidates = ByOperator;
    }
    for (unsigned I : Candidates) {
      const Entry &En = Entries[I];
      if (Call.numArgs() < En.MinArgs ||
          (En.Operator != clang::OO_None &&
           En.Operator != Callee.getOverloadedOperator()) ||
          (En.Qualified && !matchesName(Call.name(), En.Pattern)))
        continue;
      if (Try(En.Value))
        return true;
    }
    return false;
  }

private:
  struct Entry {
    std::string Pattern;
    clang::OverloadedOperatorKind Operator;
    unsigned MinArgs;
    bool Qualified; ///< The pattern has a qualifier: compare whole names.
    T Value;
  };
  std::vector<Entry> Entries;
  llvm::StringMap<llvm::SmallVector<unsigned, 1>> ByName;
  llvm::SmallVector<unsigned, 1> ByOperator;
};

} // namespace shutdown::extract

#endif
