//===- ReportMarkdown.cpp - Findings as a pull-request comment ------------===//
//
// GitHub-flavoured Markdown for a pull-request comment or a job summary
// ($GITHUB_STEP_SUMMARY): counts by check and severity, then the first
// findings (errors first, then by location), each with its stack at the
// hang, then what else the reader must act on: baseline entries that match
// nothing, suppressions that silence nothing, units not analyzed. Text from
// the analyzed code is escaped; names are code spans.
//
//===----------------------------------------------------------------------===//

#include "driver/report/ReportWriters.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace llvm;

namespace shutdown::driver {

namespace {

/// Findings shown in full; the rest are counted.
constexpr size_t MaxFindings = 20;
/// Entries shown of each list that follows them.
constexpr size_t MaxEntries = 20;
} // namespace

/// Text on one line, with what Markdown or HTML would interpret escaped.
static std::string text(StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '\n' || C == '\r' || C == '\t')
      Out += ' ';
    else if (StringRef("\\`*_[]<>|~&$").contains(C))
      Out += std::string("\\") + C;
    else
      Out += C;
  }
  return Out;
}

/// A code span: fenced by more backticks than it contains.
static std::string code(StringRef S) {
  std::string Body;
  for (char C : S)
    Body += (C == '\n' || C == '\r') ? ' ' : C;
  size_t Longest = 0, Run = 0;
  for (char C : Body) {
    Run = C == '`' ? Run + 1 : 0;
    Longest = std::max(Longest, Run);
  }
  std::string Fence(Longest + 1, '`');
  bool Pad = !Body.empty() && (Body.front() == '`' || Body.back() == '`');
  return Fence + (Pad ? " " : "") + Body + (Pad ? " " : "") + Fence;
}

/// A message with its 'quoted' names as code spans, when the quotes pair up.
static std::string message(StringRef S) {
  return markQuotedNames(S, text, code);
}

static std::string plural(size_t N, StringRef One, StringRef Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many).str();
}

static std::string where(const SourceLoc &L, StringRef Root) {
  return L.valid() ? code(locationText(L, Root)) : std::string();
}

static void writeCounts(raw_ostream &OS, const Report &R) {
  OS << "| check | errors | warnings |"
     << (R.HasBaseline ? " new | in baseline |\n" : "\n");
  OS << "|---|---:|---:|" << (R.HasBaseline ? "---:|---:|\n" : "\n");
  size_t Total[4] = {0, 0, 0, 0};
  for (const CheckInfo &C : checks()) {
    size_t N[4] = {0, 0, 0, 0};
    for (const ReportedFinding &F : R.Findings) {
      if (F.F.Rule != C.Rule)
        continue;
      ++N[F.F.Level == Severity::Error ? 0 : 1];
      ++N[F.Baselined ? 3 : 2];
    }
    if (!N[0] && !N[1])
      continue;
    OS << "| " << code(C.Name) << " | " << N[0] << " | " << N[1] << " |";
    if (R.HasBaseline)
      OS << " " << N[2] << " | " << N[3] << " |";
    OS << "\n";
    for (int I = 0; I < 4; ++I)
      Total[I] += N[I];
  }
  OS << "| **total** | **" << Total[0] << "** | **" << Total[1] << "** |";
  if (R.HasBaseline)
    OS << " **" << Total[2] << "** | **" << Total[3] << "** |";
  OS << "\n\n";
}

static void writeFinding(raw_ostream &OS, size_t Index,
                         const ReportedFinding &RF, StringRef Root) {
  const Finding &F = RF.F;
  OS << "#### " << Index << ". " << levelName(F.Level) << " "
     << code(ruleName(F.Rule)) << " at " << where(F.Loc, Root)
     << (RF.Baselined ? " (in baseline)" : "") << "\n\n";
  OS << message(F.Message) << "\n\n";
  if (std::vector<Frame> Stack = stackAtHang(F); !Stack.empty()) {
    OS << "Stack at the hang, innermost frame first:\n\n";
    for (size_t I = 0; I < Stack.size(); ++I) {
      const Frame &Fr = Stack[I];
      OS << I << ". " << code(Fr.Name);
      if (Fr.K == Frame::Blocking)
        OS << ", the blocking call";
      else if (Fr.Loc.valid())
        OS << " at " << where(Fr.Loc, Root);
      OS << "\n";
    }
    OS << "\n";
    if (F.Waited)
      OS << "The waited thread is "
         << startedText(*F.Waited, "at " + where(F.Waited->Loc, Root), code)
         << ".\n\n";
    return;
  }
  for (const Note &N : notes(F))
    OS << "- " << message(N.Message)
       << (N.Loc.valid() ? " (" + where(N.Loc, Root) + ")" : "") << "\n";
  OS << "\n";
}

