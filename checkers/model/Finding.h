//===- Finding.h - What a rule found, and its words -------------*- C++ -*-===//
//
// A finding is structure: for the join and wait rules, the teardown root,
// the steps of the path, the blocking call and the waited thread; for the
// singleton rule, the class, its static instances and its threads. Every
// front-end words it through the functions below, so clang-tidy's notes,
// the text report and the other formats say the same thing: notes() for
// the notes, chainText() for the one-line chain, stackAtHang() for the
// frames a debugger would show.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_FINDING_H
#define SHUTDOWN_HAZARDS_MODEL_FINDING_H

#include "checkers/model/Checks.h"
#include "checkers/model/Facts.h"
#include "llvm/ADT/STLFunctionalExtras.h"
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

/// Where a finding's path starts, or a static instance of the singleton
/// rule's class.
struct FindingRoot {
  RootKind Kind = RootKind::StaticDestructor;
  std::string Node;      ///< Its node: "V:<USR>", the handler, the entry.
  std::string Name;      ///< The variable, handler or entry point.
  SourceLoc Loc;         ///< Declaration, registration or definition.
  std::string Registrar; ///< AtExit: "atexit", "std::at_quick_exit", ...
  bool InDll = false;    ///< Runs under the loader lock.
  /// DllEntry: how the entry was entered on this path, as its first call's
  /// context says.
  DllReason Reason = DllReason::Any;
  DllPath Path = DllPath::Unknown;
  std::string Why; ///< What the root means at exit, said at Loc.
  /// A static object's class declaration, when known: a NOLINT there
  /// silences the findings rooted in the object (NoLint.h).
  SourceLoc ClassLoc;
};

/// One call or destruction on the path.
struct FindingStep {
  std::string Caller; ///< The caller's node id.
  /// The callee's, as reached: for a virtual call, the override.
  std::string Callee;
  std::string CalleeName; ///< For the chain: "Worker::~Worker".
  SourceLoc Loc;          ///< The call, or the destruction.
  EdgeKind Kind = EdgeKind::Call;
  std::string Via; ///< What is destroyed or deleted ("member 't_'").
  std::string Why; ///< Its note; empty when the root's note says it.
};

/// The join or wait that blocks.
struct BlockingCall {
  std::string Callee;     ///< "std::thread::join", "WaitForSingleObject".
  std::string TargetText; ///< The source text of what it waits for.
  Primitive Prim = Primitive::Join;
  SourceLoc Loc;
  /// What it waits for on this path (a helper's parameter bound to what the
  /// path's last call passes).
  std::vector<std::string> Targets;
};

/// Where a thread is started.
struct ThreadStartInfo {
  SourceLoc Loc;
  std::string Creator; ///< "CreateThread", "std::thread".
  std::string Routine; ///< What it runs; empty when not known (OpenThread).
};

/// A thread of the singleton rule's class that only teardown stops.
struct TeardownThread {
  std::string Field; ///< The member's id.
  std::string Name;  ///< "Worker::thread_".
  std::optional<ThreadStartInfo> Start;
  std::string JoinCallee; ///< The teardown join: its callee,
  SourceLoc JoinLoc;      ///< where it is,
  std::string JoinedIn;   ///< and the function it is in.
};

struct Finding {
  RuleKind Rule = RuleKind::JoinInTeardown;
  Severity Level = Severity::Warning;
  SourceLoc Loc;
  std::string Message;

  /// The join and wait rules: the path from Root down to Site, and the
  /// thread Site waits for when its start is known.
  FindingRoot Root;
  std::vector<FindingStep> Steps;
  BlockingCall Site;
  std::optional<ThreadStartInfo> Waited;

  /// The singleton rule: the class (Loc is its declaration), its static
  /// instances by location, and its threads that only teardown stops.
  std::string Class; ///< Its node, "D:<USR>".
  std::string ClassName;
  std::vector<FindingRoot> Instances;
  std::vector<TeardownThread> Threads;
};

/// The notes, in the order clang-tidy prints them: for a join, the root,
/// one per step that needs one, then the waited thread; for the singleton
/// rule, each instance, then each thread's start and its teardown join.
std::vector<Note> notes(const Finding &F);

/// The chain on one line: "DllMain(DLL_PROCESS_DETACH) -> static destructors
/// -> 'PolicyWorker::Instance::Worker' -> PolicyWorker::~PolicyWorker ->
/// WaitForSingleObject(m_hThread)"; "static instance of 'Worker'" for the
/// singleton rule.
std::string chainText(const Finding &F);

/// The node ids along the chain: the root's and one per step; the class's
/// for the singleton rule.
std::vector<std::string> chainNodes(const Finding &F);

/// One frame of the stack at the hang.
struct Frame {
  enum Kind {
    Blocking, ///< #0: the join or wait, a library call.
    Code,     ///< A function, a destructor or a static variable's teardown.
    Runtime,  ///< What the runtime runs: "exit", "static destructors".
  } K = Code;
  std::string Name;
  SourceLoc Loc;   ///< Where this frame calls the one above; invalid for
                   ///< runtime frames.
  std::string Why; ///< The note at Loc, if any.
  Note Root;       ///< On the root's frame: the note that explains the root,
                   ///< when it is elsewhere (an atexit registration).
};

/// The stack of the waiting thread at the hang, innermost frame (#0, the
/// blocking call) first, down to the runtime's frames; empty for the
/// singleton rule, whose finding is no stack.
std::vector<Frame> stackAtHang(const Finding &F);

/// Where a thread starts, in words: "started <Where> by <Creator>, running
/// <Routine>", each name when known and rendered by Name ('quoted', a code
/// span). The subject is the caller's: "the waited thread is " + this.
std::string startedText(const ThreadStartInfo &T, llvm::StringRef Where,
                        llvm::function_ref<std::string(llvm::StringRef)> Name);
/// "<Subject> is started here by 'C', running 'R'"; a handle whose routine
/// is not known "comes from" its creator.
std::string startNote(llvm::StringRef Subject, const ThreadStartInfo &T);
/// Why the waiting thread cannot go on: the waited thread needs the loader
/// lock it holds (an error), or it waits until that thread ends.
llvm::StringRef waitOutcome(const Finding &F);
/// The note that says where the waited thread starts, if it is known.
std::optional<Note> waitedThreadNote(const Finding &F);

/// "DLL_PROCESS_DETACH", ... ; empty for DllReason::Any.
llvm::StringRef reasonName(DllReason R);
/// How a DLL entry point was entered: "DLL_PROCESS_DETACH, FreeLibrary";
/// empty when nothing is known.
std::string entryContext(DllReason R, DllPath P);

/// What identifies a finding across edits: its rule, the nodes along its
/// chain by USR, the blocking callee and what it waits for; no file name,
/// line or message. 16 hex digits.
std::string findingId(const Finding &F);

} // namespace shutdown

#endif
