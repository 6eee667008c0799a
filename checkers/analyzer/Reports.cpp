//===- Reports.cpp - The model's words, and the analyzer's reports -------===//
//
// The messages are the model's (checkers/model/rules/Explain.h), so that a
// finding reads the same in clang-tidy, the driver and scan-build
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

std::string action(const BlockingEvent &E) {
  return rules::action(E.Prim, E.Callee, E.Target);
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
  case RootKind::ThreadLocalDestructor:
    return quoted(R.Name) +
           " is destroyed here when its thread exits (the main thread's at "
           "exit)" +
           (R.InDll ? ", under the loader lock" : "");
  case RootKind::DestructorFunction:
  case RootKind::DllEntry:
  case RootKind::StaticInitializer:
  case RootKind::ConstructorFunction:
  case RootKind::TlsCallback:
    break; // The root's note is on the function itself.
  }
  return "";
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
    for (const shutdown::Note &Why : notes(*E.Singleton))
      Note(Why.Loc, Why.Message);
  } else {
    Note(E.Root->Loc, rules::rootNote(*E.Root));
    // A thread handle made on the path has its note there, as an event.
    if (E.Handle)
      R->markInteresting(E.Handle);
    else if (E.Start)
      Note(E.Start->Loc,
           startNote(
               "the waited thread",
               ThreadStartInfo{{}, E.Start->Creator, E.Start->RoutineName}));
  }
  C.emitReport(std::move(R));
}

} // namespace shutdown::analyzer
