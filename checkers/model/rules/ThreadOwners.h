//===- ThreadOwners.h - Static objects that own threads ---------*- C++ -*-===//
//
// For every static variable, the classes its destruction destroys (the
// class itself, then, through destruction edges, members, bases, owned
// pointees and deleted objects), and their thread members (a thread object,
// or a thread key): each stopped by ordinary code (an explicit stop), only
// by teardown (the teardown search joins it, from this variable or from
// another root), or by nothing. The inventory of the reports, and what the
// singleton rule reads.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RULES_THREADOWNERS_H
#define SHUTDOWN_HAZARDS_MODEL_RULES_THREADOWNERS_H

#include "checkers/model/Rules.h"
#include "checkers/model/rules/OrdinaryCode.h"
#include "checkers/model/rules/TeardownSearch.h"

namespace shutdown::rules {

/// A thread member, and how it stops.
struct OwnedThread {
  const ThreadField *Field = nullptr;
  ThreadOwner::Stop How = ThreadOwner::Stop::NotStopped;
  /// The explicit stop, the contract's, or the teardown join; null when
  /// NotStopped.
  const BlockingSite *StoppedBy = nullptr;
  /// The stop that would end it (ThreadOwner::StoppedBy), when there is one:
  /// explicit, contract, uncalled or on other objects only.
  const OrdinaryCode::Stop *Named = nullptr;
  bool OtherInstances = false; ///< Named is called on other objects only.
  std::string Note;            ///< ThreadOwner::Note.
};

/// What one destruction edge out of a static variable destroys: a class
/// (a static unique_ptr<Base> may own a Derived: each is an owner) and the
/// threads of it and of what it owns.
struct OwnedClass {
  const RootFact *Instance = nullptr;
  llvm::StringRef Class; ///< Its destruction node, "D:<USR>".
  std::vector<OwnedThread> Threads;
};

/// The classes that the static variables Follows accepts destroy, in the
/// order of the roots.
std::vector<OwnedClass>
ownedClasses(const CallGraph &G, const Instances &I,
             const OrdinaryCode &Ordinary, const TeardownJoins &Joins,
             llvm::function_ref<bool(const RootFact &)> Follows);

/// The inventory: one entry per static variable and thread member, sorted
/// by the variable's location, its name, the thread and the class.
std::vector<ThreadOwner> threadOwners(const CallGraph &G,
                                      const OrdinaryCode &Ordinary,
                                      llvm::ArrayRef<OwnedClass> Owned);

} // namespace shutdown::rules

#endif