void writeMarkdown(raw_ostream &OS, const Report &R) {
  size_t Errors = count_if(R.Findings, [](const ReportedFinding &F) {
    return F.F.Level == Severity::Error;
  });
  size_t New = count_if(R.Findings,
                        [](const ReportedFinding &F) { return !F.Baselined; });
  size_t NotAnalyzed =
      count_if(R.Failures, [](const Failure &F) { return F.Counted; });

  OS << "## shutdown-hazards: ";
  if (R.Findings.empty())
    OS << "no finding";
  else if (R.HasBaseline)
    OS << plural(New, "new finding", "new findings");
  else
    OS << plural(R.Findings.size(), "finding", "findings");
  OS << "\n\n"
     << plural(Errors, "error", "errors") << ", "
     << plural(R.Findings.size() - Errors, "warning", "warnings") << " in "
     << plural(R.Units, "translation unit", "translation units");
  if (NotAnalyzed)
    OS << "; **" << NotAnalyzed << " not analyzed**";
  OS << ".";
  if (R.HasBaseline)
    OS << " " << New << " new, " << R.Findings.size() - New
       << " in the baseline.";
  if (R.Suppressed)
    OS << " " << plural(R.Suppressed, "finding", "findings")
       << " suppressed in the code.";
  if (!R.ChangedFrom.empty())
    OS << " Only lines changed since " << code(R.ChangedFrom)
       << " are reported: " << plural(R.OutsideChange, "finding", "findings")
       << " elsewhere left out.";
  OS << "\n\n";

  if (!R.Findings.empty()) {
    writeCounts(OS, R);
    OS << "### Findings\n\n";
    std::vector<const ReportedFinding *> Order = byImportance(R);
    for (size_t I = 0; I < Order.size() && I < MaxFindings; ++I)
      writeFinding(OS, I + 1, *Order[I], R.Root);
    if (Order.size() > MaxFindings)
      OS << "_"
         << plural(Order.size() - MaxFindings, "more finding is",
                   "more findings are")
         << " not shown here: see the full report (`--format=html`, "
            "`--format=sarif`)._\n\n";
  }

  auto More = [&](size_t N) {
    if (N > MaxEntries)
      OS << "- _and " << N - MaxEntries << " more_\n";
    OS << "\n";
  };
  if (!R.StaleBaseline.empty()) {
    OS << "### Stale baseline entries\n\n"
       << "These entries match no finding any more (fixed, or the code "
          "moved): remove them, or write the baseline again with "
          "`--write-baseline`.\n\n";
    for (size_t I = 0; I < R.StaleBaseline.size() && I < MaxEntries; ++I)
      OS << "- " << code(R.StaleBaseline[I]) << "\n";
    More(R.StaleBaseline.size());
  }
  if (!R.UnusedSuppressions.empty()) {
    OS << "### Unused suppressions\n\n";
    for (size_t I = 0; I < R.UnusedSuppressions.size() && I < MaxEntries; ++I) {
      const UnusedSuppression &U = R.UnusedSuppressions[I];
      OS << "- " << code(U.Text) << " at " << where(U.Loc, R.Root)
         << " suppresses no finding\n";
    }
    More(R.UnusedSuppressions.size());
  }
  if (!R.Failures.empty()) {
    OS << "### Not analyzed\n\n";
    for (size_t I = 0; I < R.Failures.size() && I < MaxEntries; ++I) {
      const Failure &F = R.Failures[I];
      OS << "- " << code(relativePath(F.File, R.Root)) << " ("
         << (F.Counted ? F.Kind : "parse errors ignored")
         << "): " << message(F.Message) << "\n";
    }
    More(R.Failures.size());
  }
}

} // namespace shutdown::driver
