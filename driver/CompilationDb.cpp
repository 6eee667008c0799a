//===- CompilationDb.cpp - The translation units to analyze ---------------===//
//
// The file is read twice over: first with llvm::json, which names the line
// and column of a syntax error and lets each entry be checked and completed
// (a relative "directory" is taken from the database's own directory, a
// clang-cl or cl.exe "command" is split with Windows rules); then the
// completed entries go through clang::tooling::JSONCompilationDatabase and
// its wrappers, so commands are read exactly as clang's tools read them.
//
//===----------------------------------------------------------------------===//

#include "driver/CompilationDb.h"
#include "driver/Paths.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Options/OptionUtils.h"
#include "clang/Options/Options.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace llvm;
using namespace clang::tooling;

namespace shutdown::driver {

static Error dbError(StringRef Path, const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), "%s: %s",
                           Path.str().c_str(), Msg.str().c_str());
}

/// json::ParseError's "[3:7, byte=40]: Expected , or ]" as
/// "<path>:3:7: malformed JSON: Expected , or ]".
static Error parseError(StringRef Path, Error E) {
  std::string Text = toString(std::move(E));
  SmallVector<StringRef, 4> M;
  if (Regex("^\\[([0-9]+):([0-9]+), byte=[0-9]+\\]: (.*)$").match(Text, &M))
    return createStringError(inconvertibleErrorCode(),
                             Path + ":" + M[1] + ":" + M[2] +
                                 ": malformed JSON: " + M[3]);
  return dbError(Path, "malformed JSON: " + Text);
}

/// The compiler's name without directory, version or ".exe", lowercase:
/// "C:\VS\bin\CL.EXE" -> "cl", "clang-cl-22" -> "clang-cl".
static std::string compilerName(StringRef Argv0) {
  StringRef Name = Argv0.substr(Argv0.find_last_of("/\\") + 1);
  std::string Lower = Name.lower();
  StringRef N(Lower);
  N.consume_back(".exe");
  N = N.rtrim("0123456789.");
  N.consume_back("-");
  return N.str();
}

static bool isClDriver(StringRef Argv0) {
  std::string N = compilerName(Argv0);
  return N == "cl" || StringRef(N).ends_with("clang-cl");
}

/// Checks one entry and returns it completed: absolute directory, and
/// "arguments" instead of a cl-style "command".
static Expected<json::Object> completeEntry(const json::Value &V, size_t Index,
                                            StringRef DbPath, StringRef DbDir) {
  auto Fail = [&](const Twine &Msg) {
    return dbError(DbPath, "entry " + Twine(Index + 1) + ": " + Msg);
  };
  const json::Object *O = V.getAsObject();
  if (!O)
    return Fail("expected an object");
  auto Dir = O->getString("directory");
  auto File = O->getString("file");
  if (!Dir)
    return Fail("missing string \"directory\"");
  if (!File)
    return Fail("missing string \"file\"");
  json::Object Out;
  Out["directory"] = normalizePath(*Dir, DbDir);
  Out["file"] = File->str();
  if (auto Output = O->getString("output"))
    Out["output"] = Output->str();
  if (const json::Array *Args = O->getArray("arguments")) {
    if (Args->empty())
      return Fail("empty \"arguments\"");
    for (const json::Value &A : *Args)
      if (!A.getAsString())
        return Fail("\"arguments\" must hold strings only");
    Out["arguments"] = json::Array(*Args);
  } else if (auto Cmd = O->getString("command")) {
    StringRef C = Cmd->ltrim();
    // The compiler may be quoted: "\"C:\\Program Files\\...\\cl.exe\" /c ...".
    StringRef First = C.starts_with("\"") ? C.drop_front().split('"').first
                                          : C.split(' ').first;
    if (isClDriver(First)) {
      BumpPtrAllocator Alloc;
      StringSaver Saver(Alloc);
      SmallVector<const char *, 64> Tokens;
      cl::TokenizeWindowsCommandLine(C, Saver, Tokens);
      json::Array Args;
      for (const char *T : Tokens)
        Args.push_back(std::string(T)); // json::Value keeps no StringRef copy.
      Out["arguments"] = std::move(Args);
    } else {
      Out["command"] = Cmd->str();
    }
  } else {
    return Fail("missing \"command\" or \"arguments\"");
  }
  return Out;
}

