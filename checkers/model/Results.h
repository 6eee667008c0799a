//===- Results.h - The driver's last result, for the editor -----*- C++ -*-===//
//
// A run of the driver over a compilation database leaves its findings in
// one file, <database directory>/.shutdown-hazards-findings.json (or where
// --editor-results says), so that the per-file front-ends (the clang-tidy
// checks in shutdown-tidy, the plugin and shutdown-clangd) can show, on the
// open file, the whole-program findings whose chain passes through it. Each
// finding keeps the content hash of every file it touches, as the run read
// it: a front-end shows it only while each of those files is unchanged
// (a stale result never shows; the file is then analyzed per unit only).
//
//   {"format":"shutdown-hazards-findings","version":1,"tool":"...",
//    "files":[[path,hash],...],
//    "findings":[{"check":...,"id":...,"message":...,"chain":...,
//                 "loc":[file,line,col],"notes":[[file,line,col,message],...],
//                 "places":[[file,line,col],...],"files":[index,...]}]}
//
// Hashes are xxh3 of the contents, as hex; files are absolute paths.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RESULTS_H
#define SHUTDOWN_HAZARDS_MODEL_RESULTS_H

#include "checkers/model/Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace shutdown {

constexpr int ResultsVersion = 1;
/// The file's name, in the database directory.
constexpr llvm::StringLiteral ResultsFileName =
    ".shutdown-hazards-findings.json";

/// A finding of the whole program, as the editor shows it.
struct StoredFinding {
  RuleKind Rule = RuleKind::JoinInTeardown;
  std::string Id; ///< findingId().
  std::string Message;
  std::string Chain; ///< chainText().
  SourceLoc Loc;
  std::vector<Note> Notes;
  std::vector<SourceLoc> Places; ///< suppressionPlaces().
  /// Every file it touches: its location, notes, steps and places.
  std::vector<std::string> Files;
};

struct ProgramResults {
  std::vector<StoredFinding> Findings;
  llvm::StringMap<uint64_t> Hashes; ///< File -> content hash at the run.
};

/// The content hash the file stores.
uint64_t resultsHash(llvm::StringRef Contents);

/// Writes Findings to Path (whole, through a temporary file). Hash gives a
/// file's content hash, nullopt when it cannot be read: a finding touching
/// such a file is left out, since no front-end could tell it is fresh.
llvm::Error
writeResults(llvm::StringRef Path, llvm::ArrayRef<Finding> Findings,
             llvm::function_ref<std::optional<uint64_t>(llvm::StringRef)> Hash);

llvm::Expected<ProgramResults> readResults(llvm::StringRef Path);

/// The results file an editor uses for File: the nearest ResultsFileName in
/// File's directory or above it, or in the build/ subdirectory of one of
/// them (where a compile_commands.json is looked for too).
std::optional<std::string> findResults(llvm::StringRef File);

} // namespace shutdown

#endif
