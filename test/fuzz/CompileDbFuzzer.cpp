//===- CompileDbFuzzer.cpp - Fuzzes the compilation database reader -------===//
//
// Input: a compile_commands.json, then optionally a line "--- args.rsp" and
// the contents of the response file args.rsp beside it, which a command may
// name (@args.rsp): JSON, command splitting, response file expansion, and
// the completion of every entry (driver/CompilationDb.h).
//
//===----------------------------------------------------------------------===//

#include "driver/CompilationDb.h"
#include "test/fuzz/FuzzFiles.h"

using namespace shutdown;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  auto [Db, Rsp] = fuzz::asText(Data, Size).split("\n--- args.rsp\n");
  fuzz::writeInput("args.rsp", Rsp);
  std::string Path = fuzz::writeInput("compile_commands.json", Db);
  llvm::Expected<driver::CompilationDb> C = driver::loadCompilationDb(Path, {});
  if (!C)
    llvm::consumeError(C.takeError());
  return 0;
}
