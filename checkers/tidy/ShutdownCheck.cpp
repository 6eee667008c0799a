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
  // clangd limits the traversal to the main file's top-level declarations,
  // leaving its preamble (the headers) unread; the model needs the whole
  // translation unit, like clang-tidy gives it: a class declared in a header,
  // its members. The scope is restored for the other checks.
  std::vector<Decl *> Scope(Ctx.getTraversalScope().begin(),
                            Ctx.getTraversalScope().end());
  bool Limited = Scope.size() != 1 || !isa<TranslationUnitDecl>(Scope.front());
  if (Limited)
    Ctx.setTraversalScope({Ctx.getTranslationUnitDecl()});
  TUFacts Facts = extractFacts(Ctx, Options);
  if (Limited)
    Ctx.setTraversalScope(Scope);
  return ByOptions[Key] = findHazards(Facts, AnalysisMode::TranslationUnit);
}

// Options are read with getLocalOrGlobal: set once as a global CheckOption
// (e.g. "ThreadTypes"), they apply to all the checks alike. A value that
// does not parse is reported the way clang-tidy reports its own, under the
// key it was read from, and the option keeps its default.
ShutdownCheck::ShutdownCheck(StringRef Name, ClangTidyContext *Context,
                             RuleKind Rule,
                             std::shared_ptr<AnalysisCache> Cache)
    : ClangTidyCheck(Name, Context), Rule(Rule), Cache(std::move(Cache)) {
  Model = ModelOptions::fromOptions(
      [&](StringRef Key) -> std::optional<std::string> {
        if (std::optional<StringRef> V = Options.getLocalOrGlobal(Key))
          return V->str();
        return std::nullopt;
      },
      [&](const OptionError &E) {
        std::string Key =
            Options.get(E.Key) ? (Name + "." + E.Key).str() : E.Key;
        configurationDiag(
            "invalid value '%0' for option '%1': expected %2; using the "
            "default")
            << E.Value << Key << E.Expected;
      });
}

void ShutdownCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  for (const auto &[Key, Value] : Model.toOptions())
    Options.store(Opts, Key, Value);
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
    for (const Note &N : notes(F))
      if (SourceLocation NL = toSourceLocation(SM, N.Loc); NL.isValid())
        diag(NL, "%0", DiagnosticIDs::Note) << N.Message;
  }
}

} // namespace shutdown::tidy
