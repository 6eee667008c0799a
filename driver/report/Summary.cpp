//===- Summary.cpp - What a run says on stderr ----------------------------===//

#include "driver/report/Summary.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;

namespace shutdown::driver {

/// "2 errors", "1 error".
static std::string counted(size_t N, StringRef One, StringRef Many) {
  return formatv("{0} {1}", N, N == 1 ? One : Many).str();
}

/// "; 2 suppressed by NOLINT", or nothing when N is 0.
static std::string part(size_t N, StringRef One, StringRef Many) {
  return N ? "; " + counted(N, One, Many) : std::string();
}

void printFailure(raw_ostream &OS, const Failure &F) {
  if (F.Counted)
    WithColor::error(OS, "shutdown-hazards")
        << F.File << ": "
        << (F.Kind == "parse-error" ? "cannot be parsed: " : "") << F.Message
        << "\n";
  else
    WithColor::warning(OS, "shutdown-hazards")
        << F.File
        << ": parse errors ignored (--allow-parse-errors): " << F.Message
        << "\n";
}

void printBaselineWritten(raw_ostream &OS, const Report &R) {
  if (!R.WroteBaseline.empty())
    OS << "shutdown-hazards: wrote "
       << counted(R.BaselineEntries, "baseline entry", "baseline entries")
       << " to " << R.WroteBaseline << "\n";
}

void printSummary(raw_ostream &OS, const Report &R, UnitCounts Counts) {
  OS << "shutdown-hazards: "
     << counted(R.Units, "translation unit", "translation units")
     << formatv(" ({0} parsed, {1} from cache, {2} not analyzed): ",
                Counts.Parsed, Counts.Cached, R.failuresCounted())
     << counted(R.Findings.size(), "finding", "findings") << " ("
     << counted(R.errors(), "error", "errors") << ", "
     << counted(R.warnings(), "warning", "warnings") << ")";
  if (size_t Baselined = R.baselined())
    OS << formatv("; {0} baselined, {1} new", Baselined, R.newFindings());
  OS << part(R.StaleBaseline.size(), "stale baseline entry",
             "stale baseline entries")
     << part(R.Suppressed, "suppressed by NOLINT", "suppressed by NOLINT")
     << part(R.OutsideChange, "outside the changes since " + R.ChangedFrom,
             "outside the changes since " + R.ChangedFrom)
     << part(R.UnusedSuppressions.size(), "unused suppression",
             "unused suppressions");
  if (R.HideBaselined && R.baselined())
    OS << "; baselined findings not printed (--show-baselined prints them)";
  if (!R.RootFrom.empty())
    OS << "; root " << R.Root << " (" << R.RootFrom << ")";
  OS << "\n";
}

} // namespace shutdown::driver
