//===- Reports.cpp - The model's words, and the analyzer's reports -------===//
//
// The messages are those of checkers/model/Rules.cpp, word for word, so that
// a finding reads the same in clang-tidy, the driver and scan-build
// (test/analyzer/wording.test compares them). What the analyzer adds is the
// context it found on the path (the entry point's reason and kind of
// detach) and the path itself, as events.
//
//===----------------------------------------------------------------------===//

#include "ShutdownModeling.h"
#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"

using namespace clang;
using namespace clang::ento;
using namespace llvm;

namespace shutdown::analyzer {

std::string quoted(StringRef S) { return ("'" + S + "'").str(); }

StringRef reasonName(DllReason R) {
  switch (R) {
  case DllReason::ProcessDetach:
    return "DLL_PROCESS_DETACH";
  case DllReason::ProcessAttach:
    return "DLL_PROCESS_ATTACH";
  case DllReason::ThreadAttach:
    return "DLL_THREAD_ATTACH";
  case DllReason::ThreadDetach:
    return "DLL_THREAD_DETACH";
  case DllReason::Any:
    break;
  }
  return "";
}

std::string action(const BlockingEvent &E) {
  switch (E.Prim) {
  case Primitive::JoiningDtor:
    return "destroying " + E.Target + " ('" +
           E.Callee.substr(0, E.Callee.rfind("::")) + "') joins its thread";
  case Primitive::Win32Wait:
    return quoted(E.Callee) + " waits on thread handle " + quoted(E.Target);
  case Primitive::Join:
  case Primitive::JoinFunction:
    break;
  }
  return quoted(E.Callee) + " waits for thread " + quoted(E.Target);
}

std::string rootNote(const RootFact &R) {
  switch (R.Kind) {
  case RootKind::StaticDestructor:
    return quoted(R.Name) +
           (R.InDll ? " has static storage: it is destroyed when the DLL is "
                      "unloaded, inside DllMain(DLL_PROCESS_DETACH) under the "
                      "loader lock"
                    : " has static storage: it is destroyed at exit");
  case RootKind::AtExit: {
    bool Quick = StringRef(R.Registrar).contains("quick_exit");
    return quoted(R.Name) + " is registered with " + quoted(R.Registrar) +
           " here" +
           (Quick     ? ": it runs when the program calls quick_exit"
            : R.InDll ? ": in a DLL it runs at unload, under the loader lock"
                      : ": it runs at exit");
  }
  case RootKind::DestructorFunction:
    return quoted(R.Name) +
           " is a destructor function: it runs at exit or when its library "
           "is unloaded" +
           (R.InDll ? ", under the loader lock" : "");
  case RootKind::DllEntry:
    return quoted(R.Name) +
           " is a DLL entry point: the loader calls it holding the loader "
           "lock";
  }
  return "";
}

std::string entryNote(const RootFact &R) {
  switch (R.Kind) {
  case RootKind::StaticDestructor:
    return quoted(R.Name) +
           (R.InDll ? " is destroyed here when the DLL is unloaded, inside "
                      "DllMain(DLL_PROCESS_DETACH) under the loader lock"
                    : " is destroyed here at exit");
  case RootKind::AtExit:
    if (StringRef(R.Registrar).contains("quick_exit"))
      return quoted(R.Name) + " runs here when the program calls quick_exit";
    return quoted(R.Name) + " runs here as an " + quoted(R.Registrar) +
           " handler" +
           (R.InDll ? ", at unload, under the loader lock" : ", at exit");
  case RootKind::DestructorFunction:
  case RootKind::DllEntry:
    break; // The root's note is on the function itself.
  }
  return "";
}

std::string startNote(StringRef What, StringRef Creator, StringRef Routine) {
  if (Routine.empty())
    return (What + " comes from " + quoted(Creator) + " here").str();
  return (What + " is started here by " + quoted(Creator) + ", running " +
          quoted(Routine))
      .str();
}

std::string teardownMessage(const BlockingEvent &E) {
  if (E.Root->InDll)
    return action(E) +
           " during static teardown of a DLL, inside "
           "DllMain(DLL_PROCESS_DETACH) under the loader lock; the thread "
           "needs that lock to exit: deadlock on FreeLibrary";
  return action(E) + " during static teardown; exit hangs if the thread "
                     "does not finish, and the thread may still use objects "
                     "already destroyed";
}

void reportEvent(const BugType &BT, const BlockingEvent &E, StringRef Message,
                 PathDiagnosticLocation Unique, const Decl *UniqueDecl) {
  CheckerContext &C = *E.C;
  // Every report of one call ends at one node: a second node with the
  // same state and tag would be the first one again.
  if (!*E.Node)
    *E.Node = C.generateNonFatalErrorNode();
  ExplodedNode *N = *E.Node;
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(BT, Message, N, Unique,
                                                    UniqueDecl);
  const SourceManager &SM = C.getSourceManager();
  auto Note = [&](const SourceLoc &L, StringRef Text) {
    if (SourceLocation At = E.Unit->toLocation(L); At.isValid())
      R->addNote(Text, PathDiagnosticLocation(At, SM));
  };
  if (E.Singleton) {
    for (const shutdown::Note &Why : E.Singleton->Notes)
      Note(Why.Loc, Why.Message);
  } else {
    Note(E.Root->Loc, rootNote(*E.Root));
    // A thread handle made on the path has its note there, as an event.
    if (E.Handle)
      R->markInteresting(E.Handle);
    else if (E.Start)
      Note(E.Start->Loc, startNote("the waited thread", E.Start->Creator,
                                   E.Start->RoutineName));
  }
  C.emitReport(std::move(R));
}

} // namespace shutdown::analyzer
