//===- ConfigFuzzer.cpp - Fuzzes the .clang-tidy CheckOptions reader ------===//
//
// Input: a .clang-tidy file (driver/Config.h): clang-tidy's YAML reader,
// then every check option the model reads from it.
//
//===----------------------------------------------------------------------===//

#include "driver/Config.h"
#include "test/fuzz/FuzzFiles.h"

using namespace shutdown;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Path = fuzz::writeInput(".clang-tidy", fuzz::asText(Data, Size));
  llvm::Expected<driver::ModelConfig> C =
      driver::loadModelConfig(Path, fuzz::scratchDir());
  if (!C)
    llvm::consumeError(C.takeError());
  return 0;
}
