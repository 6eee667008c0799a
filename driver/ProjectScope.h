//===- ProjectScope.h - What the project is, and what it depends on -*- C++
//-*-//
//
// The rules never take a dependency's function for an entry point. At link
// time the driver marks as dependencies the functions defined outside the
// project root (defaultProjectRoot; --root overrides it) or under its
// third-party paths (the ThirdPartyPaths option: globs relative to the root, a
// trailing '/' meaning everything below such a directory, wherever it
// sits). It also reads the EXPORTS of the module-definition (.def) files
// the database's command lines name: those functions are looked up by
// name, as entry points.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_PROJECTSCOPE_H
#define SHUTDOWN_HAZARDS_DRIVER_PROJECTSCOPE_H

#include "checkers/model/Facts.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/GlobPattern.h"
#include <memory>
#include <string>
#include <vector>

namespace shutdown::driver {

struct CompilationDb;

class ProjectScope {
public:
  /// A name a .def file exports, and where.
  struct Export {
    std::string Name;
    SourceLoc Loc;
  };

  /// Root: absolute and normalized. A glob that does not parse is an error.
  static llvm::Expected<ProjectScope>
  create(std::string Root, llvm::ArrayRef<std::string> ThirdPartyPaths);

  const std::string &root() const { return Root; }
  /// Whether code in File belongs to a dependency.
  bool isDependency(llvm::StringRef File) const;
  /// Marks the dependencies' functions, and adds the .def exports as
  /// lookups.
  void apply(TUFacts &Program) const;

  /// Names exported by the .def files named on the units' command lines.
  std::vector<Export> Exports;

private:
  /// A glob and its pattern. A GlobPattern refers into the text it was
  /// made from, so the text lives on the heap, where moving or copying the
  /// scope leaves it.
  struct Glob {
    std::shared_ptr<const std::string> Text;
    llvm::GlobPattern Pattern;
  };

  std::string Root;
  std::vector<Glob> ThirdParty;
};

/// The project's top by default: the deepest directory that holds every
/// main file of the database, or its parent when the project's own headers
/// sit beside it there: when a user include directory (-I, -iquote, /I; not
/// -isystem) of a unit lies in that parent but outside the main files'
/// directory ("src/" and "include/" of one project). A main files'
/// directory that is a version-control top (.git, .hg, .svn) is the project
/// whatever sits beside it, and so is one right under the filesystem root.
std::string defaultProjectRoot(const CompilationDb &Db);

/// The EXPORTS of the .def files that the database's command lines name
/// (an input "x.def", "/DEF:x.def", "-Wl,x.def"); a file that cannot be read
/// exports nothing.
std::vector<ProjectScope::Export> definitionExports(const CompilationDb &Db);

} // namespace shutdown::driver

#endif
