//===- FuzzFiles.h - The fuzz targets' inputs, as files ---------*- C++ -*-===//
//
// The readers under test take file names, as the driver calls them: each
// input is written to a file in a directory of this process's own, made on
// first use and reused for every input.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_TEST_FUZZ_FUZZFILES_H
#define SHUTDOWN_HAZARDS_TEST_FUZZ_FUZZFILES_H

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <string>

namespace shutdown::fuzz {

/// This process's scratch directory.
inline const std::string &scratchDir() {
  static const std::string Dir = [] {
    llvm::SmallString<256> P;
    if (llvm::sys::fs::createUniqueDirectory("shutdown-fuzz", P)) {
      llvm::errs() << "fuzz: cannot make a scratch directory\n";
      std::abort();
    }
    return std::string(P);
  }();
  return Dir;
}

/// Writes Contents to Name in the scratch directory; returns its path.
inline std::string writeInput(llvm::StringRef Name, llvm::StringRef Contents) {
  llvm::SmallString<256> Path(scratchDir());
  llvm::sys::path::append(Path, Name);
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC) {
    llvm::errs() << "fuzz: cannot write " << Path << ": " << EC.message()
                 << "\n";
    std::abort();
  }
  OS << Contents;
  return std::string(Path);
}

/// The fuzzer's bytes as text.
inline llvm::StringRef asText(const uint8_t *Data, size_t Size) {
  return {reinterpret_cast<const char *>(Data), Size};
}

} // namespace shutdown::fuzz

#endif
