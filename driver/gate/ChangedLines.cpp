//===- ChangedLines.cpp - What a change touched, from git -----------------===//

#include "driver/gate/ChangedLines.h"
#include "driver/Paths.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

using namespace llvm;

namespace shutdown::driver {

namespace {

struct GitRun {
  int Code = 0;
  std::string Out;
  std::string Err; ///< Its first line.
};
} // namespace

static Error failure(StringRef Ref, const Twine &Why) {
  return createStringError(inconvertibleErrorCode(), "--changed-from=%s: %s",
                           Ref.str().c_str(), Why.str().c_str());
}

/// Runs git with Args, its output and errors going through temporary files.
static Expected<GitRun> runGit(StringRef Git, ArrayRef<StringRef> Args,
                               StringRef Ref) {
  SmallString<128> OutPath, ErrPath;
  if (std::error_code EC =
          sys::fs::createTemporaryFile("shutdown-hazards-git", "out", OutPath))
    return failure(Ref, "cannot create a temporary file: " + EC.message());
  FileRemover RemoveOut(OutPath);
  if (std::error_code EC =
          sys::fs::createTemporaryFile("shutdown-hazards-git", "err", ErrPath))
    return failure(Ref, "cannot create a temporary file: " + EC.message());
  FileRemover RemoveErr(ErrPath);

  SmallVector<StringRef, 16> Argv{Git};
  append_range(Argv, Args);
  std::optional<StringRef> Redirects[] = {StringRef(""), StringRef(OutPath),
                                          StringRef(ErrPath)};
  std::string Message;
  GitRun R;
  R.Code =
      sys::ExecuteAndWait(Git, Argv, std::nullopt, Redirects,
                          /*SecondsToWait=*/0, /*MemoryLimit=*/0, &Message);
  if (R.Code < 0)
    return failure(Ref, "cannot run git: " + Message);
  if (auto Out = MemoryBuffer::getFile(OutPath))
    R.Out = (*Out)->getBuffer().str();
  if (auto Err = MemoryBuffer::getFile(ErrPath))
    R.Err = (*Err)->getBuffer().split('\n').first.rtrim().str();
  return R;
}

/// A path as git writes it in a diff header: C-quoted when it holds
/// characters that need escaping.
static std::string unquote(StringRef S) {
  if (S.size() < 2 || !S.starts_with("\"") || !S.ends_with("\""))
    return S.str();
  S = S.drop_front().drop_back();
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] != '\\' || I + 1 == S.size()) {
      Out += S[I];
      continue;
    }
    char C = S[++I];
    auto IsOctal = [](char D) { return D >= '0' && D <= '7'; };
    // "\303\251": three octal digits, one byte.
    if (IsOctal(C) && I + 2 < S.size() && IsOctal(S[I + 1]) &&
        IsOctal(S[I + 2])) {
      unsigned Byte = unsigned(C - '0') << 6 | unsigned(S[I + 1] - '0') << 3 |
                      unsigned(S[I + 2] - '0');
      Out += char(Byte & 0xFF);
      I += 2;
      continue;
    }
    switch (C) {
    case 'n':
      Out += '\n';
      break;
    case 't':
      Out += '\t';
      break;
    case 'a':
      Out += '\a';
      break;
    case 'b':
      Out += '\b';
      break;
    case 'f':
      Out += '\f';
      break;
    case 'r':
      Out += '\r';
      break;
    case 'v':
      Out += '\v';
      break;
    default: // '"', '\\'
      Out += C;
      break;
    }
  }
  return Out;
}

/// "+c,d" or "+c" of a hunk header.
static bool parseRange(StringRef S, unsigned &Start, unsigned &Count) {
  auto [First, Second] = S.split(',');
  Count = 1;
  return !First.getAsInteger(10, Start) &&
         (Second.empty() || !Second.getAsInteger(10, Count));
}

std::string gitWorkTree(StringRef Directory) {
  ErrorOr<std::string> Git = sys::findProgramByName("git");
  if (!Git || !sys::fs::is_directory(Directory))
    return "";
  Expected<GitRun> Top =
      runGit(*Git, {"-C", Directory, "rev-parse", "--show-toplevel"}, "");
  if (!Top) {
    consumeError(Top.takeError());
    return "";
  }
  return Top->Code == 0 ? normalizePath(StringRef(Top->Out).trim(), Directory)
                        : "";
}

