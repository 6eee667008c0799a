//===- Paths.h - File names as the driver compares and shows them -*- C++
//-*-===//
//
// Every path the driver keeps is absolute. Three forms:
//   - normalized (normalizePath): without "." and "..", native separators;
//     translation units, the database, --root, --cache-dir;
//   - as opened (openedPath): what a parse read, made absolute with ".."
//     kept, as the cache records it;
//   - real (RealPaths): symbolic links resolved, for telling whether two
//     names are the same file (the gate).
// Whether a file is in a directory is decided component by component
// (isInside): "/src/proj2/a.cpp" is not in "/src/proj".
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_PATHS_H
#define SHUTDOWN_HAZARDS_DRIVER_PATHS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace shutdown::driver {

/// Path made absolute (against Base when relative), without "." and "..",
/// with native separators.
std::string normalizePath(llvm::StringRef Path, llvm::StringRef Base);

/// normalizePath against the current directory: a path from the command
/// line.
std::string absolutePath(llvm::StringRef Path);

/// A file name as the parser opened it, made absolute against Directory.
/// ".." is kept: through a symbolic link ("/lib/gcc/x/12/../../../../include"
/// on a merged /usr) removing it names another file, or none.
std::string openedPath(llvm::StringRef Name, llvm::StringRef Directory);

/// Whether Path names something below Dir (not Dir itself), compared
/// component by component. Both absolute and in the same form.
bool isInside(llvm::StringRef Path, llvm::StringRef Dir);

/// Path relative to Root, with '/' separators, when it is inside Root;
/// otherwise Path itself with '/' separators.
std::string pathFromRoot(llvm::StringRef Path, llvm::StringRef Root);

/// Real paths (symbolic links and ".." resolved), each looked up once; a
/// path that cannot be resolved (it does not exist) stands for itself.
class RealPaths {
public:
  const std::string &operator()(llvm::StringRef Path);

private:
  llvm::StringMap<std::string> Known;
};

/// The deepest directory that holds every one of Files (absolute,
/// normalized); empty when they share none.
std::string commonDirectory(llvm::ArrayRef<std::string> Files);

/// This executable's path: the workers run it, and the cache key and the
/// resource directory depend on it.
std::string mainExecutable();

} // namespace shutdown::driver

#endif
