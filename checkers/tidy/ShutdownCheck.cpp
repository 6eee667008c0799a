//===- ShutdownCheck.cpp - Common base of the shutdown-* checks -----------===//

#include "ShutdownCheck.h"
#include "checkers/model/Extractor.h"
#include "checkers/model/NoLint.h"
#include "checkers/model/OptionKeys.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace shutdown::tidy {

/// A file's contents as the translation unit sees them (in clangd, the
/// editor's unsaved buffer), else as they are on disk.
static std::optional<std::string> contentsOf(const SourceManager &SM,
                                             FileEntryRef File) {
  FileID ID = SM.translateFile(File);
  if (ID.isValid())
    if (std::optional<StringRef> Data = SM.getBufferDataOrNone(ID))
      return Data->str();
  auto Buffer = SM.getFileManager().getBufferForFile(File);
  if (!Buffer)
    return std::nullopt;
  return (*Buffer)->getBuffer().str();
}

namespace {

/// The NOLINT comments of the files a finding names, each read once.
class NoLints {
public:
  explicit NoLints(const SourceManager &SM) : SM(SM) {}

  /// Whether a directive at one of Places silences Check.
  bool silence(ArrayRef<SourceLoc> Places, StringRef Check) {
    bool Found = false;
    for (const SourceLoc &L : Places)
      if (FileNoLints *F = read(L.File))
        Found |= F->suppresses(L.Line, L.Col, Check);
    return Found;
  }

private:
  FileNoLints *read(const std::string &Path) {
    auto [It, New] = Files.try_emplace(Path);
    if (New)
      if (auto File = SM.getFileManager().getOptionalFileRef(Path))
        if (std::optional<std::string> Text = contentsOf(SM, *File))
          It->second = FileNoLints::parse(*Text);
    return It->second ? &*It->second : nullptr;
  }

  const SourceManager &SM;
  std::map<std::string, std::optional<FileNoLints>> Files;
};
} // namespace

/// Where L is in this translation unit; a file it has not read is added when
/// Add is set (for the notes of a whole-program finding).
static SourceLocation toSourceLocation(SourceManager &SM, const SourceLoc &L,
                                       bool Add = false) {
  if (!L.valid())
    return {};
  auto File = SM.getFileManager().getOptionalFileRef(L.File);
  if (!File)
    return {};
  FileID ID = SM.translateFile(*File);
  if (ID.isInvalid() && Add)
    ID = SM.getOrCreateFileID(*File, SrcMgr::C_User);
  if (ID.isInvalid())
    return {};
  return SM.translateLineCol(ID, L.Line, L.Col);
}

static bool isMainFile(const SourceManager &SM, StringRef Path) {
  auto Main = SM.getFileEntryRefForID(SM.getMainFileID());
  auto File = SM.getFileManager().getOptionalFileRef(Path);
  return Main && File && &Main->getFileEntry() == &File->getFileEntry();
}

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

const std::vector<StoredFinding> &
AnalysisCache::wholeProgram(const SourceManager &SM,
                            const std::vector<Finding> &Local) {
  if (Program)
    return *Program;
  Program.emplace();
  auto Main = SM.getFileEntryRefForID(SM.getMainFileID());
  if (!Main)
    return *Program;
  std::optional<std::string> Path = findResults(Main->getName());
  if (!Path)
    return *Program;
  // An unreadable file, or one of another version, shows nothing: the
  // per-unit findings stand alone until the driver runs again.
  Expected<ProgramResults> Results = readResults(*Path);
  if (!Results) {
    consumeError(Results.takeError());
    return *Program;
  }
  std::vector<std::string> LocalIds;
  for (const Finding &F : Local)
    LocalIds.push_back(findingId(F));
  llvm::StringMap<bool> Fresh;
  auto IsFresh = [&](const std::string &File) {
    auto [It, New] = Fresh.try_emplace(File, false);
    if (New) {
      auto Stored = Results->Hashes.find(File);
      auto Entry = SM.getFileManager().getOptionalFileRef(File);
      std::optional<std::string> Text =
          Entry ? contentsOf(SM, *Entry) : std::nullopt;
      It->second = Stored != Results->Hashes.end() && Text &&
                   resultsHash(*Text) == Stored->second;
    }
    return It->second;
  };
  for (StoredFinding &F : Results->Findings) {
    if (llvm::is_contained(LocalIds, F.Id) ||
        llvm::none_of(
            F.Files,
            [&](const std::string &File) { return isMainFile(SM, File); }) ||
        !llvm::all_of(F.Files, IsFresh))
      continue;
    Program->push_back(std::move(F));
  }
  return *Program;
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
  warnUnknownOptions(Name, Context);
}

// Each check names the unknown keys under its own name; the keys shared by
// all, or under a check name that does not exist, are named by the first
// enabled check of Checks.def, so that each is said once.
void ShutdownCheck::warnUnknownOptions(StringRef Name,
                                       ClangTidyContext *Context) {
  std::vector<std::string> Keys;
  for (const auto &Entry : Context->getOptions().CheckOptions)
    Keys.push_back(Entry.getKey().str());
  llvm::sort(Keys);
  const CheckInfo *First = llvm::find_if(checks(), [&](const CheckInfo &C) {
    return Context->isCheckEnabled(C.Name);
  });
  bool Shared = First != checks().end() && First->Name == Name;
  for (const UnknownOption &U : unknownOptions(Keys)) {
    StringRef Key = U.Key;
    if (Key.consume_front(Name) && Key.starts_with("."))
      configurationDiag("%0") << U.message();
    else if (Shared && !ruleByName(StringRef(U.Key).split('.').first))
      configurationDiag("%0") << U.message();
  }
}

void ShutdownCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  for (const auto &[Key, Value] : Model.toOptions())
    Options.store(Opts, Key, Value);
}

void ShutdownCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void ShutdownCheck::check(const MatchFinder::MatchResult &Result) {
  SourceManager &SM = *Result.SourceManager;
  StringRef Check = ruleName(Rule);
  NoLints Directives(SM);
  const std::vector<Finding> &Local = Cache->get(*Result.Context, Model);
  for (const Finding &F : Local) {
    if (F.Rule != Rule || Directives.silence(suppressionPlaces(F), Check))
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
  // The driver's findings through this file: at the finding's own location
  // when it is in the main file, else at the first note that is (a frame,
  // the static object), with the whole chain as the first note.
  for (const StoredFinding &F : Cache->wholeProgram(SM, Local)) {
    if (F.Rule != Rule || Directives.silence(F.Places, Check))
      continue;
    const SourceLoc *At = &F.Loc;
    if (!isMainFile(SM, At->File))
      for (const Note &N : F.Notes)
        if (isMainFile(SM, N.Loc.File)) {
          At = &N.Loc;
          break;
        }
    SourceLocation Loc = toSourceLocation(SM, *At);
    if (Loc.isInvalid())
      continue;
    diag(Loc, "whole program: %0") << F.Message;
    if (SourceLocation CL = toSourceLocation(SM, F.Loc, /*Add=*/true);
        CL.isValid())
      diag(CL, "the whole-program analysis found this chain: %0",
           DiagnosticIDs::Note)
          << F.Chain;
    for (const Note &N : F.Notes)
      if (SourceLocation NL = toSourceLocation(SM, N.Loc, /*Add=*/true);
          NL.isValid())
        diag(NL, "%0", DiagnosticIDs::Note) << N.Message;
  }
}

} // namespace shutdown::tidy
