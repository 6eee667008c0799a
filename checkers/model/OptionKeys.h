//===- OptionKeys.h - Which CheckOptions keys the checks read ---*- C++ -*-===//
//
// A misspelled key in CheckOptions ("ThreadType" for "ThreadTypes") would
// otherwise leave the option at its default without a word. The checks read
// their options under "<check>.<Key>" or, shared by all, "<Key>"; this file
// says which keys each check reads (one table, checkOptionKeys), and which
// keys of a configuration look meant for our checks but are read by none.
// The clang-tidy checks and the driver report them alike.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_OPTIONKEYS_H
#define SHUTDOWN_HAZARDS_MODEL_OPTIONKEYS_H

#include "checkers/model/Checks.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace shutdown {

/// The keys check R reads, without the "<check>." prefix.
std::vector<std::string> checkOptionKeys(RuleKind R);

/// A CheckOptions key that none of our checks reads.
struct UnknownOption {
  std::string Key;
  std::string Suggestion; ///< The nearest key read; empty when none is near.
  /// "unknown option 'X' of check 'Y'; did you mean 'Z'?"
  std::string message() const;
};

/// Of a configuration's keys: each "shutdown-<name>.<Key>" whose check does
/// not exist or does not read Key, and each shared key (no '.') that is not
/// read by any check but is within a few edits of one (keys of other tools'
/// checks are left alone). In the order of Keys.
std::vector<UnknownOption> unknownOptions(llvm::ArrayRef<std::string> Keys);

} // namespace shutdown

#endif
