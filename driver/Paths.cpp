//===- Paths.cpp - File names as the driver compares and shows them -------===//

#include "driver/Paths.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace shutdown::driver {

std::string normalizePath(StringRef Path, StringRef Base) {
  SmallString<256> P(Path);
  if (sys::path::is_relative(P)) {
    SmallString<256> Abs(Base);
    sys::path::append(Abs, P);
    P = Abs;
  }
  sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  sys::path::native(P);
  return std::string(P);
}

std::string absolutePath(StringRef Path) {
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  return normalizePath(Path, Cwd);
}

std::string openedPath(StringRef Name, StringRef Directory) {
  SmallString<256> P(Name);
  if (sys::path::is_relative(P)) {
    SmallString<256> Abs(Directory);
    sys::path::append(Abs, P);
    P = Abs;
  }
  sys::path::remove_dots(P, /*remove_dot_dot=*/false);
  return std::string(P);
}

bool isInside(StringRef Path, StringRef Dir) {
  auto P = sys::path::begin(Path), PEnd = sys::path::end(Path);
  auto D = sys::path::begin(Dir), DEnd = sys::path::end(Dir);
  if (Dir.empty())
    return false;
  for (; D != DEnd; ++D, ++P) {
    // A trailing separator is a "." component: nothing to match.
    if (*D == "." && std::next(D) == DEnd)
      break;
    if (P == PEnd || *P != *D)
      return false;
  }
  return P != PEnd && *P != ".";
}

std::string pathFromRoot(StringRef Path, StringRef Root) {
  if (!isInside(Path, Root))
    return sys::path::convert_to_slash(Path);
  SmallString<256> Rel;
  auto P = sys::path::begin(Path), PEnd = sys::path::end(Path);
  for (auto D = sys::path::begin(Root), DEnd = sys::path::end(Root);
       D != DEnd && !(*D == "." && std::next(D) == DEnd); ++D)
    ++P;
  for (; P != PEnd; ++P)
    sys::path::append(Rel, sys::path::Style::posix, *P);
  return std::string(Rel);
}

const std::string &RealPaths::operator()(StringRef Path) {
  auto [It, Inserted] = Known.try_emplace(Path);
  if (Inserted) {
    SmallString<256> Real;
    It->second = sys::fs::real_path(Path, Real) ? Path.str() : Real.str().str();
  }
  return It->second;
}

std::string commonDirectory(ArrayRef<std::string> Files) {
  if (Files.empty())
    return "";
  std::string Common = sys::path::parent_path(Files.front()).str();
  for (const std::string &F : Files.drop_front())
    while (!Common.empty() && !isInside(F, Common))
      Common = sys::path::parent_path(Common).str();
  return Common;
}

std::string mainExecutable() {
  static int Anchor;
  return sys::fs::getMainExecutable("shutdown-hazards", &Anchor);
}

} // namespace shutdown::driver
