//===- Cache.h - Facts of a translation unit, stored and reused -*- C++ -*-===//
//
// Extraction is a pure function of (command line, contents of every file the
// translation unit read), so its result is stored under a key made of the
// command line and the tool's identity, together with the content hash of
// each file it read. A later run reuses the stored facts when every one of
// those files still has the same hash.
//
// A result file (a worker's output, a cache entry) is one header line, then
// the unit's fact file exactly as a fact file is on its own:
//
//   {"format":"shutdown-hazards-tu","version":2,"key":...,"file":...,
//    "parseError":...,"deps":[[path,hash],...],"factsSize":N}
//   {"annotations":[...],...,"version":5}
//
// so that the link reads the facts of a run's units and those of --link-only
// the same way, and the map phase checks an entry by its header alone.
// Entries are written whole (writeAtomically), so readers never see half an
// entry and concurrent runs may share a cache; an entry that is truncated
// (its facts not factsSize bytes), corrupt, from another version or for
// another key is ignored and rewritten.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_CACHE_H
#define SHUTDOWN_HAZARDS_DRIVER_CACHE_H

#include "checkers/model/Facts.h"
#include "driver/CompilationDb.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace shutdown {
struct ModelOptions;
} // namespace shutdown

namespace shutdown::driver {

/// A file a translation unit read, and the hash of what it read.
struct Dependency {
  std::string Path;
  uint64_t Hash = 0;
};

/// What extraction produced for one translation unit besides its facts:
/// the header of its result file.
struct TUResult {
  std::string Key;
  std::string File;
  /// The first error diagnostic; empty when the translation unit parsed
  /// cleanly. Facts are kept either way (with errors, of what did parse).
  std::string ParseError;
  std::vector<Dependency> Deps;
};

/// Writes a result file: R's header, then the fact file of Facts.
llvm::Error writeResult(llvm::StringRef Path, const TUResult &R,
                        const TUFacts &Facts);

/// A result file's header as read and checked.
struct StoredResult {
  TUResult Result;
  /// The hash of the header line: readFacts finds the same header again,
  /// or the file was replaced since.
  uint64_t Stamp = 0;
};

/// Reads a result file's header, and checks that it is for Key and that the
/// fact file after it is whole.
llvm::Expected<StoredResult> readResult(llvm::StringRef Path,
                                        llvm::StringRef Key);

/// The facts of a fact file, or of a result file (after its header). With
/// Stamp, Path must be the result file readResult checked.
llvm::Expected<RawFacts> readFacts(llvm::StringRef Path,
                                   std::optional<uint64_t> Stamp);

uint64_t contentHash(llvm::StringRef Contents);

/// Content hashes of files, each file read at most once per run. Safe to
/// use from several threads.
class FileHasher {
public:
  /// std::nullopt when the file cannot be read.
  std::optional<uint64_t> hash(llvm::StringRef Path);

private:
  std::mutex Lock;
  llvm::StringMap<std::optional<uint64_t>> Hashes;
};

/// The identity of this build of the tool: its version and the hash of its
/// executable, so that a rebuilt extractor never trusts older facts.
std::string toolIdentity();

/// The key of a translation unit's facts: everything extraction depends on
/// besides the contents of the files it reads.
std::string cacheKey(const TranslationUnit &TU, const ModelOptions &Options,
                     llvm::StringRef ToolIdentity);

class Cache {
public:
  /// Dir: the cache directory, created when missing.
  static llvm::Expected<Cache> open(llvm::StringRef Dir);

  /// Where the entry for Key lives.
  std::string entryPath(llvm::StringRef Key) const;
  /// The stored result for Key if it is intact and every file it read is
  /// unchanged.
  std::optional<StoredResult> lookup(llvm::StringRef Key,
                                     FileHasher &Hasher) const;

  struct Eviction {
    size_t Removed = 0;     ///< Entries removed.
    uint64_t Kept = 0;      ///< Bytes of the entries left.
    uint64_t KeptInUse = 0; ///< Of which this run's.
  };
  /// Removes the entries no later run of this database will read: those not
  /// in InUse (this run's entries) whose unit is not one of Listed (the
  /// database's files), or is one of Analyzed (this run's units) but was
  /// extracted by another build of the tool than ToolIdentity's. Then,
  /// while the directory holds more than MaxBytes (0: no cap), the oldest
  /// entries not in InUse.
  Eviction evict(const llvm::StringSet<> &InUse,
                 const llvm::StringSet<> &Listed,
                 const llvm::StringSet<> &Analyzed,
                 llvm::StringRef ToolIdentity, uint64_t MaxBytes) const;

private:
  explicit Cache(std::string Dir) : Dir(std::move(Dir)) {}
  std::string Dir;
};

} // namespace shutdown::driver

#endif
