//===- ReportGithub.cpp - Findings as GitHub Actions annotations ----------===//
//
// One workflow command per finding, "::error file=F,line=L,col=C,title=T::M",
// which a GitHub Actions run shows on the pull request's diff. Findings that
// match the baseline are not annotated (GitHub shows few annotations per
// step: they would crowd out the new ones); one notice counts them.
//
//===----------------------------------------------------------------------===//

#include "driver/report/ReportWriters.h"
#include "llvm/Support/FormatVariadic.h"

using namespace llvm;

namespace shutdown::driver {

/// A command's message: '%', CR and LF are encoded.
static std::string escapeData(StringRef S) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '%':
      Out += "%25";
      break;
    case '\r':
      Out += "%0D";
      break;
    case '\n':
      Out += "%0A";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

/// A property value: as data, and ':' and ',' that would end it.
static std::string escapeProperty(StringRef S) {
  std::string Out;
  for (char C : escapeData(S)) {
    if (C == ':')
      Out += "%3A";
    else if (C == ',')
      Out += "%2C";
    else
      Out += C;
  }
  return Out;
}

static void command(raw_ostream &OS, StringRef Kind, const SourceLoc &L,
                    StringRef File, StringRef Title, StringRef Message) {
  OS << "::" << Kind;
  char Sep = ' ';
  auto Property = [&](StringRef Name, StringRef Value) {
    OS << Sep << Name << "=" << escapeProperty(Value);
    Sep = ',';
  };
  if (!File.empty())
    Property("file", File);
  if (L.valid()) {
    Property("line", std::to_string(L.Line));
    if (L.Col)
      Property("col", std::to_string(L.Col));
  }
  Property("title", Title);
  OS << "::" << escapeData(Message) << "\n";
}

void writeGithub(raw_ostream &OS, const Report &R) {
  size_t Baselined = 0;
  for (const ReportedFinding *RF : byImportance(R)) {
    if (RF->Baselined) {
      ++Baselined;
      continue;
    }
    const Finding &F = RF->F;
    std::string Message = F.Message + "\nchain: " + chainText(F);
    if (std::optional<Note> N = waitedThreadNote(F))
      Message += "\n" + N->Message + " (" + locationText(N->Loc, R.Root) + ")";
    command(OS, levelName(F.Level), F.Loc, relativePath(F.Loc.File, R.Root),
            ruleName(F.Rule), Message);
  }
  if (Baselined)
    command(OS, "notice", {}, "", "shutdown-hazards baseline",
            formatv("{0} finding{1} matched the baseline and {2} not "
                    "annotated",
                    Baselined, Baselined == 1 ? "" : "s",
                    Baselined == 1 ? "is" : "are")
                .str());
  if (!R.StaleBaseline.empty())
    command(OS, "notice", {}, "", "shutdown-hazards baseline",
            formatv("{0} baseline entr{1} matched no finding: the hazard{2} "
                    "may be fixed; regenerate the baseline with "
                    "--write-baseline",
                    R.StaleBaseline.size(),
                    R.StaleBaseline.size() == 1 ? "y" : "ies",
                    R.StaleBaseline.size() == 1 ? "" : "s")
                .str());
  for (const UnusedSuppression &U : R.UnusedSuppressions)
    command(OS, "warning", U.Loc, relativePath(U.Loc.File, R.Root),
            "shutdown-hazards unused suppression",
            "'" + U.Text + "' suppresses no finding");
  for (const Failure &F : R.Failures)
    command(OS, F.Counted ? "error" : "warning", {},
            relativePath(F.File, R.Root),
            F.Counted ? "shutdown-hazards: not analyzed"
                      : "shutdown-hazards: parse errors ignored",
            F.Message);
}

} // namespace shutdown::driver
