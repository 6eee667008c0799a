//===- Config.h - Check selection and check options ------------*- C++ -*-===//
//
// The driver reads check options where the editor does: the CheckOptions of
// a .clang-tidy file, given with --config-file, or else the nearest one above
// each source file, as clang-tidy looks for it (the nearest above the
// compilation database for a source with none above it), so both front-ends
// run the model with the same ModelOptions. Keys none of our checks reads
// are warned about. The checks to report come from --checks.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_CONFIG_H
#define SHUTDOWN_HAZARDS_DRIVER_CONFIG_H

#include "checkers/model/ApiTables.h"
#include "checkers/model/Rules.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace shutdown::driver {

struct ModelConfig {
  ModelOptions Options;
  std::string Source; ///< The file the options came from; empty: defaults.
  /// "<file>: unknown check option 'X'; did you mean 'Y'?", one per key
  /// that none of our checks reads (OptionKeys.h).
  std::vector<std::string> Warnings;
};

/// The units that share a configuration.
struct ConfigGroup {
  ModelConfig Config;
  std::vector<size_t> Units; ///< Indices into the database, ascending.
};

/// Reads ConfigFile, or without one the nearest .clang-tidy in SearchFrom or
/// above it (following InheritParentConfig). A check option Key is taken from
/// the first check that sets "<check>.Key" (in Checks.def order), else from
/// the global "Key". A value that does not parse (a malformed WaitFunctions
/// entry, an AssumeDll that is not a boolean) is an error that names the
/// file and the key.
llvm::Expected<ModelConfig> loadModelConfig(llvm::StringRef ConfigFile,
                                            llvm::StringRef SearchFrom);

/// The configuration of every unit of Db: ConfigFile for all, or the
/// nearest .clang-tidy above each unit's file (else above Db's directory).
/// Groups are in the order of their first unit.
llvm::Expected<std::vector<ConfigGroup>>
loadUnitConfigs(llvm::StringRef ConfigFile, const struct CompilationDb &Db);

/// The rules enabled by a clang-tidy style glob list ("-*,shutdown-join-*").
/// An error when the list enables none of them.
llvm::Expected<std::vector<RuleKind>> enabledRules(llvm::StringRef Globs);

/// The globs of a list ("-*,shutdown-join-in-dllmian") that match no check:
/// most likely misspelled.
std::vector<std::string> globsMatchingNoCheck(llvm::StringRef Globs);

} // namespace shutdown::driver

#endif