Expected<ChangedLines> ChangedLines::fromGit(StringRef Directory,
                                             StringRef Ref) {
  if (Ref.empty() || Ref.starts_with("-"))
    return failure(Ref, "not a git revision");
  ErrorOr<std::string> Git = sys::findProgramByName("git");
  if (!Git)
    return failure(Ref, "git is not on PATH");

  Expected<GitRun> Top =
      runGit(*Git, {"-C", Directory, "rev-parse", "--show-toplevel"}, Ref);
  if (!Top)
    return Top.takeError();
  if (Top->Code != 0)
    return failure(Ref, "'" + Directory + "' is not in a git work tree (" +
                            Top->Err + ")");
  std::string TopLevel = StringRef(Top->Out).trim().str();

  std::string Commit = (Ref + "^{commit}").str();
  Expected<GitRun> Verify = runGit(
      *Git, {"-C", TopLevel, "rev-parse", "--verify", "--quiet", Commit}, Ref);
  if (!Verify)
    return Verify.takeError();
  if (Verify->Code != 0)
    return failure(Ref, "unknown revision '" + Ref + "' in " + TopLevel);

  // Fixed prefixes and unescaped names, whatever the user's git config says.
  Expected<GitRun> Diff =
      runGit(*Git,
             {"-C", TopLevel, "-c", "core.quotePath=false", "diff",
              "--unified=0", "--no-color", "--no-ext-diff", "--src-prefix=a/",
              "--dst-prefix=b/", Ref, "--"},
             Ref);
  if (!Diff)
    return Diff.takeError();
  if (Diff->Code != 0)
    return failure(Ref, "git diff failed: " + Diff->Err);
  Expected<GitRun> Untracked = runGit(
      *Git,
      {"-C", TopLevel, "ls-files", "-z", "--others", "--exclude-standard"},
      Ref);
  if (!Untracked)
    return Untracked.takeError();
  if (Untracked->Code != 0)
    return failure(Ref, "git ls-files failed: " + Untracked->Err);

  ChangedLines C;
  C.addDiff(Diff->Out, TopLevel);
  SmallVector<StringRef, 16> Names;
  StringRef(Untracked->Out).split(Names, '\0', -1, /*KeepEmpty=*/false);
  for (StringRef Name : Names) {
    SmallString<256> P(TopLevel);
    sys::path::append(P, Name);
    C.addFile(P);
  }
  return C;
}

void ChangedLines::addDiff(StringRef Diff, StringRef TopLevel) {
  FileChanges *Current = nullptr;
  bool InHeader = false; // "---" and "+++" lines are headers only here.
  while (!Diff.empty()) {
    auto [Line, Rest] = Diff.split('\n');
    Diff = Rest;
    if (Line.starts_with("diff --git ")) {
      Current = nullptr;
      InHeader = true;
    } else if (InHeader && Line.starts_with("+++ ")) {
      std::string Name = unquote(Line.drop_front(4).rtrim("\t\r"));
      if (Name == "/dev/null" || !StringRef(Name).starts_with("b/"))
        continue;
      SmallString<256> P(TopLevel);
      sys::path::append(P, StringRef(Name).drop_front(2));
      Current = &Files[canonical(P)];
      Names.insert(sys::path::filename(P));
    } else if (Line.starts_with("@@ ")) {
      InHeader = false;
      // "@@ -a,b +c,d @@": the new side is lines c .. c+d-1.
      SmallVector<StringRef, 4> Parts;
      Line.split(Parts, ' ', 3);
      unsigned Start = 0, Count = 0;
      if (!Current || Parts.size() < 3 || !Parts[2].starts_with("+") ||
          !parseRange(Parts[2].drop_front(), Start, Count))
        continue;
      if (Count)
        Current->Ranges.push_back({Start, Start + Count - 1});
      else // Lines deleted after line Start: the lines around them.
        Current->Ranges.push_back({std::max(Start, 1u), Start + 1});
    }
  }
}

void ChangedLines::addFile(StringRef Path) {
  Files[canonical(Path)].Whole = true;
  Names.insert(sys::path::filename(Path));
}

ChangedLines::FileChanges *ChangedLines::find(StringRef File) {
  if (!Names.contains(sys::path::filename(File)))
    return nullptr;
  auto It = Files.find(canonical(File));
  return It == Files.end() ? nullptr : &It->second;
}

bool ChangedLines::changed(StringRef File, unsigned Line) {
  FileChanges *F = find(File);
  return F && (F->Whole || any_of(F->Ranges, [&](const auto &R) {
                 return R.first <= Line && Line <= R.second;
               }));
}

bool ChangedLines::changed(StringRef File) {
  FileChanges *F = find(File);
  return F && (F->Whole || !F->Ranges.empty());
}

size_t keepChanged(std::vector<ReportedFinding> &Findings, ChangedLines &C,
                   ArrayRef<UnitFiles> Units) {
  // Main files of the units that read a changed header (or any other
  // changed file but themselves): each of their lines may behave anew.
  StringSet<> Reached;
  for (const UnitFiles &U : Units)
    if (any_of(U.Deps, [&](const std::string &D) {
          return C.changed(D) && C.canonical(D) != C.canonical(U.File);
        }))
      Reached.insert(C.canonical(U.File));
  auto Touched = [&](const SourceLoc &L) {
    return L.valid() &&
           (C.changed(L.File, L.Line) ||
            (!Reached.empty() && Reached.contains(C.canonical(L.File))));
  };
  size_t Before = Findings.size();
  llvm::erase_if(Findings, [&](const ReportedFinding &R) {
    return !Touched(R.F.Loc) &&
           none_of(notes(R.F), [&](const Note &N) { return Touched(N.Loc); });
  });
  return Before - Findings.size();
}

} // namespace shutdown::driver
