//===- ReportWriters.h - What the report writers share ---------*- C++ -*-===//
//
// Private to driver/report/Report*.cpp: names of levels and stops, paths
// relative to the project root, the order of findings, the docs pages. A
// finding's notes, chain and stack at the hang come from the model
// (checkers/model/Finding.h). One writer per format, each in its own file.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_REPORT_REPORTWRITERS_H
#define SHUTDOWN_HAZARDS_DRIVER_REPORT_REPORTWRITERS_H

#include "driver/report/Report.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
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

/// How to fix a finding of the rule, in one sentence (the "How to fix" of
/// its docs page, made short).
llvm::StringRef fixHint(RuleKind Rule);

/// A docs page's Markdown with its relative links made absolute against
/// docsUrl() (Page: the page's path below it, "checks/x.md"), or, without a
/// docs URL, with each relative link reduced to its text.
std::string withAbsoluteLinks(llvm::StringRef Markdown, llvm::StringRef Page);
/// Markdown as plain text: no '#' headings, links reduced to their text,
/// no emphasis or code marks, no code fences.
std::string plainText(llvm::StringRef Markdown);

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
