//===- ReportHtml.cpp - Findings as one self-contained HTML page ----------===//
//
// One file, to open from disk or keep as a CI artifact: inline style, no
// network, no fonts; a small inline script adds filters, and the page reads
// the same without it. It shows the counts (by check, severity, directory),
// each finding with its stack at the hang as a debugger shows it (#0, the
// blocking call, on top; the teardown root at the bottom) and the source
// around each frame, read when the report is written, then the inventory of
// static objects that own a thread and how each is stopped.
//
// Everything that comes from the analyzed code (names, messages, file names,
// source text) is escaped. Equal inputs give byte-identical pages: no time,
// no host name, nothing from the environment.
//
//===----------------------------------------------------------------------===//

#include "driver/report/ReportWriters.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <set>

using namespace llvm;

namespace shutdown::driver {

namespace {

/// Lines of source shown before and after a frame's line.
constexpr unsigned Context = 2;
} // namespace

static std::string escape(StringRef S) {
  std::string Valid = json::isUTF8(S) ? S.str() : json::fixUTF8(S);
  std::string Out;
  Out.reserve(Valid.size());
  for (char C : Valid) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

/// A message with its 'quoted' names as code, when the quotes pair up.
static std::string message(StringRef S) {
  return markQuotedNames(S, escape, [](StringRef Name) {
    return "<code>" + escape(Name) + "</code>";
  });
}

/// A sentence's words with a capital first letter.
static std::string capitalized(StringRef S) {
  std::string Out = S.str();
  if (!Out.empty())
    Out[0] = toUpper(Out[0]);
  return Out;
}

static std::string plural(size_t N, StringRef One, StringRef Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many).str();
}

namespace {

/// The analyzed files, read once each when the report is written.
class Sources {
public:
  /// The lines around L as a <pre>, L's line marked; or why there is none.
  std::string snippet(const SourceLoc &L) {
    if (!L.valid())
      return "";
    File &F = get(L.File);
    if (!F.Error.empty())
      return "<p class=\"nosrc\">source not available: " + escape(F.Error) +
             "</p>\n";
    if (L.Line > F.Lines.size())
      return formatv("<p class=\"nosrc\">source not available: {0} has {1} "
                     "lines, not {2}</p>\n",
                     escape(sys::path::filename(L.File)), F.Lines.size(),
                     L.Line)
          .str();
    unsigned First = L.Line > Context ? L.Line - Context : 1;
    unsigned Last = std::min<size_t>(L.Line + Context, F.Lines.size());
    std::string Out = "<pre class=\"src\">";
    for (unsigned N = First; N <= Last; ++N)
      Out +=
          formatv("<span class=\"{0}\"><span class=\"ln\">{1}</span>{2}"
                  "</span>",
                  N == L.Line ? "line hit" : "line", N, escape(F.Lines[N - 1]))
              .str();
    return Out + "</pre>\n";
  }

private:
  struct File {
    std::unique_ptr<MemoryBuffer> Buffer;
    std::vector<StringRef> Lines;
    std::string Error;
  };

  File &get(StringRef Path) {
    auto [It, New] = Files.try_emplace(Path);
    File &F = It->second;
    if (!New)
      return F;
    ErrorOr<std::unique_ptr<MemoryBuffer>> B =
        MemoryBuffer::getFile(Path, /*IsText=*/true);
    if (!B) {
      F.Error = Path.str() + ": " + B.getError().message();
      return F;
    }
    F.Buffer = std::move(*B);
    StringRef Rest = F.Buffer->getBuffer();
    while (!Rest.empty()) {
      auto [Line, Tail] = Rest.split('\n');
      F.Lines.push_back(Line.rtrim('\r'));
      Rest = Tail;
    }
    return F;
  }

