//===- Rules.h - From teardown facts to findings ---------------*- C++ -*-===//
//
// The four rules of DESIGN.md §1 over facts (of one TU, or of a whole linked
// program). Roots are followed down the call graph to blocking sites; each
// site yields at most one finding, carrying the chain from its root as notes.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RULES_H
#define SHUTDOWN_HAZARDS_MODEL_RULES_H

#include "checkers/model/Checks.h"
#include "checkers/model/Facts.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace shutdown {

enum class Severity { Warning, Error };

struct Note {
  SourceLoc Loc;
  std::string Message;
};

struct Finding {
  RuleKind Rule = RuleKind::JoinInTeardown;
  Severity Level = Severity::Warning;
  SourceLoc Loc;
  std::string Message;
  std::vector<Note> Notes; ///< Root first, then one per frame, then the thread.
  std::vector<std::string> Chain; ///< Node ids from the root to the site.
  std::string ChainText; ///< "DllMain(DLL_PROCESS_DETACH) -> ~W -> WaitFor..."
  /// The blocking callee ("std::thread::join", "WaitForSingleObject") and
  /// the ids of what it waits for; for the singleton rule, the thread members.
  std::string Callee;
  std::vector<std::string> Targets;
  /// Where the waited thread is started, when known (its creator, e.g.
  /// "CreateThread", and the routine it runs).
  SourceLoc ThreadLoc;
  std::string ThreadCreator;
  std::string ThreadRoutine;
};

/// What identifies a finding across edits: its rule, the functions along
/// its chain by USR, the blocking callee and what it waits for; no file
/// name, line or message. 16 hex digits.
std::string findingId(const Finding &F);

/// A static-storage object that owns a thread, and how that thread stops.
struct ThreadOwner {
  enum class Stop {
    Explicit,     ///< Ordinary code joins or waits for it (an UnInit).
    TeardownOnly, ///< Only its teardown does: a finding of the singleton rule.
    NotStopped,   ///< Nothing joins or waits for it.
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
};

/// Findings and the inventory of thread owners of one analysis.
struct Hazards {
  std::vector<Finding> Findings;
  std::vector<ThreadOwner> Owners; ///< Sorted by Loc, Object, Thread.
  /// Annotations that silence no finding (when asked for).
  std::vector<AnnotationFact> UnusedAnnotations;
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
