//===- FactsFuzzer.cpp - Fuzzes the fact file and cache entry readers -----===//
//
// Input: a fact file, or a result file (a cache entry: a header line, then a
// fact file; driver/Cache.h). The cache's check of an entry (readResult,
// for the key "fuzz"), then the facts read after a passing check, and the
// file read as --link-only reads it (readFacts without a stamp), which is
// then linked as the link merges (driver/Link.cpp): prepared, added to
// a merger twice (two units that share the file's facts, as units share a
// header's), and the program taken; a file the reader passes but the merger
// rejects is the merger's check at work.
//
//===----------------------------------------------------------------------===//

#include "checkers/model/Facts.h"
#include "driver/Cache.h"
#include "test/fuzz/FuzzFiles.h"

using namespace shutdown;

/// Prepares the facts, merges them as two units, takes the program.
static void merge(RawFacts Raw) {
  llvm::Expected<PreparedFacts> P = FactMerger::prepare(std::move(Raw));
  if (!P) {
    llvm::consumeError(P.takeError());
    return;
  }
  FactMerger Merger;
  Merger.add(*P);
  Merger.add(*P);
  TUFacts Program = Merger.take();
  (void)Program;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Path = fuzz::writeInput("entry.json", fuzz::asText(Data, Size));
  llvm::Expected<driver::StoredResult> R = driver::readResult(Path, "fuzz");
  if (R) {
    llvm::Expected<RawFacts> F = driver::readFacts(Path, R->Stamp);
    if (!F)
      llvm::consumeError(F.takeError());
  } else {
    llvm::consumeError(R.takeError());
  }
  llvm::Expected<RawFacts> F = driver::readFacts(Path, std::nullopt);
  if (F)
    merge(std::move(*F));
  else
    llvm::consumeError(F.takeError());
  return 0;
}