  StringMap<File> Files;
};

constexpr StringRef Style = R"css(
:root{--fg:#1d2433;--muted:#5d6778;--line:#dde2ea;--bg:#f5f7fa;--card:#fff;
--err:#b42318;--err-bg:#fef3f2;--warn:#a15c07;--warn-bg:#fffaeb;--ok:#067647;
--ok-bg:#ecfdf3;--code:#f0f3f7;--hit:#fff1c2;--mono:ui-monospace,SFMono-Regular,
Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,
-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px 28px 40px}
header h1{margin:0;font-size:26px;letter-spacing:-.01em}
header .what{margin:2px 0 0;font-size:15px}
header .meta{margin:2px 0 0;color:var(--muted);font-size:13.5px}
h2{font-size:19px;margin:32px 0 12px;padding-bottom:6px;border-bottom:1px solid
var(--line)}
code,.mono{font-family:var(--mono);font-size:.9em}
p code,li code,td code{background:var(--code);padding:1px 4px;border-radius:4px}
a{color:#175cd3}
.cards{display:flex;gap:12px;margin:18px 0 6px;flex-wrap:wrap}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:10px 16px;min-width:150px}
.card b{display:block;font-size:26px;line-height:1.2}
.card span{color:var(--muted);font-size:13px}
.card.error b{color:var(--err)}.card.warning b{color:var(--warn)}
.card.ok b{color:var(--ok)}
.tables{display:flex;gap:16px;flex-wrap:wrap;align-items:flex-start}
table{border-collapse:collapse;background:var(--card);border:1px solid
var(--line);border-radius:8px;font-size:14px}
th,td{text-align:left;padding:6px 12px;border-bottom:1px solid var(--line);
vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);
font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.zero{color:#98a2b3}
table.owners{width:100%;table-layout:fixed}
table.owners td{overflow-wrap:anywhere}
table.owners th:nth-child(1),table.owners th:nth-child(2){width:24%}
table.owners th:nth-child(4){width:14%}
.fix{margin:12px 0 0;font-size:14px}
.fix b{font-weight:600}
dl.checks dt{margin:12px 0 2px}
dl.checks dd{margin:0 0 0 20px}
nav{margin:14px 0 0;font-size:14px}
nav a{margin-right:16px;text-decoration:none}
tr:last-child td{border-bottom:0}
.badge{display:inline-block;font-size:12px;font-weight:700;text-transform:uppercase;
letter-spacing:.04em;padding:1px 8px;border-radius:999px;vertical-align:2px}
.badge.error{color:var(--err);background:var(--err-bg);border:1px solid #fecdca}
.badge.warning{color:var(--warn);background:var(--warn-bg);border:1px solid #fedf89}
.badge.ok{color:var(--ok);background:var(--ok-bg);border:1px solid #abefc6}
.badge.muted{color:var(--muted);background:var(--code);border:1px solid var(--line)}
.mono.muted{color:var(--muted)}
article.finding{background:var(--card);border:1px solid var(--line);
border-left:5px solid var(--warn);border-radius:10px;padding:14px 18px;margin:0 0 16px}
article.finding.error{border-left-color:var(--err)}
article.finding[data-baseline="1"]{border-left-color:#98a2b3}
article.finding h3{margin:0;font-size:16px;display:flex;gap:10px;
align-items:baseline;flex-wrap:wrap}
article.finding h3 .rule{font-family:var(--mono);font-size:14px}
article.finding h3 .at{margin-left:auto;color:var(--muted);font-weight:400;
font-family:var(--mono);font-size:13px}
.msg{margin:8px 0 12px}
.label{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);
font-weight:600;margin:12px 0 6px}
.label .hint{text-transform:none;letter-spacing:0;font-weight:400;margin-left:6px}
ol.stack{list-style:none;margin:0;padding:0;border:1px solid var(--line);
border-radius:8px;overflow:hidden}
ol.stack>li{padding:6px 12px;border-top:1px solid var(--line)}
ol.stack>li:first-child{border-top:0}
.frame .head{display:flex;gap:10px;align-items:baseline;font-family:var(--mono);
font-size:13.5px}
.frame .no{color:var(--muted);min-width:26px}
.frame .fn{font-weight:600}
.frame .at{margin-left:auto;color:var(--muted);white-space:nowrap}
.frame.blocking{background:var(--err-bg)}
.finding.warning .frame.blocking{background:var(--warn-bg)}
.frame.blocking .fn{color:var(--err)}
.finding.warning .frame.blocking .fn{color:var(--warn)}
.frame.runtime .fn{font-weight:400;color:var(--muted);font-style:italic}
.why{color:var(--muted);font-size:13.5px;margin:2px 0 0 36px}
pre.src{margin:6px 0 2px 36px;padding:6px 0;background:#fbfcfd;border:1px solid
var(--line);border-radius:6px;font:12.5px/1.45 var(--mono);overflow-x:auto;tab-size:4}
pre.src .line{display:block;padding:0 10px 0 0;white-space:pre}
pre.src .ln{display:inline-block;min-width:44px;padding-right:12px;text-align:right;
color:#98a2b3;user-select:none}
pre.src .hit{background:var(--hit)}
pre.src .hit .ln{color:var(--fg);font-weight:700}
.nosrc{margin:6px 0 2px 36px;color:var(--muted);font-style:italic;font-size:13px}
.thread{margin-top:12px;border:1px dashed #c4cbd6;border-radius:8px;padding:8px 12px}
.thread p{margin:0;font-size:14px}
.thread pre.src,.thread .nosrc{margin-left:0}
ul.notes{margin:0;padding-left:20px}
ul.notes li{margin:0 0 8px}
ul.notes pre.src,ul.notes .nosrc{margin-left:0}
#filters{margin:0 0 12px;font-size:14px;color:var(--muted)}
#filters label{margin-right:14px}
footer{margin-top:36px;color:var(--muted);font-size:12.5px}
)css";

constexpr StringRef Script = R"js(
(function () {
  var bar = document.getElementById("filters");
  if (!bar) return;
  var boxes = bar.querySelectorAll("input");
  function apply() {
    var show = {};
    boxes.forEach(function (b) { show[b.value] = b.checked; });
    document.querySelectorAll("article.finding").forEach(function (a) {
      a.hidden = !show[a.getAttribute("data-level")] ||
                 (a.getAttribute("data-baseline") === "1" && !show.baseline);
    });
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  bar.hidden = false;
})();
)js";

class HtmlWriter {
public:
  HtmlWriter(raw_ostream &OS, const Report &R) : OS(OS), R(R) {}

  void write() {
    OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
          "charset=\"utf-8\">\n<meta name=\"viewport\" "
          "content=\"width=device-width, initial-scale=1\">\n"
       << "<title>shutdown-hazards: " << escape(headline()) << "</title>\n"
       << "<style>" << Style << "</style>\n</head>\n<body>\n<main>\n";
    writeHeader();
    writeSummary();
    writeFindings();
    writeOwners();
    writeChecks();
    writeGate();
    writeFailures();
    OS << "<footer>shutdown-hazards " << SHUTDOWN_HAZARDS_VERSION
       << ". Paths are relative to the project root, "
       << "<code>" << escape(R.Root) << "</code>.</footer>\n</main>\n"
       << "<script>" << Script << "</script>\n</body>\n</html>\n";
  }

private:
  size_t errors() const {
    return count_if(R.Findings, [](const ReportedFinding &F) {
      return F.F.Level == Severity::Error;
    });
  }

  std::string headline() const {
    if (R.Findings.empty())
      return "no finding";
    return plural(R.Findings.size(), "finding", "findings");
  }

  std::string at(const SourceLoc &L, bool Col = false) const {
    return escape(locationText(L, R.Root, Col));
  }

  std::string checkLink(const CheckInfo &C) const {
    if (docsUrl().empty())
      return "<code>" + escape(C.Name) + "</code>";
    return "<a href=\"" + escape((docsUrl() + C.docsPage()).str()) +
           "\"><code>" + escape(C.Name) + "</code></a>";
  }

  void number(size_t N) {
    OS << (N ? "<td class=\"n\">" : "<td class=\"n zero\">") << N << "</td>";
  }

  void card(StringRef Class, size_t N, StringRef What) {
    OS << "<div class=\"card" << (Class.empty() ? "" : " ") << Class << "\"><b>"
       << N << "</b><span>" << What << "</span></div>\n";
  }

  void writeHeader() {
    size_t E = errors();
    size_t NotAnalyzed =
        count_if(R.Failures, [](const Failure &F) { return F.Counted; });
    OS << "<header>\n<h1>Shutdown hazards</h1>\n<p class=\"what\">Threads "
          "joined or waited for while the program exits, a DLL unloads or "
          "<code>DllMain</code> runs.</p>\n<p class=\"meta\">"
       << escape(R.Root) << " &middot; "
       << plural(R.Units, "translation unit", "translation units")
       << " &middot; shutdown-hazards " << SHUTDOWN_HAZARDS_VERSION
       << "</p>\n<div class=\"cards\">\n";
    card(E ? "error" : "ok", E, E == 1 ? "error" : "errors");
    card(R.Findings.size() - E ? "warning" : "ok", R.Findings.size() - E,
         R.Findings.size() - E == 1 ? "warning" : "warnings");
    if (R.HasBaseline) {
      size_t Old = count_if(
          R.Findings, [](const ReportedFinding &F) { return F.Baselined; });
      card(R.Findings.size() - Old ? "error" : "ok", R.Findings.size() - Old,
           "new");
      card("", Old, "in the baseline");
    }
    card("", R.Owners.size(),
         R.Owners.size() == 1 ? "static thread owner" : "static thread owners");
    if (NotAnalyzed)
      card("error", NotAnalyzed, "not analyzed");
    OS << "</div>\n<nav>";
    if (!R.Findings.empty())
      OS << "<a href=\"#summary\">Summary</a><a href=\"#findings\">Findings "
         << "(" << R.Findings.size() << ")</a>";
    OS << "<a href=\"#owners\">Static thread owners (" << R.Owners.size()
       << ")</a>";
    if (!R.Failures.empty())
      OS << "<a href=\"#failures\">Not analyzed (" << R.Failures.size()
         << ")</a>";
    OS << "</nav>\n</header>\n";
  }

  void writeSummary() {
    if (R.Findings.empty()) {
      OS << "<h2 id=\"summary\">Summary</h2>\n<p>No finding in "
         << plural(R.Units, "translation unit", "translation units")
         << ".</p>\n";
      return;
    }
    OS << "<h2 id=\"summary\">Summary</h2>\n<div class=\"tables\">\n";
    // Each table counts errors and warnings, and with a baseline also the
    // new and the baselined findings.
    auto Head = [&](StringRef First, StringRef Counts) {
      OS << "<table><thead><tr><th>" << First << "</th>" << Counts;
      if (R.HasBaseline)
        OS << "<th class=\"n\">new</th><th class=\"n\">baselined</th>";
      OS << "</tr></thead><tbody>\n";
    };
    auto Row = [&](function_ref<bool(const ReportedFinding &)> In,
                   bool Levels) {
      size_t E = 0, W = 0, Old = 0;
      for (const ReportedFinding &F : R.Findings)
        if (In(F)) {
          ++(F.F.Level == Severity::Error ? E : W);
          Old += F.Baselined;
        }
      if (Levels) {
        number(E);
        number(W);
      } else {
        number(E + W);
      }
      if (R.HasBaseline) {
        number(E + W - Old);
        number(Old);
      }
      OS << "</tr>\n";
    };
    StringRef LevelColumns =
        "<th class=\"n\">errors</th><th class=\"n\">warnings</th>";
    Head("check", LevelColumns);
    for (const CheckInfo &C : checks()) {
      OS << "<tr><td>" << checkLink(C) << "</td>";
      Row([&](const ReportedFinding &F) { return F.F.Rule == C.Rule; }, true);
    }
    OS << "</tbody></table>\n";

    Head("severity", "<th class=\"n\">findings</th>");
    for (Severity S : {Severity::Error, Severity::Warning}) {
      OS << "<tr><td><span class=\"badge " << levelName(S) << "\">"
         << levelName(S) << "</span></td>";
      Row([&](const ReportedFinding &F) { return F.F.Level == S; }, false);
    }
    OS << "</tbody></table>\n";

    std::set<std::string> Dirs;
    auto DirOf = [&](const ReportedFinding &F) {
      std::string Dir =
          sys::path::parent_path(relativePath(F.F.Loc.File, R.Root),
                                 sys::path::Style::posix)
              .str();
      return Dir.empty() ? std::string(".") : Dir;
    };
    for (const ReportedFinding &F : R.Findings)
      Dirs.insert(DirOf(F));
    Head("directory", LevelColumns);
    for (const std::string &Dir : Dirs) {
      OS << "<tr><td><code>" << escape(Dir) << "</code></td>";
      Row([&](const ReportedFinding &F) { return DirOf(F) == Dir; }, true);
    }
    OS << "</tbody></table>\n</div>\n";
  }

  void writeFrame(size_t No, const Frame &F) {
    static constexpr StringRef Kinds[] = {"blocking", "code", "runtime"};
    OS << "<li class=\"frame " << Kinds[F.K] << "\"><div class=\"head\">"
       << "<span class=\"no\">#" << No << "</span><span class=\"fn\">"
       << escape(F.Name) << "</span>";
    if (F.K == Frame::Blocking)
      OS << "<span class=\"badge muted\">blocks</span>";
    if (F.Loc.valid())
      OS << "<span class=\"at\">" << at(F.Loc) << "</span>";
    else if (F.K == Frame::Runtime)
      OS << "<span class=\"at\">runtime</span>";
    OS << "</div>\n";
    if (!F.Why.empty())
      OS << "<div class=\"why\">" << message(F.Why) << "</div>\n";
    // #0 is the library's; its call is shown in #1's source.
    if (F.K == Frame::Code)
      OS << Src.snippet(F.Loc);
    if (!F.Root.Message.empty())
      OS << "<div class=\"why\">" << message(F.Root.Message) << " ("
         << at(F.Root.Loc) << ")</div>\n";
    OS << "</li>\n";
  }

  void writeThread(const Finding &F) {
    if (!F.Waited)
      return;
    const SourceLoc &L = F.Waited->Loc;
    auto Code = [](StringRef Name) {
      return "<code>" + escape(Name) + "</code>";
    };
    OS << "<div class=\"thread\"><div class=\"label\">The waited thread"
       << "</div>\n<p>"
       << capitalized(startedText(
              *F.Waited, "at <span class=\"mono\">" + at(L) + "</span>", Code))
       << ". " << capitalized(waitOutcome(F)) << ".</p>\n"
       << Src.snippet(L) << "</div>\n";
  }

  void writeFinding(size_t Index, const ReportedFinding &RF) {
    const Finding &F = RF.F;
    StringRef Level = levelName(F.Level);
    OS << "<article class=\"finding " << Level << "\" id=\"finding-" << Index
       << "\" data-level=\"" << Level << "\" data-baseline=\""
       << (RF.Baselined ? "1" : "0") << "\">\n<h3><span class=\"badge " << Level
       << "\">" << Level << "</span><a class=\"rule\" href=\"#check-"
       << escape(ruleName(F.Rule)) << "\">" << escape(ruleName(F.Rule))
       << "</a>";
    if (RF.Baselined)
      OS << "<span class=\"badge muted\">in baseline</span>";
    OS << "<span class=\"at\">" << at(F.Loc, /*Col=*/true) << "</span></h3>\n"
       << "<p class=\"msg\">" << message(F.Message) << "</p>\n";
    if (std::vector<Frame> Stack = stackAtHang(F); !Stack.empty()) {
      OS << "<div class=\"label\">Stack at the hang <span class=\"hint\">the "
            "waiting thread, innermost frame first</span></div>\n<ol "
            "class=\"stack\">\n";
      for (size_t I = 0; I < Stack.size(); ++I)
        writeFrame(I, Stack[I]);
      OS << "</ol>\n";
      writeThread(F);
    } else {
      OS << "<div class=\"label\">Why</div>\n<ul class=\"notes\">\n";
      for (const Note &N : notes(F)) {
        OS << "<li>" << message(N.Message);
        if (N.Loc.valid())
          OS << " <span class=\"mono\">(" << at(N.Loc) << ")</span>\n"
             << Src.snippet(N.Loc);
        OS << "</li>\n";
      }
      OS << "</ul>\n";
    }
    OS << "<p class=\"fix\"><b>How to fix:</b> " << escape(fixHint(F.Rule))
       << " (<a href=\"#check-" << escape(ruleName(F.Rule))
       << "\">the check</a>).</p>\n</article>\n";
  }

  void writeFindings() {
    if (R.Findings.empty())
      return;
    OS << "<h2 id=\"findings\">Findings</h2>\n"
       << "<div id=\"filters\" hidden>Show: "
       << "<label><input type=\"checkbox\" value=\"error\" checked> "
          "errors</label>"
       << "<label><input type=\"checkbox\" value=\"warning\" checked> "
          "warnings</label>";
    if (R.HasBaseline)
      OS << "<label><input type=\"checkbox\" value=\"baseline\" checked> "
            "in the baseline</label>";
    OS << "</div>\n";
    std::vector<const ReportedFinding *> Order = byImportance(R);
    for (size_t I = 0; I < Order.size(); ++I)
      writeFinding(I + 1, *Order[I]);
  }

  /// The checks with findings: what each finds, how to fix it, its page.
  void writeChecks() {
    if (R.Findings.empty())
      return;
    OS << "<h2 id=\"checks\">Checks</h2>\n<dl class=\"checks\">\n";
    for (const CheckInfo &C : checks()) {
      if (none_of(R.Findings,
                  [&](const ReportedFinding &F) { return F.F.Rule == C.Rule; }))
        continue;
      OS << "<dt id=\"check-" << escape(C.Name) << "\">" << checkLink(C)
         << "</dt>\n<dd>" << capitalized(escape(C.Summary))
         << ".<br><b>How to fix:</b> " << escape(fixHint(C.Rule)) << ".";
      if (docsUrl().empty())
        OS << " The check's page: <code>docs/" << escape(C.docsPage())
           << "</code>.";
      OS << "</dd>\n";
    }
    OS << "</dl>\n";
  }

  void writeOwners() {
    OS << "<h2 id=\"owners\">Static objects that own a thread</h2>\n";
    if (R.Owners.empty()) {
      OS << "<p>No object with static storage owns a thread.</p>\n";
      return;
    }
    OS << "<p>Each is destroyed at exit, or at unload for a DLL. A thread "
          "it owns should be stopped by ordinary code before then.</p>\n"
       << "<table class=\"owners\"><thead><tr><th>object</th><th>thread</th>"
          "<th>stopped</th><th>destroyed</th></tr></thead><tbody>\n";
    for (const ThreadOwner &O : R.Owners) {
      OS << "<tr><td><code>" << escape(O.Object) << "</code><br><span "
         << "class=\"mono\">" << at(O.Loc) << "</span></td><td><code>"
         << escape(O.Thread) << "</code><br><span class=\"mono\">"
         << at(O.ThreadLoc) << "</span></td><td>";
      switch (O.How) {
      case ThreadOwner::Stop::Explicit:
        OS << "<span class=\"badge ok\">explicitly</span> by <code>"
           << escape(O.StoppedIn) << "</code>";
        break;
      case ThreadOwner::Stop::TeardownOnly:
        OS << "<span class=\"badge " << (O.InDll ? "error" : "warning")
           << "\">only in teardown</span> by <code>" << escape(O.StoppedIn)
           << "</code>";
        break;
      case ThreadOwner::Stop::NotStopped:
        OS << "<span class=\"badge muted\">never</span> nothing joins or "
              "waits for it";
        break;
      case ThreadOwner::Stop::Contract:
        OS << "<span class=\"badge warning\">by contract</span>: callers "
              "must call <code>"
           << escape(O.StoppedBy) << "</code>";
        break;
      }
      if (!O.Note.empty())
        OS << "<br><span class=\"muted\">" << escape(O.Note) << "</span>";
      if (O.StopLoc.valid())
        OS << "<br><span class=\"mono\">" << at(O.StopLoc) << "</span>";
      if (!O.StopChain.empty())
        OS << "<br><span class=\"mono muted\">" << escape(O.StopChain)
           << "</span>";
      OS << "</td><td>"
         << (O.InDll ? "at DLL unload, under the loader lock" : "at exit")
         << "</td></tr>\n";
    }
    OS << "</tbody></table>\n";
  }

  void writeGate() {
    if (!R.StaleBaseline.empty()) {
      OS << "<h2 id=\"stale\">Stale baseline entries</h2>\n<p>These "
            "entries match no finding any more: remove them, or write the "
            "baseline again with <code>--write-baseline</code>.</p>\n<ul>\n";
      for (const std::string &S : R.StaleBaseline)
        OS << "<li><code>" << escape(S) << "</code></li>\n";
      OS << "</ul>\n";
    }
    if (!R.UnusedSuppressions.empty()) {
      OS << "<h2 id=\"unused\">Unused suppressions</h2>\n<ul>\n";
      for (const UnusedSuppression &U : R.UnusedSuppressions)
        OS << "<li><code>" << escape(U.Text) << "</code> at <span "
           << "class=\"mono\">" << at(U.Loc) << "</span> suppresses no "
           << "finding</li>\n";
      OS << "</ul>\n";
    }
    if (R.Suppressed || !R.ChangedFrom.empty()) {
      OS << "<p>";
      if (R.Suppressed)
        OS << plural(R.Suppressed, "finding is", "findings are")
           << " suppressed in the code. ";
      if (!R.ChangedFrom.empty())
        OS << "Only lines changed since <code>" << escape(R.ChangedFrom)
           << "</code> are reported: "
           << plural(R.OutsideChange, "finding", "findings")
           << " elsewhere left out.";
      OS << "</p>\n";
    }
  }

  void writeFailures() {
    if (R.Failures.empty())
      return;
    OS << "<h2 id=\"failures\">Not analyzed</h2>\n<table><thead><tr><th>"
          "file</th><th>problem</th><th>message</th></tr></thead><tbody>\n";
    for (const Failure &F : R.Failures)
      OS << "<tr><td><code>" << escape(relativePath(F.File, R.Root))
         << "</code></td><td>"
         << escape(F.Counted ? F.Kind : "parse errors ignored") << "</td><td>"
         << escape(F.Message) << "</td></tr>\n";
    OS << "</tbody></table>\n";
  }

  raw_ostream &OS;
  const Report &R;
  Sources Src;
};
} // namespace

void writeHtml(raw_ostream &OS, const Report &R) { HtmlWriter(OS, R).write(); }

} // namespace shutdown::driver
