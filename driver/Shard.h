//===- Shard.h - One slice of the map phase, for many machines -*- C++ -*-===//
//
// --shard=K/N keeps the K-th of N slices of the database: the units at
// positions K-1, K-1+N, K-1+2N... of the sorted database, so that every
// runner of a CI matrix computes the same slices from the same database and
// their union is the database. --facts-out=DIR writes each analyzed unit's
// result file (its header and its facts, Cache.h) to DIR, named by the
// unit's position in the whole database; --link-only links files in the
// order of their names, so the union of the shards' directories links in
// the order of a single run and gives the same report.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_DRIVER_SHARD_H
#define SHUTDOWN_HAZARDS_DRIVER_SHARD_H

#include "driver/CompilationDb.h"
#include "driver/MapPhase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstddef>
#include <vector>

namespace shutdown::driver {

struct ShardSpec {
  unsigned Index = 1; ///< K, from 1.
  unsigned Count = 1; ///< N.
};

/// Parses "K/N" with 1 <= K <= N.
llvm::Expected<ShardSpec> parseShard(llvm::StringRef Text);

/// Keeps the units of Db in slice S; returns the position each kept unit
/// had in the whole database.
std::vector<size_t> keepShard(CompilationDb &Db, const ShardSpec &S);

/// Makes Dir when missing; an error when it cannot be made or is not a
/// directory. Called before the analysis, so that it fails first.
llvm::Error prepareFactsOut(llvm::StringRef Dir);

/// Copies the result file of every unit that has one into Dir as
/// <position>.json, Positions[I] being unit I's position in the
/// whole database. A file is written whole or not at all.
llvm::Error writeFactsOut(llvm::StringRef Dir, llvm::ArrayRef<MappedUnit> Units,
                          llvm::ArrayRef<size_t> Positions);

} // namespace shutdown::driver

#endif
