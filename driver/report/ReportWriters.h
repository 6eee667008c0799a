//===- ReportWriters.h - What the report writers share ---------*- C++ -*-===//
//
// Private to driver/Report*.cpp: the list of checks, paths relative to the
// project root, counts, and a finding's chain as the stack a debugger shows
// at the hang (innermost frame first). One writer per format, each in its
// own file.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_REPORT_REPORTWRITERS_H
#define SHUTDOWN_HAZARDS_DRIVER_REPORT_REPORTWRITERS_H

#include "driver/report/Report.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>
#include <vector>

namespace shutdown::driver {

llvm::StringRef levelName(Severity S);
/// "explicit", "teardown-only" or "never", for the JSON report.
llvm::StringRef stopName(ThreadOwner::Stop S);

/// A path relative to Root with '/' separators when it is under Root;
/// otherwise the absolute path.
std::string relativePath(llvm::StringRef Path, llvm::StringRef Root);

/// A message with its 'quoted' names rendered by Name and the rest by Text;
/// all of it by Text when the quotes do not pair up.
std::string
markQuotedNames(llvm::StringRef Message,
                llvm::function_ref<std::string(llvm::StringRef)> Text,
                llvm::function_ref<std::string(llvm::StringRef)> Name);

/// "file:line" (Col: "file:line:col"), the file relative to Root.
std::string locationText(const SourceLoc &L, llvm::StringRef Root,
                         bool Col = false);

/// Findings in the order a reader wants them: new before baselined, errors
/// before warnings, then by file, line, column, rule (the report's order).
std::vector<const ReportedFinding *> byImportance(const Report &R);

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

/// The chain of a join finding, innermost frame (#0, the blocking call)
/// first; std::nullopt for the singleton rule, whose chain is no stack, or
/// when notes and chain do not line up (then the notes speak for it).
std::optional<std::vector<Frame>> stackOf(const Finding &F);

/// The note that says where the waited thread starts, if any.
const Note *threadNote(const Finding &F);

/// The embedded docs page of a check (docs/checks/<name>.md); empty when the
/// build found none.
llvm::StringRef checkDoc(const CheckInfo &C);
/// SHUTDOWN_HAZARDS_DOCS_URL as configured (ends in '/'), or empty.
llvm::StringRef docsUrl();

void writeSarif(llvm::raw_ostream &OS, const Report &R);
void writeGithub(llvm::raw_ostream &OS, const Report &R);
void writeMarkdown(llvm::raw_ostream &OS, const Report &R);
void writeHtml(llvm::raw_ostream &OS, const Report &R);

} // namespace shutdown::driver

#endif
