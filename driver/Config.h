//===- Config.h - Check selection and check options ------------*- C++ -*-===//
//
// The driver reads check options where the editor does: the CheckOptions of
// a .clang-tidy file (given with --config-file, or the nearest one above the
// compilation database), so both front-ends run the model with the same
// ModelOptions. The checks to report come from --checks.
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
};

/// Reads ConfigFile, or without one the nearest .clang-tidy in SearchFrom or
/// above it (following InheritParentConfig). A check option Key is taken from
/// the first check that sets "<check>.Key" (in Checks.def order), else from
/// the global "Key". A value that does not parse (a malformed WaitFunctions
/// entry, an AssumeDll that is not a boolean) is an error that names the
/// file and the key.
llvm::Expected<ModelConfig> loadModelConfig(llvm::StringRef ConfigFile,
                                            llvm::StringRef SearchFrom);

/// The rules enabled by a clang-tidy style glob list ("-*,shutdown-join-*").
/// An error when the list enables none of them.
llvm::Expected<std::vector<RuleKind>> enabledRules(llvm::StringRef Globs);

/// The globs of a list ("-*,shutdown-join-in-dllmian") that match no check:
/// most likely misspelled.
std::vector<std::string> globsMatchingNoCheck(llvm::StringRef Globs);

} // namespace shutdown::driver

#endif
