//===- Report.h - Findings as text, JSON, SARIF, Markdown, HTML -*- C++ -*-===//
//
// Text is clang's diagnostic format with absolute paths, for terminals and
// editors. JSON (a versioned schema, docs/usage.md), SARIF 2.1.0, GitHub
// Actions annotations, Markdown and HTML name files relative to the project
// root; each has its writer in driver/Report*.cpp. A report depends only on
// the inputs: neither the cache nor -j shows in it.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_REPORT_REPORT_H
#define SHUTDOWN_HAZARDS_DRIVER_REPORT_REPORT_H

#include "checkers/model/Rules.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>
#include <vector>

namespace shutdown::driver {

enum class OutputFormat { Text, Json, Sarif, Github, Markdown, Html };

/// The format a --format name names, in any case ("SARIF", "sarif").
std::optional<OutputFormat> formatByName(llvm::StringRef Name);
/// The format names, for a message: "text, json, sarif, ...".
std::string formatNames();

/// A translation unit that could not be analyzed, or (Counted == false) was
/// analyzed despite parse errors (--allow-parse-errors).
struct Failure {
  std::string File;
  std::string Kind; ///< missing-file, parse-error, crash, timeout, error.
  std::string Message;
  bool Counted = true;
};

/// A finding as the gate sees it.
struct ReportedFinding {
  Finding F;
  std::string Id;         ///< findingId(F): baseline entry, SARIF fingerprint.
  bool Baselined = false; ///< Matched --baseline: shown, does not fail.
};

/// A NOLINT comment or an annotation that silenced nothing
/// (--report-unused-suppressions).
struct UnusedSuppression {
  SourceLoc Loc;
  std::string Text; ///< "NOLINTNEXTLINE(shutdown-join-in-teardown)".
};

struct Report {
  std::string Root; ///< Absolute project root; paths are relative to it.
  /// How Root was chosen when --root was not given, for the summary: "the
  /// git work tree of the sources", ...; empty with --root.
  std::string RootFrom;
  size_t Units = 0;
  std::vector<ReportedFinding> Findings; ///< After suppressions and filters.
  std::vector<Failure> Failures;
  std::vector<ThreadOwner> Owners; ///< Static objects that own threads.
  bool HasBaseline = false;        ///< --baseline was given.
  /// The text report leaves baselined findings out (without
  /// --show-baselined); the summary counts them.
  bool HideBaselined = false;
  /// --write-baseline: where, and how many entries it wrote.
  std::string WroteBaseline;
  size_t BaselineEntries = 0;
  /// Baseline lines that matched no finding of this run.
  std::vector<std::string> StaleBaseline;
  std::vector<UnusedSuppression> UnusedSuppressions;
  size_t Suppressed = 0;    ///< Findings silenced by NOLINT or annotation.
  std::string ChangedFrom;  ///< --changed-from's ref; empty without it.
  size_t OutsideChange = 0; ///< Findings left out by --changed-from.

  size_t errors() const {
    return llvm::count_if(Findings, [](const ReportedFinding &F) {
      return F.F.Level == Severity::Error;
    });
  }
  size_t warnings() const { return Findings.size() - errors(); }
  size_t baselined() const {
    return llvm::count_if(Findings,
                          [](const ReportedFinding &F) { return F.Baselined; });
  }
  /// Findings not in the baseline: those that fail the run.
  size_t newFindings() const { return Findings.size() - baselined(); }
  /// Translation units that could not be analyzed (not those analyzed
  /// despite parse errors).
  size_t failuresCounted() const {
    return llvm::count_if(Failures, [](const Failure &F) { return F.Counted; });
  }
};

/// Version of the JSON report schema.
constexpr int ReportVersion = 2;

void writeReport(llvm::raw_ostream &OS, OutputFormat Format, const Report &R);

} // namespace shutdown::driver

#endif
