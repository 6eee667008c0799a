//===- Report.cpp - Findings as text and JSON; what the writers share -----===//

#include "driver/report/Report.h"
#include "driver/Paths.h"
#include "driver/report/ReportWriters.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace shutdown::driver {

// ---- Text ------------------------------------------------------------------

static void writeText(raw_ostream &OS, const Report &R) {
  auto Where = [](const SourceLoc &L) {
    return L.valid() ? formatv("{0}:{1}:{2}: ", L.File, L.Line, L.Col).str()
                     : std::string();
  };
  for (const ReportedFinding &RF : R.Findings) {
    if (RF.Baselined && R.HideBaselined)
      continue;
    const Finding &F = RF.F;
    // Marked as clang-tidy marks an option's effect: "[check,baselined]".
    OS << Where(F.Loc) << levelName(F.Level) << ": " << F.Message << " ["
       << ruleName(F.Rule) << (RF.Baselined ? ",baselined" : "") << "]\n";
    for (const Note &N : notes(F))
      OS << Where(N.Loc) << "note: " << N.Message << "\n";
    OS << "  chain: " << chainText(F) << "\n";
    OS << "  fix: " << fixHint(F.Rule) << "\n";
  }
}

// ---- JSON ------------------------------------------------------------------

static json::Object jsonLocation(const SourceLoc &L, StringRef Root) {
  if (!L.valid())
    return json::Object{};
  return json::Object{{"file", relativePath(L.File, Root)},
                      {"line", L.Line},
                      {"column", L.Col}};
}

