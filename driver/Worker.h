//===- Worker.h - Extraction of one translation unit, in a process -*- C++ -*-//
//
// The driver never parses in its own process: each translation unit is
// extracted by the driver's executable started again with a hidden option
// and a job file, so a crash or a hang costs one translation unit, not the
// run. The worker parses with clang's tooling, extracts the facts, records
// every file the parse read with its content hash, and writes the result
// file (Cache.h) to the job's output path.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_WORKER_H
#define SHUTDOWN_HAZARDS_DRIVER_WORKER_H

#include "driver/CompilationDb.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <string>

namespace shutdown::driver {

struct Job {
  std::string Key;
  TranslationUnit TU;
  /// ModelOptions in their CheckOptions form (ModelOptions::toOptions).
  std::map<std::string, std::string> Options;
  std::string Output; ///< Where the worker writes its result file.
};

llvm::json::Value toJSON(const Job &J);
bool fromJSON(const llvm::json::Value &V, Job &J, llvm::json::Path P);

/// The worker's main: runs the job in JobFile. Returns 0 when the result is
/// written (parse errors included), 1 otherwise with a message on stderr.
int runWorker(llvm::StringRef JobFile);

} // namespace shutdown::driver

#endif
