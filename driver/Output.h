//===- Output.h - Where the report goes, never half-written ----*- C++ -*-===//
//
// The report's destination: stdout, or a file opened before the analysis
// (so that a path that cannot be written fails the run at once) and written
// through a temporary file renamed into place (so that an interrupted run
// leaves the old report or none, never half of one).
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_OUTPUT_H
#define SHUTDOWN_HAZARDS_DRIVER_OUTPUT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include <optional>
#include <string>

namespace shutdown::driver {

class Output {
public:
  /// Path: a file, or "" / "-" for stdout.
  static llvm::Expected<Output> open(llvm::StringRef Path);
  /// Writes the whole report and, for a file, renames it into place.
  llvm::Error write(llvm::StringRef Text);

  Output() = default;
  Output(Output &&) = default;
  ~Output();

private:
  llvm::Error discard();

  std::string Path;
  std::optional<llvm::sys::fs::TempFile> Temp;
  bool Device = false; ///< /dev/null, a FIFO: written in place, not renamed.
};

} // namespace shutdown::driver

#endif
