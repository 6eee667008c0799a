//===- CompilationDb.h - The translation units to analyze ------*- C++ -*-===//
//
// Reads compile_commands.json into the list of translation units the driver
// analyzes: one per source file (the first entry wins when a file is listed
// twice), with an absolute working directory and file, and the command line
// ready for clang's tooling (response files expanded, wrappers such as ccache
// removed, --driver-mode=cl for clang-cl and cl.exe, -resource-dir when the
// command has none).
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_COMPILATIONDB_H
#define SHUTDOWN_HAZARDS_DRIVER_COMPILATIONDB_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace shutdown::driver {

struct TranslationUnit {
  std::string Directory; ///< Absolute working directory of the command.
  std::string File;      ///< Absolute, normalized path of the source file.
  std::vector<std::string> Arguments; ///< The compiler command line.
};

/// A flag clang does not know, dropped from the commands that had it.
struct DroppedFlag {
  std::string Flag;
  size_t Units = 0; ///< How many commands had it.
};

struct CompilationDb {
  std::string Path;      ///< The compile_commands.json file.
  std::string Directory; ///< The directory that holds it.
  /// Sorted by file; each file once.
  std::vector<TranslationUnit> Units;
  /// Every file the database lists, whether or not it is in Units.
  std::vector<std::string> Listed;
  /// Flags of another compiler (GCC) that clang would reject, in the order
  /// first seen.
  std::vector<DroppedFlag> Dropped;
};

/// What the command line adds to every command, as clang-tidy's options of
/// the same names: after the compiler (ExtraArgsBefore) or at the end.
struct ExtraArgs {
  std::vector<std::string> Before, After;
};

/// Loads the database at BuildPath (a compile_commands.json, or a directory
/// holding one). With Files, keeps only those (relative to the current
/// directory); a file that the database does not list is an error. Flags
/// clang does not know (a GCC-only -f option, a -W warning clang has not)
/// are dropped from the commands, as clangd does, and listed in Dropped.
/// Errors are one line naming the database file.
llvm::Expected<CompilationDb>
loadCompilationDb(llvm::StringRef BuildPath, llvm::ArrayRef<std::string> Files,
                  const ExtraArgs &Extra = {});

} // namespace shutdown::driver

#endif
