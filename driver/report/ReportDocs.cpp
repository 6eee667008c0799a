//===- ReportDocs.cpp - The checks' docs pages, built in ------------------===//
//
// docs/checks/<page>.md, embedded at configure time (driver/CMakeLists.txt),
// and the documentation URL the build was configured with.
//
//===----------------------------------------------------------------------===//

#include "driver/report/ReportWriters.h"
#include <cstddef>

namespace shutdown::driver {

namespace {
#include "CheckDocs.inc"
} // namespace

llvm::StringRef checkDoc(const CheckInfo &C) {
  llvm::StringRef Page = C.Name;
  Page.consume_front("shutdown-");
  for (const EmbeddedDoc &D : CheckDocs)
    if (Page == D.Page)
      return llvm::StringRef(reinterpret_cast<const char *>(D.Text), D.Size);
  return "";
}

llvm::StringRef docsUrl() { return DocsUrl; }

} // namespace shutdown::driver
