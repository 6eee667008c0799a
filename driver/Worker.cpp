//===- Worker.cpp - Extraction of one translation unit, in a process ------===//

#include "driver/Worker.h"
#include "checkers/model/Extractor.h"
#include "driver/Cache.h"
#include "driver/Paths.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"

using namespace clang;
using namespace clang::tooling;
using namespace llvm;

namespace shutdown::driver {

json::Value toJSON(const Job &J) {
  json::Object Options;
  for (const auto &[K, V] : J.Options)
    Options[K] = V;
  return json::Object{{"key", J.Key},
                      {"directory", J.TU.Directory},
                      {"file", J.TU.File},
                      {"arguments", J.TU.Arguments},
                      {"options", std::move(Options)},
                      {"output", J.Output}};
}

bool fromJSON(const json::Value &V, Job &J, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("key", J.Key) && O.map("directory", J.TU.Directory) &&
         O.map("file", J.TU.File) && O.map("arguments", J.TU.Arguments) &&
         O.map("options", J.Options) && O.map("output", J.Output);
}

namespace {

/// Keeps the first error, as "file:line:col: error: message"; drops the
/// rest (the driver reports a translation unit once).
class FirstErrorConsumer : public DiagnosticConsumer {
public:
  explicit FirstErrorConsumer(StringRef Directory) : Directory(Directory) {}

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error || !First.empty())
      return;
    SmallString<256> Message;
    Info.FormatDiagnostic(Message);
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      PresumedLoc P =
          Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (P.isValid())
        First =
            formatv("{0}:{1}:{2}: ", normalizePath(P.getFilename(), Directory),
                    P.getLine(), P.getColumn());
    }
    First += "error: " + Message.str().str();
  }

  std::string First;

private:
  std::string Directory;
};

/// Extracts the facts once the translation unit is parsed, and lists the
/// files the parse read, with the hash of what it read.
class ExtractConsumer : public ASTConsumer {
public:
  ExtractConsumer(const ModelOptions &Options, StringRef Directory,
                  TUResult &Out, TUFacts &Facts, bool &Done)
      : Options(Options), Directory(Directory), Out(Out), Facts(Facts),
        Done(Done) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    Facts = extractFacts(Ctx, Options);
    const SourceManager &SM = Ctx.getSourceManager();
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It)
      if (std::optional<StringRef> Data = It->second->getBufferDataIfLoaded())
        Out.Deps.push_back(
            {openedPath(It->first.getName(), Directory), contentHash(*Data)});
    llvm::sort(Out.Deps, [](const Dependency &A, const Dependency &B) {
      return A.Path < B.Path;
    });
    Out.Deps.erase(llvm::unique(Out.Deps,
                                [](const Dependency &A, const Dependency &B) {
                                  return A.Path == B.Path;
                                }),
                   Out.Deps.end());
    Done = true;
  }

private:
  const ModelOptions &Options;
  std::string Directory;
  TUResult &Out;
  TUFacts &Facts;
  bool &Done;
};

class ExtractAction : public ASTFrontendAction {
public:
  ExtractAction(const ModelOptions &Options, StringRef Directory, TUResult &Out,
                TUFacts &Facts, bool &Done)
      : Options(Options), Directory(Directory), Out(Out), Facts(Facts),
        Done(Done) {}

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<ExtractConsumer>(Options, Directory, Out, Facts,
                                             Done);
  }

private:
  const ModelOptions &Options;
  std::string Directory;
  TUResult &Out;
  TUFacts &Facts;
  bool &Done;
};

class ExtractFactory : public FrontendActionFactory {
public:
  ExtractFactory(const ModelOptions &Options, StringRef Directory,
                 TUResult &Out, TUFacts &Facts, bool &Done)
      : Options(Options), Directory(Directory), Out(Out), Facts(Facts),
        Done(Done) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<ExtractAction>(Options, Directory, Out, Facts,
                                           Done);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCH,
                     DiagnosticConsumer *Diags) override {
    // Like clang -fsyntax-only: the process ends after this translation
    // unit, so the AST is not freed piece by piece.
    Invocation->getFrontendOpts().DisableFree = true;
    return FrontendActionFactory::runInvocation(std::move(Invocation), Files,
                                                std::move(PCH), Diags);
  }

private:
  const ModelOptions &Options;
  std::string Directory;
  TUResult &Out;
  TUFacts &Facts;
  bool &Done;
};

/// The job's command, whatever file the tool asks for.
class OneCommandDatabase : public CompilationDatabase {
public:
  explicit OneCommandDatabase(CompileCommand C) : Command(std::move(C)) {}
  std::vector<CompileCommand> getCompileCommands(StringRef) const override {
    return {Command};
  }

private:
  CompileCommand Command;
};
} // namespace

static int fail(const Twine &Message) {
  WithColor::error(errs(), "shutdown-hazards worker") << Message << "\n";
  return 1;
}

int runWorker(StringRef JobFile) {
  auto Buffer = MemoryBuffer::getFile(JobFile, /*IsText=*/true);
  if (!Buffer)
    return fail("cannot read job '" + JobFile +
                "': " + Buffer.getError().message());
  Job J;
  Expected<json::Value> V = json::parse((*Buffer)->getBuffer());
  if (!V)
    return fail("malformed job '" + JobFile + "': " + toString(V.takeError()));
  json::Path::Root Root("job");
  if (!fromJSON(*V, J, Root))
    return fail("malformed job '" + JobFile +
                "': " + toString(Root.getError()));

  ModelOptions Options = ModelOptions::fromOptions(
      [&](StringRef Key) -> std::optional<std::string> {
        if (auto It = J.Options.find(Key.str()); It != J.Options.end())
          return It->second;
        return std::nullopt;
      });

  TUResult Result;
  TUFacts Facts;
  Result.Key = J.Key;
  Result.File = J.TU.File;
  bool Done = false;
  OneCommandDatabase Db(
      CompileCommand(J.TU.Directory, J.TU.File, J.TU.Arguments, ""));
  ClangTool Tool(Db, {J.TU.File});
  FirstErrorConsumer Errors(J.TU.Directory);
  Tool.setDiagnosticConsumer(&Errors);
  ExtractFactory Factory(Options, J.TU.Directory, Result, Facts, Done);
  int Status = Tool.run(&Factory);
  if (!Done) // Nothing was parsed: no facts to give.
    return fail("cannot be parsed: " + (Errors.First.empty()
                                            ? "the compiler did not run"
                                            : Errors.First));
  if (Status != 0)
    Result.ParseError =
        Errors.First.empty() ? "error: the parse failed" : Errors.First;
  if (Error E = writeResult(J.Output, Result, Facts))
    return fail("cannot write '" + J.Output + "': " + toString(std::move(E)));
  // Like clang -fsyntax-only (-disable-free): the result is written, so
  // leave without freeing the AST and the facts piece by piece.
  sys::Process::Exit(0, /*NoCleanup=*/true);
}

} // namespace shutdown::driver
