//===- ReportSarif.cpp - Findings as SARIF 2.1.0 --------------------------===//
//
// One run, for GitHub code scanning and other SARIF viewers: files relative
// to %SRCROOT% (the project root), rules with their docs page as help, the
// chain as a code flow (with a second thread flow for the waited thread when
// its start is known), the finding's identity as a partial fingerprint and,
// with --baseline, whether it is new.
//
//===----------------------------------------------------------------------===//

#include "driver/report/ReportWriters.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace shutdown::driver {

namespace {

constexpr StringRef SrcRoot = "%SRCROOT%";

/// How code scanning should rank a rule's results. Every result carries its
/// own level (error under the loader lock, warning otherwise); these are
/// the rule-wide defaults (docs/usage.md says why there is no "security"
/// tag).
struct RuleTraits {
  StringRef Level;            ///< defaultConfiguration.level, problem.severity.
  StringRef Precision;        ///< very-high, high, medium or low.
  StringRef SecuritySeverity; ///< Of the worst result the rule can give.
  StringRef Cwe;              ///< The weakness, as a tag.
};
} // namespace

static RuleTraits traits(RuleKind R) {
  switch (R) {
  case RuleKind::SingletonThreadWithoutUninit:
    // Reports the design (no explicit stop); the join it leads to is
    // reported by the rules below. "Ordinary code" is partly a heuristic.
    return {"warning", "medium", "6.0", "external/cwe/cwe-404"};
  case RuleKind::JoinInTeardown:
  case RuleKind::WaitThreadHandleInTeardown:
    // A hang at exit; in a DLL, a deadlock under the loader lock.
    return {"warning", "high", "8.0", "external/cwe/cwe-833"};
  case RuleKind::JoinInDllMain:
    // A deadlock under the loader lock, but on the process-exit path.
    return {"error", "high", "8.0", "external/cwe/cwe-833"};
  case RuleKind::LoaderLockCallInDllMain:
    // A deadlock or a crash under the loader lock.
    return {"error", "high", "8.0", "external/cwe/cwe-833"};
  case RuleKind::WaitForSignalAtProcessExit:
    // A hang at process exit: nothing is left to signal.
    return {"error", "high", "7.5", "external/cwe/cwe-833"};
  }
  return {"warning", "medium", "", ""};
}

static std::string percentEncode(StringRef S, StringRef Keep) {
  std::string Out;
  for (unsigned char C : S) {
    if (isAlnum(C) || StringRef("-._~/").contains(C) || Keep.contains(C))
      Out += C;
    else
      Out += "%" + utohexstr(C, /*LowerCase=*/false, 2);
  }
  return Out;
}

static json::Object artifact(StringRef File, StringRef Root) {
  std::string Rel = relativePath(File, Root);
  // A ':' stays encoded in a relative reference, where it would otherwise
  // read as a scheme ("c:x.cpp").
  if (!sys::path::is_absolute(Rel, sys::path::Style::posix) &&
      !sys::path::is_absolute(Rel))
    return json::Object{{"uri", percentEncode(Rel, "")},
                        {"uriBaseId", SrcRoot}};
  std::string Slashed = sys::path::convert_to_slash(File);
  if (!StringRef(Slashed).starts_with("/"))
    Slashed = "/" + Slashed; // C:/x -> /C:/x
  return json::Object{{"uri", "file://" + percentEncode(Slashed, ":")}};
}

static json::Object sarifLocation(const SourceLoc &L, StringRef Message,
                                  StringRef Root) {
  json::Object O{
      {"physicalLocation",
       json::Object{{"artifactLocation", artifact(L.File, Root)},
                    {"region", json::Object{{"startLine", L.Line},
                                            {"startColumn", L.Col}}}}}};
  if (!Message.empty())
    O["message"] = json::Object{{"text", Message.str()}};
  return O;
}

/// The first paragraph of a docs page, below its title, on one line.
static std::string firstParagraph(StringRef Doc) {
  SmallVector<StringRef, 0> Lines;
  Doc.split(Lines, '\n');
  std::string Out;
  for (StringRef Line : Lines) {
    Line = Line.trim();
    if (Line.starts_with("#") || (Line.empty() && Out.empty()))
      continue;
    if (Line.empty())
      break;
    Out += (Out.empty() ? "" : " ") + Line.str();
  }
  return Out;
}

