//===- Rules.h - From teardown facts to findings ---------------*- C++ -*-===//
//
// The rules of DESIGN.md §1 over facts (of one TU, or of a whole linked
// program). Roots are followed down the call graph to blocking sites; each
// site yields at most one finding, carrying the path from its root
// (Finding.h). The pieces are in rules/: the indexed graph, ordinary code,
// the teardown search, the words, and one file per rule.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RULES_H
#define SHUTDOWN_HAZARDS_MODEL_RULES_H

#include "checkers/model/Facts.h"
#include "checkers/model/Finding.h"
#include <string>
#include <vector>

namespace shutdown {

/// A static-storage object that owns a thread, and how that thread stops.
struct ThreadOwner {
  enum class Stop {
    Explicit,     ///< Ordinary code joins or waits for it (an UnInit).
    TeardownOnly, ///< Only its teardown does: a finding of the singleton rule.
    NotStopped,   ///< Nothing joins or waits for it.
    /// A library analyzed alone: only its public API stops it, which
    /// callers must call before exit or unload.
    Contract,
  };
  std::string Object;  ///< The static variable.
  SourceLoc Loc;       ///< Its declaration.
  std::string Class;   ///< The class that declares the thread member.
  std::string Thread;  ///< The member: "Worker::thread_".
  SourceLoc ThreadLoc; ///< The member's declaration.
  Stop How = Stop::NotStopped;
  std::string StoppedIn; ///< The function that joins or waits (not NotStopped).
  SourceLoc StopLoc;     ///< Where.
  /// Explicit: how ordinary code gets there, from an entry point (main, an
  /// API function no one in the program calls, a thread body) to the join:
  /// "main -> Pool::shutdown -> Pool::~Pool -> std::thread::join(t)".
  std::string StopChain;
  bool InDll = false; ///< Destroyed under the loader lock.
  /// The function that would stop it, as the caller should call it: the
  /// explicit stop, the contract's API function, or, TeardownOnly, an
  /// uncalled public function or a stop called on other objects only.
  std::string StoppedBy;
  /// Explicit, while a teardown join of it is still reported: why.
  std::string Note;
};

/// An annotation that silences no finding: its variable or class, and
/// where it is (strings of its own: the facts may be gone).
struct UnusedAnnotation {
  std::string Name;
  SourceLoc Loc;
};

/// Findings and the inventory of thread owners of one analysis.
struct Hazards {
  std::vector<Finding> Findings;
  std::vector<ThreadOwner> Owners; ///< Sorted by Loc, Object, Thread.
  /// Annotations that silence no finding (when asked for).
  std::vector<UnusedAnnotation> UnusedAnnotations;
};

/// How much of the program the facts cover. With one translation unit the
/// callers of an API function may be elsewhere, so every externally callable
/// function counts as ordinary code; with the whole program, only those that
/// nothing in the program calls.
enum class AnalysisMode { TranslationUnit, WholeProgram };

/// Runs all rules over normalized facts; findings come sorted by location,
/// rule and message.
std::vector<Finding> findHazards(const TUFacts &Facts, AnalysisMode Mode);
/// findHazards and the inventory of static-storage thread owners.
Hazards analyzeHazards(const TUFacts &Facts, AnalysisMode Mode,
                       bool FindUnusedAnnotations = false);

} // namespace shutdown

#endif