/// This executable's idea of clang's resource directory, or the installed
/// clang 22's when the tool runs from a build tree (where the former does not
/// exist); see checkers/tidy/ShutdownTidyMain.cpp.
static std::string resourceDir() {
  std::string Own = clang::GetResourcesPath(mainExecutable());
  return sys::fs::is_directory(Own) ? Own : SHUTDOWN_CLANG_RESOURCE_DIR;
}

static bool hasResourceDir(ArrayRef<std::string> Args) {
  return any_of(Args, [](StringRef A) {
    return A == "-resource-dir" || A.starts_with("-resource-dir=");
  });
}

/// Whether a -W option's name is one clang knows: a warning group, or one
/// of the driver's own (-Werror, -Weverything...).
static bool knownWarning(StringRef Name) {
  Name.consume_front("no-");
  if (Name.consume_front("error=") || Name.consume_front("fatal-errors="))
    ;
  static constexpr StringLiteral Driver[] = {
      "",           "error", "everything", "fatal-errors", "system-headers",
      "deprecated", "all",   "extra"};
  return llvm::is_contained(Driver, Name) ||
         clang::DiagnosticIDs::getGroupForWarningOption(Name).has_value();
}

/// Drops from Args the options clang's driver does not know, and -W
/// warnings it has not; returns them.
static std::vector<std::string> dropUnknownFlags(std::vector<std::string> &Args,
                                                 bool ClMode) {
  // clang-cl only warns about the options it does not know.
  if (ClMode)
    return {};
  std::vector<const char *> Argv;
  for (size_t I = 1; I < Args.size(); ++I)
    Argv.push_back(Args[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  opt::InputArgList Parsed = clang::getDriverOptTable().ParseArgs(
      Argv, MissingIndex, MissingCount,
      opt::Visibility(ClMode ? clang::options::CLOption
                             : clang::options::ClangOption));
  std::vector<bool> Drop(Args.size());
  std::vector<std::string> Dropped;
  for (const opt::Arg *A : Parsed) {
    bool Unknown = A->getOption().getID() == clang::options::OPT_UNKNOWN;
    if (!Unknown && A->getOption().matches(clang::options::OPT_W_Joined) &&
        A->getNumValues() == 1)
      Unknown = !knownWarning(A->getValue());
    if (!Unknown || A->getIndex() + 1 >= Args.size())
      continue;
    Drop[A->getIndex() + 1] = true;
    Dropped.push_back(Args[A->getIndex() + 1]);
  }
  if (Dropped.empty())
    return Dropped;
  std::vector<std::string> Kept;
  for (size_t I = 0; I < Args.size(); ++I)
    if (!Drop[I])
      Kept.push_back(std::move(Args[I]));
  Args = std::move(Kept);
  return Dropped;
}

Expected<CompilationDb> loadCompilationDb(StringRef BuildPath,
                                          ArrayRef<std::string> Files,
                                          const ExtraArgs &Extra) {
  SmallString<256> Cwd;
  if (std::error_code EC = sys::fs::current_path(Cwd))
    return createStringError(EC, "cannot get the current directory");
  CompilationDb Db;
  Db.Path = normalizePath(BuildPath, Cwd);
  if (sys::fs::is_directory(Db.Path))
    Db.Path = normalizePath("compile_commands.json", Db.Path);
  Db.Directory = sys::path::parent_path(Db.Path).str();

  auto Buffer = MemoryBuffer::getFile(Db.Path, /*IsText=*/true);
  if (!Buffer)
    return dbError(Db.Path, "cannot read the compilation database: " +
                                Buffer.getError().message());
  Expected<json::Value> Root = json::parse((*Buffer)->getBuffer());
  if (!Root)
    return parseError(Db.Path, Root.takeError());
  const json::Array *Entries = Root->getAsArray();
  if (!Entries)
    return dbError(Db.Path, "expected an array of compile commands");
  json::Array Completed;
  for (size_t I = 0; I < Entries->size(); ++I) {
    Expected<json::Object> E =
        completeEntry((*Entries)[I], I, Db.Path, Db.Directory);
    if (!E)
      return E.takeError();
    Completed.push_back(std::move(*E));
  }

  std::string Message;
  std::unique_ptr<CompilationDatabase> Json =
      JSONCompilationDatabase::loadFromBuffer(
          formatv("{0}", json::Value(std::move(Completed))).str(), Message,
          JSONCommandLineSyntax::Gnu);
  if (!Json)
    return dbError(Db.Path, "invalid compilation database: " + Message);
  // A physical file system of its own: expanding response files changes its
  // working directory, which must not be this process's.
  std::unique_ptr<CompilationDatabase> Commands = inferTargetAndDriverMode(
      expandResponseFiles(std::move(Json), vfs::createPhysicalFileSystem()));

  std::string ResourceDirFlag = "-resource-dir=" + resourceDir();
  StringSet<> Seen;
  for (CompileCommand &C : Commands->getAllCompileCommands()) {
    TranslationUnit TU;
    TU.Directory = C.Directory;
    TU.File = normalizePath(C.Filename, C.Directory);
    if (!Seen.insert(TU.File).second || C.CommandLine.empty())
      continue;
    TU.Arguments = std::move(C.CommandLine);
    // inferTargetAndDriverMode knows "cl.exe" and "clang-cl"; a full Windows
    // path to cl.exe read on another system may still need the flag.
    if (isClDriver(TU.Arguments.front()) &&
        none_of(TU.Arguments,
                [](StringRef A) { return A.starts_with("--driver-mode="); }))
      TU.Arguments.insert(TU.Arguments.begin() + 1, "--driver-mode=cl");
    bool ClMode = llvm::is_contained(TU.Arguments, "--driver-mode=cl");
    for (std::string &Flag : dropUnknownFlags(TU.Arguments, ClMode)) {
      auto It = llvm::find_if(
          Db.Dropped, [&](const DroppedFlag &D) { return D.Flag == Flag; });
      if (It == Db.Dropped.end())
        It = Db.Dropped.insert(It, {std::move(Flag), 0});
      ++It->Units;
    }
    if (!Extra.Before.empty())
      TU.Arguments = getInsertArgumentAdjuster(
          Extra.Before, ArgumentInsertPosition::BEGIN)(TU.Arguments, TU.File);
    if (!Extra.After.empty())
      TU.Arguments = getInsertArgumentAdjuster(
          Extra.After, ArgumentInsertPosition::END)(TU.Arguments, TU.File);
    if (!hasResourceDir(TU.Arguments))
      TU.Arguments.insert(TU.Arguments.begin() + 1, ResourceDirFlag);
    Db.Units.push_back(std::move(TU));
  }

  for (const TranslationUnit &TU : Db.Units)
    Db.Listed.push_back(TU.File);
  if (!Files.empty()) {
    StringSet<> Wanted;
    for (const std::string &F : Files) {
      std::string P = normalizePath(F, Cwd);
      if (!Seen.contains(P))
        return dbError(Db.Path,
                       "'" + F + "' is not in the compilation database");
      Wanted.insert(P);
    }
    llvm::erase_if(Db.Units, [&](const TranslationUnit &TU) {
      return !Wanted.contains(TU.File);
    });
  }
  if (Db.Units.empty())
    return dbError(Db.Path, "no translation unit to analyze");
  llvm::sort(Db.Units, [](const TranslationUnit &A, const TranslationUnit &B) {
    return A.File < B.File;
  });
  return Db;
}

} // namespace shutdown::driver
