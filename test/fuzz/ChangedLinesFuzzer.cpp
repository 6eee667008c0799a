//===- ChangedLinesFuzzer.cpp - Fuzzes the git diff parser ----------------===//
//
// Input: the output of `git diff --unified=0` (driver/gate/ChangedLines.h),
// for a work tree at /fuzz; then the lines of a file are asked for.
//
//===----------------------------------------------------------------------===//

#include "driver/gate/ChangedLines.h"
#include "test/fuzz/FuzzFiles.h"

using namespace shutdown;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  driver::ChangedLines C;
  C.addDiff(fuzz::asText(Data, Size), "/fuzz");
  for (unsigned Line : {0u, 1u, 2u, 10u, ~0u})
    (void)C.changed("/fuzz/a.cpp", Line);
  (void)C.changed("/fuzz/b.h");
  return 0;
}
