//===- Output.h - Files written whole, or not at all -----------*- C++ -*-===//
//
// Every file the driver writes (the report, a baseline, a cache entry, a
// worker's job) goes through writeAtomically: llvm::writeToOutput writes a
// temporary file beside it and renames it into place, so that a reader, or
// an interrupted run, sees the old file or the new one, never half of one.
//
// The report's destination (Output) is stdout or a file checked before the
// analysis, so that a path that cannot be written fails the run at once.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_OUTPUT_H
#define SHUTDOWN_HAZARDS_DRIVER_OUTPUT_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace shutdown::driver {

/// Writes Path whole through Write, or leaves it as it was; the error says
/// why, without the path.
llvm::Error
writeAtomically(llvm::StringRef Path,
                llvm::function_ref<void(llvm::raw_ostream &)> Write);

class Output {
public:
  /// Path: a file, or "" / "-" for stdout. A file must be writable: its
  /// directory exists and lets a file be made in it.
  static llvm::Expected<Output> open(llvm::StringRef Path);
  /// Writes the whole report.
  llvm::Error write(llvm::StringRef Text);

private:
  std::string Path;
  bool Device = false; ///< /dev/null, a FIFO: written in place, not renamed.
};

} // namespace shutdown::driver

#endif
