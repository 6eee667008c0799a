//===- BaselineFuzzer.cpp - Fuzzes the baseline reader --------------------===//
//
// Input: a baseline file (driver/gate/Baseline.h).
//
//===----------------------------------------------------------------------===//

#include "driver/gate/Baseline.h"
#include "test/fuzz/FuzzFiles.h"

using namespace shutdown;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Path = fuzz::writeInput("baseline.txt", fuzz::asText(Data, Size));
  llvm::Expected<driver::Baseline> B = driver::readBaseline(Path);
  if (!B)
    llvm::consumeError(B.takeError());
  return 0;
}
