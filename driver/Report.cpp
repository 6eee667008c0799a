//===- Report.cpp - Findings as text, JSON and SARIF ----------------------===//

#include "driver/Report.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

using namespace llvm;

namespace shutdown::driver {

namespace {

struct CheckInfo {
  RuleKind Rule;
  StringRef Name;
  StringRef Class;
  StringRef Summary;
};
constexpr CheckInfo Checks[] = {
#define SHUTDOWN_CHECK(Rule, Name, Class, Summary)                             \
  {RuleKind::Rule, Name, #Class, Summary},
#include "checkers/Checks.def"
};

StringRef levelName(Severity S) {
  return S == Severity::Error ? "error" : "warning";
}

/// A path relative to Root with '/' separators when it is under Root;
/// otherwise the absolute path.
std::string relativePath(StringRef Path, StringRef Root) {
  StringRef P = Path;
  if (!Root.empty() && P.consume_front(Root) &&
      (P.empty() || sys::path::is_separator(P.front()))) {
    P = P.ltrim("/\\");
    if (!P.empty())
      return sys::path::convert_to_slash(P);
  }
  return sys::path::convert_to_slash(Path);
}

std::string percentEncode(StringRef S) {
  std::string Out;
  for (unsigned char C : S) {
    if (isAlnum(C) || StringRef("-._~/:").contains(C))
      Out += C;
    else
      Out += "%" + utohexstr(C, /*LowerCase=*/false, 2);
  }
  return Out;
}

/// "The waited thread is started here" closes a join finding's notes: it is
/// not a frame of the chain (see checkers/model/Rules.cpp).
bool isChainNote(const Note &N) {
  return !StringRef(N.Message).starts_with("the waited thread is started");
}

/// The blocking call, last element of the chain text.
std::string blockingCall(const Finding &F) {
  StringRef C = F.ChainText;
  size_t At = C.rfind(" -> ");
  return (At == StringRef::npos ? C : C.substr(At + 4)).str();
}

// ---- Text ------------------------------------------------------------------

void writeText(raw_ostream &OS, const Report &R) {
  auto Where = [](const SourceLoc &L) {
    return L.valid() ? formatv("{0}:{1}:{2}: ", L.File, L.Line, L.Col).str()
                     : std::string();
  };
  for (const ReportedFinding &RF : R.Findings) {
    const Finding &F = RF.F;
    OS << Where(F.Loc) << levelName(F.Level) << ": " << F.Message << " ["
       << ruleName(F.Rule) << "]\n";
    for (const Note &N : F.Notes)
      OS << Where(N.Loc) << "note: " << N.Message << "\n";
    if (!F.ChainText.empty())
      OS << "  chain: " << F.ChainText << "\n";
  }
}

// ---- JSON ------------------------------------------------------------------

json::Object jsonLocation(const SourceLoc &L, StringRef Root) {
  if (!L.valid())
    return json::Object{};
  return json::Object{{"file", relativePath(L.File, Root)},
                      {"line", L.Line},
                      {"column", L.Col}};
}

void writeJson(raw_ostream &OS, const Report &R) {
  json::Array Findings;
  for (const ReportedFinding &RF : R.Findings) {
    const Finding &F = RF.F;
    json::Object O = jsonLocation(F.Loc, R.Root);
    json::Array Notes;
    for (const Note &N : F.Notes) {
      json::Object NO = jsonLocation(N.Loc, R.Root);
      NO["message"] = N.Message;
      Notes.push_back(std::move(NO));
    }
    O["rule"] = ruleName(F.Rule);
    O["level"] = levelName(F.Level);
    O["message"] = F.Message;
    O["notes"] = std::move(Notes);
    O["chain"] = F.ChainText;
    O["fingerprint"] = RF.Id;
    Findings.push_back(std::move(O));
  }
  json::Array Failures, Ignored;
  for (const Failure &F : R.Failures) {
    json::Object O{{"file", relativePath(F.File, R.Root)},
                   {"message", F.Message}};
    if (F.Counted) {
      O["kind"] = F.Kind;
      Failures.push_back(std::move(O));
    } else {
      Ignored.push_back(std::move(O));
    }
  }
  json::Value Doc = json::Object{
      {"version", ReportVersion},
      {"tool", json::Object{{"name", "shutdown-hazards"},
                            {"version", SHUTDOWN_HAZARDS_VERSION}}},
      {"root", sys::path::convert_to_slash(R.Root)},
      {"translationUnits", static_cast<int64_t>(R.Units)},
      {"findings", std::move(Findings)},
      {"failures", std::move(Failures)},
      {"ignoredParseErrors", std::move(Ignored)}};
  OS << formatv("{0:2}", Doc) << "\n";
}

// ---- SARIF -----------------------------------------------------------------

json::Object artifact(StringRef File, StringRef Root) {
  std::string Rel = relativePath(File, Root);
  if (!sys::path::is_absolute(Rel, sys::path::Style::posix) &&
      !sys::path::is_absolute(Rel))
    return json::Object{{"uri", percentEncode(Rel)}, {"uriBaseId", "SRCROOT"}};
  std::string Slashed = sys::path::convert_to_slash(File);
  if (!StringRef(Slashed).starts_with("/"))
    Slashed = "/" + Slashed; // C:/x -> /C:/x
  return json::Object{{"uri", "file://" + percentEncode(Slashed)}};
}

json::Object physical(const SourceLoc &L, StringRef Root) {
  return json::Object{
      {"artifactLocation", artifact(L.File, Root)},
      {"region", json::Object{{"startLine", L.Line}, {"startColumn", L.Col}}}};
}

json::Object sarifLocation(const SourceLoc &L, StringRef Message,
                           StringRef Root) {
  json::Object O{{"physicalLocation", physical(L, Root)}};
  if (!Message.empty())
    O["message"] = json::Object{{"text", Message.str()}};
  return O;
}

json::Array sarifRules() {
  json::Array Rules;
  for (const CheckInfo &C : Checks) {
    std::string Page = "docs/checks/" +
                       C.Name.drop_front(StringRef("shutdown-").size()).str() +
                       ".md";
    Rules.push_back(json::Object{
        {"id", C.Name},
        {"name", C.Class},
        {"shortDescription", json::Object{{"text", C.Summary}}},
        {"fullDescription", json::Object{{"text", C.Summary}}},
        {"help",
         json::Object{{"text", (C.Summary + ". See " + Page +
                                " in the shutdown-hazards documentation.")
                                   .str()},
                      {"markdown", ("**" + C.Name + "**: " + C.Summary +
                                    ". See [" + Page + "](" + Page + ").")
                                       .str()}}},
        {"defaultConfiguration", json::Object{{"level", "warning"}}},
        {"properties",
         json::Object{{"tags", json::Array{"concurrency", "shutdown"}}}}});
  }
  return Rules;
}

json::Object sarifResult(const ReportedFinding &RF, StringRef Root) {
  const Finding &F = RF.F;
  json::Array Related, Flow;
  for (size_t I = 0; I < F.Notes.size(); ++I) {
    const Note &N = F.Notes[I];
    if (!N.Loc.valid())
      continue;
    json::Object L = sarifLocation(N.Loc, N.Message, Root);
    L["id"] = static_cast<int64_t>(I + 1);
    Related.push_back(std::move(L));
    if (isChainNote(N))
      Flow.push_back(
          json::Object{{"location", sarifLocation(N.Loc, N.Message, Root)},
                       {"nestingLevel", static_cast<int64_t>(Flow.size())}});
  }
  json::Object Result{
      {"ruleId", ruleName(F.Rule)},
      {"ruleIndex", static_cast<int64_t>(F.Rule)},
      {"level", levelName(F.Level)},
      {"message", json::Object{{"text", F.Message}}},
      {"locations", json::Array{sarifLocation(F.Loc, "", Root)}},
      {"relatedLocations", std::move(Related)},
      {"partialFingerprints",
       json::Object{{"shutdownHazards/v1", RF.Id}}},
      {"properties", json::Object{{"chain", F.ChainText}}}};
  if (F.Rule != RuleKind::SingletonThreadWithoutUninit) {
    Flow.push_back(
        json::Object{{"location", sarifLocation(F.Loc, blockingCall(F), Root)},
                     {"nestingLevel", static_cast<int64_t>(Flow.size())}});
    Result["codeFlows"] = json::Array{json::Object{
        {"message", json::Object{{"text", F.ChainText}}},
        {"threadFlows",
         json::Array{json::Object{{"locations", std::move(Flow)}}}}}};
  }
  return Result;
}

void writeSarif(raw_ostream &OS, const Report &R) {
  json::Array Results;
  for (const ReportedFinding &F : R.Findings)
    Results.push_back(sarifResult(F, R.Root));
  json::Array Notifications;
  bool Complete = true;
  for (const Failure &F : R.Failures) {
    Complete &= !F.Counted;
    Notifications.push_back(json::Object{
        {"level", F.Counted ? "error" : "warning"},
        {"descriptor", json::Object{{"id", F.Kind}}},
        {"message", json::Object{{"text", F.Message}}},
        {"locations", json::Array{json::Object{
                          {"physicalLocation",
                           json::Object{{"artifactLocation",
                                         artifact(F.File, R.Root)}}}}}}});
  }
  std::string RootUri = sys::path::convert_to_slash(R.Root);
  if (!StringRef(RootUri).ends_with("/"))
    RootUri += "/";
  if (!StringRef(RootUri).starts_with("/"))
    RootUri = "/" + RootUri;
  json::Value Doc = json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       json::Array{json::Object{
           {"tool",
            json::Object{
                {"driver", json::Object{{"name", "shutdown-hazards"},
                                        {"version", SHUTDOWN_HAZARDS_VERSION},
                                        {"rules", sarifRules()}}}}},
           {"originalUriBaseIds",
            json::Object{
                {"SRCROOT",
                 json::Object{{"uri", "file://" + percentEncode(RootUri)}}}}},
           {"invocations",
            json::Array{json::Object{
                {"executionSuccessful", Complete},
                {"toolExecutionNotifications", std::move(Notifications)}}}},
           {"results", std::move(Results)}}}}};
  OS << formatv("{0:2}", Doc) << "\n";
}

} // namespace

void writeReport(raw_ostream &OS, OutputFormat Format, const Report &R) {
  switch (Format) {
  case OutputFormat::Text:
    return writeText(OS, R);
  case OutputFormat::Json:
    return writeJson(OS, R);
  case OutputFormat::Sarif:
    return writeSarif(OS, R);
  case OutputFormat::Github:
  case OutputFormat::Markdown:
  case OutputFormat::Html:
    return writeText(OS, R); // TODO(#5): their own writers.
  }
}

} // namespace shutdown::driver
