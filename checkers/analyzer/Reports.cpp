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
#include "checkers/model/NoLint.h"
#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"

using namespace clang;
using namespace clang::ento;
using namespace llvm;

namespace shutdown::analyzer {

std::string action(const BlockingEvent &E) {
  if (!E.Site)
    return rules::action(E.Prim, E.Callee, E.Target);
  // The facts' site gives the bound; the path gives what is waited for.
  BlockingSite S = *E.Site;
  S.Prim = E.Prim;
  // The strings live in this function only: S goes no further.
  StringPool Strings;
  S.Callee = Strings.save(E.Callee);
  S.TargetText = Strings.save(E.Target);
  return rules::action(S);
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

/// Whether a NOLINT comment at one of Places silences Check, as in every
/// front-end (checkers/model/NoLint.h).
static bool silenced(const SourceManager &SM, ArrayRef<SourceLoc> Places,
                     StringRef Check) {
  for (const SourceLoc &L : Places) {
    auto File = SM.getFileManager().getOptionalFileRef(L.File);
    FileID ID = File ? SM.translateFile(*File) : FileID();
    std::optional<StringRef> Text =
        ID.isValid() ? SM.getBufferDataOrNone(ID) : std::nullopt;
    if (Text && FileNoLints::parse(*Text).suppresses(L.Line, L.Col, Check))
      return true;
  }
  return false;
}

/// The places of a join or wait: the call, its root and, for a static
/// object, its class (suppressionPlaces for the model's findings).
static std::vector<SourceLoc> placesOf(const BlockingEvent &E,
                                       const SourceManager &SM) {
  std::vector<SourceLoc> Places;
  SourceLocation Call = SM.getExpansionLoc(E.Call->getSourceRange().getBegin());
  if (Call.isValid())
    Places.push_back({SM.getFilename(Call).str(),
                      SM.getExpansionLineNumber(Call),
                      SM.getExpansionColumnNumber(Call)});
  Places.push_back(E.Root->Loc);
  if (E.Root->Kind == RootKind::StaticDestructor ||
      E.Root->Kind == RootKind::ThreadLocalDestructor)
    Places.push_back(E.Unit->classLoc(E.Root->Class));
  return Places;
}

void reportEvent(const BugType &BT, const BlockingEvent &E, StringRef Message,
                 PathDiagnosticLocation Unique, const Decl *UniqueDecl) {
  CheckerContext &C = *E.C;
  if (silenced(C.getSourceManager(),
               E.Singleton ? suppressionPlaces(*E.Singleton)
                           : placesOf(E, C.getSourceManager()),
               ruleName(E.Rule)))
    return;
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
           startNote("the waited thread",
                     ThreadStartInfo{{},
                                     E.Start->Creator.str(),
                                     E.Start->RoutineName.str()}));
  }
  C.emitReport(std::move(R));
}

} // namespace shutdown::analyzer
