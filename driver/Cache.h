//===- Cache.h - Facts of a translation unit, stored and reused -*- C++ -*-===//
//
// Extraction is a pure function of (command line, contents of every file the
// translation unit read), so its result is stored under a key made of the
// command line and the tool's identity, together with the content hash of
// each file it read. A later run reuses the stored facts when every one of
// those files still has the same hash. Entries are written with a temporary
// file and a rename, so readers never see half an entry and concurrent runs
// may share a cache; an entry that is truncated, corrupt, from another
// version or for another key is ignored and rewritten.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_CACHE_H
#define SHUTDOWN_HAZARDS_DRIVER_CACHE_H

#include "checkers/model/Facts.h"
#include "driver/CompilationDb.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace shutdown {
struct ModelOptions;
}

namespace shutdown::driver {

/// A file a translation unit read, and the hash of what it read.
struct Dependency {
  std::string Path;
  uint64_t Hash = 0;
};

/// What extraction produced for one translation unit: written by a worker,
/// stored in the cache, read by the link.
struct TUResult {
  std::string Key;
  std::string File;
  /// The first error diagnostic; empty when the translation unit parsed
  /// cleanly. Facts are kept either way (with errors, of what did parse).
  std::string ParseError;
  std::vector<Dependency> Deps;
  TUFacts Facts;
};

llvm::json::Value toJSON(const TUResult &R);
llvm::Expected<TUResult> resultFromJSON(const llvm::json::Value &V);
/// Reads a result file, and checks that it is for Key.
llvm::Expected<TUResult> readResult(llvm::StringRef Path, llvm::StringRef Key);

/// Writes Contents to Path through a temporary file and a rename.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Contents);

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
  std::optional<TUResult> lookup(llvm::StringRef Key, FileHasher &Hasher) const;

private:
  explicit Cache(std::string Dir) : Dir(std::move(Dir)) {}
  std::string Dir;
};

} // namespace shutdown::driver

#endif