static void writeJson(raw_ostream &OS, const Report &R) {
  json::Array Findings;
  for (const ReportedFinding &RF : R.Findings) {
    const Finding &F = RF.F;
    json::Object O = jsonLocation(F.Loc, R.Root);
    json::Array Notes;
    for (const Note &N : notes(F)) {
      json::Object NO = jsonLocation(N.Loc, R.Root);
      NO["message"] = N.Message;
      Notes.push_back(std::move(NO));
    }
    O["rule"] = ruleName(F.Rule);
    O["level"] = levelName(F.Level);
    O["message"] = F.Message;
    O["notes"] = std::move(Notes);
    O["chain"] = chainText(F);
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
  json::Array Owners;
  for (const ThreadOwner &T : R.Owners) {
    json::Object O = jsonLocation(T.Loc, R.Root);
    O["object"] = T.Object;
    O["class"] = T.Class;
    O["thread"] = T.Thread;
    O["threadLocation"] = jsonLocation(T.ThreadLoc, R.Root);
    O["stop"] = stopName(T.How);
    O["destroyed"] = T.InDll ? "dll-unload" : "exit";
    if (T.How != ThreadOwner::Stop::NotStopped) {
      O["stoppedIn"] = T.StoppedIn;
      O["stopLocation"] = jsonLocation(T.StopLoc, R.Root);
    }
    if (!T.StopChain.empty())
      O["stopChain"] = T.StopChain;
    if (!T.StoppedBy.empty())
      O["stoppedBy"] = T.StoppedBy;
    if (!T.Note.empty())
      O["note"] = T.Note;
    Owners.push_back(std::move(O));
  }
  json::Value Doc = json::Object{
      {"version", ReportVersion},
      {"threadOwners", std::move(Owners)},
      {"tool", json::Object{{"name", "shutdown-hazards"},
                            {"version", SHUTDOWN_HAZARDS_VERSION}}},
      {"root", sys::path::convert_to_slash(R.Root)},
      {"translationUnits", static_cast<int64_t>(R.Units)},
      {"findings", std::move(Findings)},
      {"failures", std::move(Failures)},
      {"ignoredParseErrors", std::move(Ignored)}};
  OS << formatv("{0:2}", Doc) << "\n";
}

// ---- Shared by the writers -------------------------------------------------

StringRef stopName(ThreadOwner::Stop S) {
  switch (S) {
  case ThreadOwner::Stop::Explicit:
    return "explicit";
  case ThreadOwner::Stop::TeardownOnly:
    return "teardown-only";
  case ThreadOwner::Stop::Contract:
    return "contract";
  case ThreadOwner::Stop::NotStopped:
    break;
  }
  return "never";
}

StringRef fixHint(RuleKind Rule) {
  switch (Rule) {
  case RuleKind::SingletonThreadWithoutUninit:
    return "give the class an explicit stop that joins its threads, and call "
           "it from ordinary code (main, the library's exported stop) before "
           "exit or unload";
  case RuleKind::JoinInTeardown:
    return "stop and join the thread from ordinary code before exit (main, "
           "the library's exported stop); a teardown join may stay as a "
           "safety net if it runs only while the thread still runs "
           "(if (t.joinable()))";
  case RuleKind::JoinInDllMain:
    return "never join or wait in DllMain: stop the thread from an exported "
           "function the host calls before FreeLibrary";
  case RuleKind::WaitThreadHandleInTeardown:
    return "stop the thread and wait for it from ordinary code before exit "
           "or unload (the exported stop); a teardown wait may stay as a "
           "safety net if it runs only while the thread still runs "
           "(if (m_hThread))";
  case RuleKind::LoaderLockCallInDllMain:
    return "move the call out of code that runs under the loader lock: into "
           "an exported Init()/UnInit() the host calls after LoadLibrary and "
           "before FreeLibrary, or into a thread the DLL starts";
  case RuleKind::WaitForSignalAtProcessExit:
    return "do not wait for other threads at process exit: return early from "
           "DLL_PROCESS_DETACH when lpvReserved != NULL, and signal and wait "
           "from an exported stop the host calls before exit";
  }
  return "";
}

StringRef levelName(Severity S) {
  return S == Severity::Error ? "error" : "warning";
}

std::string markQuotedNames(StringRef Message,
                            function_ref<std::string(StringRef)> Text,
                            function_ref<std::string(StringRef)> Name) {
  if (count(Message, '\'') % 2)
    return Text(Message);
  SmallVector<StringRef, 8> Parts;
  Message.split(Parts, '\'');
  std::string Out;
  for (size_t I = 0; I < Parts.size(); ++I)
    Out += I % 2 ? Name(Parts[I]) : Text(Parts[I]);
  return Out;
}

std::string relativePath(StringRef Path, StringRef Root) {
  return pathFromRoot(Path, Root);
}

std::string locationText(const SourceLoc &L, StringRef Root, bool Col) {
  if (!L.valid())
    return "";
  std::string S = relativePath(L.File, Root) + ":" + std::to_string(L.Line);
  if (Col && L.Col)
    S += ":" + std::to_string(L.Col);
  return S;
}

std::vector<const ReportedFinding *> byImportance(const Report &R) {
  // The report's findings are sorted by location, rule and message already:
  // keep that order within each group.
  std::vector<const ReportedFinding *> Out;
  for (bool Baselined : {false, true})
    for (Severity Level : {Severity::Error, Severity::Warning})
      for (const ReportedFinding &F : R.Findings)
        if (F.Baselined == Baselined && F.F.Level == Level)
          Out.push_back(&F);
  return Out;
}

static constexpr std::pair<StringLiteral, OutputFormat> FormatNames[] = {
    {"text", OutputFormat::Text},         {"json", OutputFormat::Json},
    {"sarif", OutputFormat::Sarif},       {"github", OutputFormat::Github},
    {"markdown", OutputFormat::Markdown}, {"html", OutputFormat::Html}};

std::optional<OutputFormat> formatByName(StringRef Name) {
  for (const auto &[N, F] : FormatNames)
    if (Name.equals_insensitive(N))
      return F;
  return std::nullopt;
}

std::string formatNames() {
  std::string Out;
  for (const auto &[N, F] : FormatNames)
    Out += (Out.empty() ? "" : ", ") + N.str();
  return Out;
}

void writeReport(raw_ostream &OS, OutputFormat Format, const Report &R) {
  switch (Format) {
  case OutputFormat::Text:
    return writeText(OS, R);
  case OutputFormat::Json:
    return writeJson(OS, R);
  case OutputFormat::Sarif:
    return writeSarif(OS, R);
  case OutputFormat::Github:
    return writeGithub(OS, R);
  case OutputFormat::Markdown:
    return writeMarkdown(OS, R);
  case OutputFormat::Html:
    return writeHtml(OS, R);
  }
}

} // namespace shutdown::driver