static json::Array sarifRules() {
  json::Array Rules;
  for (const CheckInfo &C : checks()) {
    RuleTraits T = traits(C.Rule);
    std::string Page = C.docsPage();
    StringRef Doc = checkDoc(C);
    std::string Full = firstParagraph(Doc);
    json::Object Help;
    if (Doc.empty()) {
      Help["text"] = (C.Summary + ". See docs/" + Page + ".").str();
      Help["markdown"] =
          ("**" + C.Name + "**: " + C.Summary + ". See `docs/" + Page + "`.")
              .str();
    } else {
      // Links relative to the docs break where the report is viewed: made
      // absolute against the docs URL, or reduced to their text.
      std::string Markdown = withAbsoluteLinks(Doc, Page);
      Help["text"] = plainText(Markdown);
      Help["markdown"] = std::move(Markdown);
    }
    json::Object Rule{
        {"id", C.Name},
        {"name", C.Class},
        {"shortDescription", json::Object{{"text", C.Summary}}},
        {"fullDescription",
         json::Object{{"text", Full.empty() ? C.Summary.str() : Full}}},
        {"help", std::move(Help)},
        {"defaultConfiguration", json::Object{{"level", T.Level}}},
        {"properties",
         json::Object{{"tags", json::Array{"reliability", "concurrency",
                                           "shutdown", T.Cwe}},
                      {"precision", T.Precision},
                      {"problem.severity", T.Level},
                      {"security-severity", T.SecuritySeverity}}}};
    if (!docsUrl().empty())
      Rule["helpUri"] = (docsUrl() + Page).str();
    Rules.push_back(std::move(Rule));
  }
  return Rules;
}

static json::Array codeFlows(const Finding &F, StringRef Root) {
  json::Array Waiting;
  auto Add = [](json::Array &Flow, const SourceLoc &L, StringRef Message,
                StringRef Root) {
    int64_t Level = static_cast<int64_t>(Flow.size());
    Flow.push_back(json::Object{{"location", sarifLocation(L, Message, Root)},
                                {"nestingLevel", Level}});
  };
  // From the root up to the function that blocks, then the blocking call.
  std::string Caller; // The function that blocks, when not said before.
  std::vector<Frame> Stack = stackAtHang(F);
  for (const Frame &Fr : reverse(Stack)) {
    if (Fr.K == Frame::Runtime)
      continue;
    if (Fr.K == Frame::Blocking) {
      Add(Waiting, Fr.Loc,
          Caller.empty()
              ? Fr.Name + " blocks"
              : "'" + Caller + "' calls " + Fr.Name + ", which blocks",
          Root);
      continue;
    }
    if (Fr.Root.Loc.valid())
      Add(Waiting, Fr.Root.Loc, Fr.Root.Message, Root);
    if (Fr.Loc == F.Loc && Fr.Why.empty())
      Caller = Fr.Name;
    else
      Add(Waiting, Fr.Loc, Fr.Why.empty() ? Fr.Name : Fr.Why, Root);
  }
  json::Array Threads{
      json::Object{{"message", json::Object{{"text", "the waiting thread"}}},
                   {"locations", std::move(Waiting)}}};
  if (F.Waited) {
    // The thread that cannot exit: where it starts, what it runs.
    json::Array Waited;
    std::string Started =
        "the waited thread is " +
        startedText(*F.Waited, "here",
                    [](StringRef Name) { return ("'" + Name + "'").str(); }) +
        ": " + waitOutcome(F).str();
    Add(Waited, F.Waited->Loc, Started, Root);
    Threads.push_back(
        json::Object{{"message", json::Object{{"text", "the waited thread"}}},
                     {"locations", std::move(Waited)}});
  }
  return json::Array{
      json::Object{{"message", json::Object{{"text", chainText(F)}}},
                   {"threadFlows", std::move(Threads)}}};
}

static json::Object sarifResult(const ReportedFinding &RF, const Report &R) {
  const Finding &F = RF.F;
  json::Array Related;
  std::vector<Note> Notes = notes(F);
  for (size_t I = 0; I < Notes.size(); ++I) {
    const Note &N = Notes[I];
    if (!N.Loc.valid())
      continue;
    json::Object L = sarifLocation(N.Loc, N.Message, R.Root);
    L["id"] = static_cast<int64_t>(I + 1);
    Related.push_back(std::move(L));
  }
  json::Object Result{
      {"ruleId", ruleName(F.Rule)},
      {"ruleIndex", static_cast<int64_t>(F.Rule)},
      {"level", levelName(F.Level)},
      {"message", json::Object{{"text", F.Message}}},
      {"locations", json::Array{sarifLocation(F.Loc, "", R.Root)}},
      {"relatedLocations", std::move(Related)},
      {"partialFingerprints", json::Object{{"shutdownHazards/v1", RF.Id}}},
      {"properties",
       json::Object{{"chain", chainText(F)}, {"fix", fixHint(F.Rule).str()}}}};
  if (R.HasBaseline)
    Result["baselineState"] = RF.Baselined ? "unchanged" : "new";
  if (F.Rule != RuleKind::SingletonThreadWithoutUninit)
    Result["codeFlows"] = codeFlows(F, R.Root);
  return Result;
}

void writeSarif(raw_ostream &OS, const Report &R) {
  json::Array Results;
  for (const ReportedFinding &F : R.Findings)
    Results.push_back(sarifResult(F, R));
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
                {SrcRoot,
                 json::Object{{"uri", "file://" + percentEncode(RootUri, ":")},
                              {"description",
                               json::Object{{"text", "the project root"}}}}}}},
           {"invocations",
            json::Array{json::Object{
                {"executionSuccessful", Complete},
                {"toolExecutionNotifications", std::move(Notifications)}}}},
           {"results", std::move(Results)}}}}};
  OS << formatv("{0:2}", Doc) << "\n";
}

} // namespace shutdown::driver
