//===- ShutdownCheck.cpp - Common base of the shutdown-* checks -----------===//

#include "ShutdownCheck.h"
#include "checkers/model/Extractor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace shutdown::tidy {

const std::vector<Finding> &AnalysisCache::get(ASTContext &Ctx,
                                               const ModelOptions &Options) {
  std::string Key = Options.fingerprint();
  auto It = ByOptions.find(Key);
  if (It != ByOptions.end())
    return It->second;
  return ByOptions[Key] = findHazards(extractFacts(Ctx, Options),
                                      AnalysisMode::TranslationUnit);
}

// Options are read with getLocalOrGlobal: set once as a global CheckOption
// (e.g. "ThreadTypes"), they apply to all four checks alike.
ShutdownCheck::ShutdownCheck(StringRef Name, ClangTidyContext *Context,
                             RuleKind Rule,
                             std::shared_ptr<AnalysisCache> Cache)
    : ClangTidyCheck(Name, Context), Rule(Rule), Cache(std::move(Cache)) {
  ModelOptions D = ModelOptions::defaults();
  auto List = [&](StringRef Key, const std::vector<std::string> &Default) {
    return ModelOptions::splitList(
        Options.getLocalOrGlobal(Key, ModelOptions::joinList(Default)));
  };
  Model.ThreadTypes = List("ThreadTypes", D.ThreadTypes);
  Model.JoiningThreadTypes = List("JoiningThreadTypes", D.JoiningThreadTypes);
  Model.JoinFunctions = List("JoinFunctions", D.JoinFunctions);
  Model.WaitFunctions = ModelOptions::parseWaits(Options.getLocalOrGlobal(
      "WaitFunctions", ModelOptions::formatWaits(D.WaitFunctions)));
  Model.ThreadCreators = ModelOptions::parseCreators(Options.getLocalOrGlobal(
      "ThreadCreateFunctions", ModelOptions::formatCreators(D.ThreadCreators)));
  Model.DllEntryPoints = List("DllEntryPoints", D.DllEntryPoints);
  Model.NoDestructorTemplates =
      List("NoDestructorTemplates", D.NoDestructorTemplates);
  Model.OwningTemplates = List("OwningTemplates", D.OwningTemplates);
  Model.AssumeDll = Options.getLocalOrGlobal("AssumeDll", D.AssumeDll);
}

void ShutdownCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ThreadTypes", ModelOptions::joinList(Model.ThreadTypes));
  Options.store(Opts, "JoiningThreadTypes",
                ModelOptions::joinList(Model.JoiningThreadTypes));
  Options.store(Opts, "JoinFunctions",
                ModelOptions::joinList(Model.JoinFunctions));
  Options.store(Opts, "WaitFunctions",
                ModelOptions::formatWaits(Model.WaitFunctions));
  Options.store(Opts, "ThreadCreateFunctions",
                ModelOptions::formatCreators(Model.ThreadCreators));
  Options.store(Opts, "DllEntryPoints",
                ModelOptions::joinList(Model.DllEntryPoints));
  Options.store(Opts, "NoDestructorTemplates",
                ModelOptions::joinList(Model.NoDestructorTemplates));
  Options.store(Opts, "OwningTemplates",
                ModelOptions::joinList(Model.OwningTemplates));
  Options.store(Opts, "AssumeDll", Model.AssumeDll);
}

void ShutdownCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

static SourceLocation toSourceLocation(SourceManager &SM, const SourceLoc &L) {
  if (!L.valid())
    return {};
  auto File = SM.getFileManager().getOptionalFileRef(L.File);
  if (!File)
    return {};
  return SM.translateFileLineCol(*File, L.Line, L.Col);
}

void ShutdownCheck::check(const MatchFinder::MatchResult &Result) {
  SourceManager &SM = *Result.SourceManager;
  for (const Finding &F : Cache->get(*Result.Context, Model)) {
    if (F.Rule != Rule)
      continue;
    SourceLocation Loc = toSourceLocation(SM, F.Loc);
    if (Loc.isInvalid())
      continue;
    // Always a warning: clang-tidy's error level would mark every later file
    // of the run as failed to process. The message says when it is a
    // deadlock; WarningsAsErrors turns checks into errors for a gate.
    diag(Loc, "%0") << F.Message;
    for (const Note &N : F.Notes)
      if (SourceLocation NL = toSourceLocation(SM, N.Loc); NL.isValid())
        diag(NL, "%0", DiagnosticIDs::Note) << N.Message;
  }
}

} // namespace shutdown::tidy
