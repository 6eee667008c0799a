//===- ProjectScope.cpp - What the project is, and what it depends on -----===//

#include "driver/ProjectScope.h"
#include "driver/CompilationDb.h"
#include "driver/Paths.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace shutdown::driver {

Expected<ProjectScope> ProjectScope::create(std::string Root,
                                            ArrayRef<std::string> Globs) {
  ProjectScope S;
  S.Root = std::move(Root);
  for (std::string G : Globs) {
    if (StringRef(G).ends_with("/"))
      G += "*";
    auto Text = std::make_shared<const std::string>(std::move(G));
    Expected<GlobPattern> P = GlobPattern::create(*Text);
    if (!P)
      return createStringError(inconvertibleErrorCode(),
                               "ThirdPartyPaths: invalid glob '%s': %s",
                               Text->c_str(), toString(P.takeError()).c_str());
    S.ThirdParty.push_back({std::move(Text), std::move(*P)});
  }
  return S;
}

bool ProjectScope::isDependency(StringRef File) const {
  if (File.empty())
    return false;
  if (!isInside(File, Root))
    return true;
  std::string Rel = pathFromRoot(File, Root);
  // A glob matches the path from the root, or from any directory in it.
  for (StringRef Tail = Rel; !Tail.empty();) {
    for (const Glob &G : ThirdParty)
      if (G.Pattern.match(Tail))
        return true;
    size_t Slash = Tail.find('/');
    Tail = Slash == StringRef::npos ? StringRef() : Tail.drop_front(Slash + 1);
  }
  return false;
}

void ProjectScope::apply(TUFacts &Program) const {
  // Many functions to a file: each file is placed once.
  StringMap<bool> Placed;
  for (FunctionFact &F : Program.Functions)
    if (!F.Dependency) {
      auto [It, New] = Placed.try_emplace(F.Loc.File);
      if (New)
        It->second = isDependency(F.Loc.File);
      F.Dependency = It->second;
    }
  for (const Export &E : Exports)
    Program.Lookups.push_back(
        {Program.str(E.Name),
         {Program.str(E.Loc.File), E.Loc.Line, E.Loc.Col}});
}

/// The user include directories of a command line, as written: "-Idir",
/// "-I dir", "-iquote dir", "/Idir".
static void userIncludeDirs(ArrayRef<std::string> Args,
                            SmallVectorImpl<StringRef> &Out) {
  for (size_t N = 1; N < Args.size(); ++N) {
    StringRef Arg = Args[N];
    for (StringRef Flag : {"-I", "-iquote", "/I"}) {
      if (!Arg.consume_front(Flag))
        continue;
      if (Arg.empty() && N + 1 < Args.size())
        Arg = Args[++N];
      if (!Arg.empty())
        Out.push_back(Arg);
      break;
    }
  }
}

static bool isVersionControlTop(StringRef Dir) {
  for (StringRef Marker : {".git", ".hg", ".svn"}) {
    SmallString<256> Path(Dir);
    sys::path::append(Path, Marker);
    if (sys::fs::exists(Path))
      return true;
  }
  return false;
}

std::string defaultProjectRoot(const CompilationDb &Db) {
  std::vector<std::string> MainFiles;
  for (const TranslationUnit &U : Db.Units)
    MainFiles.push_back(U.File);
  std::string Main = commonDirectory(MainFiles);
  StringRef Parent = sys::path::parent_path(Main);
  if (Main.empty() || !sys::path::has_relative_path(Parent) ||
      isVersionControlTop(Main))
    return Main;
  for (const TranslationUnit &U : Db.Units) {
    SmallVector<StringRef, 8> Dirs;
    userIncludeDirs(U.Arguments, Dirs);
    for (StringRef Dir : Dirs) {
      std::string Path = normalizePath(Dir, U.Directory);
      bool InParent = Path == Parent || isInside(Path, Parent);
      bool InMain = Path == Main || isInside(Path, Main);
      if (InParent && !InMain)
        return Parent.str();
    }
  }
  return Main;
}

/// The file a command-line argument names as a module-definition file.
static std::optional<std::string> definitionFile(StringRef Arg) {
  for (StringRef Prefix :
       {"/DEF:", "-DEF:", "/def:", "-def:", "-Wl,/DEF:", "-Wl,/def:", "-Wl,"})
    if (Arg.consume_front(Prefix))
      break;
  if (!Arg.ends_with_insensitive(".def"))
    return std::nullopt;
  return Arg.str();
}

static const StringRef Sections[] = {"LIBRARY",   "NAME",     "DESCRIPTION",
                                     "STACKSIZE", "HEAPSIZE", "SECTIONS",
                                     "VERSION",   "EXPORTS"};

/// The functions a .def file exports: the internal name of "Entry=Internal",
/// else the entry's name.
static void readExports(StringRef Path,
                        std::vector<ProjectScope::Export> &Out) {
  auto Buffer = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return;
  bool InExports = false;
  SmallVector<StringRef> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n');
  for (unsigned N = 0; N < Lines.size(); ++N) {
    StringRef Line = Lines[N].split(';').first.trim();
    if (Line.empty())
      continue;
    StringRef First = Line.split(' ').first.split('\t').first;
    if (is_contained(Sections, First)) {
      InExports = First == "EXPORTS";
      Line = Line.drop_front(First.size()).trim();
      if (Line.empty())
        continue;
      First = Line.split(' ').first;
    }
    if (!InExports)
      continue;
    auto [Entry, Internal] = First.split('=');
    StringRef Name = Internal.empty() ? Entry : Internal;
    if (!Name.empty() && Name.front() != '@')
      Out.push_back({Name.str(), SourceLoc{Path.str(), N + 1, 1}});
  }
}

std::vector<ProjectScope::Export> definitionExports(const CompilationDb &Db) {
  std::vector<ProjectScope::Export> Out;
  std::vector<std::string> Seen;
  for (const TranslationUnit &U : Db.Units)
    for (StringRef Arg : ArrayRef(U.Arguments).drop_front())
      if (std::optional<std::string> F = definitionFile(Arg)) {
        std::string Path = normalizePath(*F, U.Directory);
        if (!is_contained(Seen, Path)) {
          Seen.push_back(Path);
          readExports(Path, Out);
        }
      }
  return Out;
}

} // namespace shutdown::driver
