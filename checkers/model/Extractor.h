//===- Extractor.h - From one AST to teardown facts ------------*- C++ -*-===//
//
// The only code that reads the AST. It records, for the user code of one
// translation unit (system headers are opaque: their APIs are known through
// ApiTables.h), the functions and the calls between them including implicit
// destruction, the teardown roots, the blocking sites, where threads are
// started and where their handles go. Facts are keyed by USR so that
// several translation units can be merged.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_EXTRACTOR_H
#define SHUTDOWN_HAZARDS_MODEL_EXTRACTOR_H

#include "checkers/model/ApiTables.h"
#include "checkers/model/Facts.h"

namespace clang {
class ASTContext;
} // namespace clang

namespace shutdown {

/// Extracts the facts of the translation unit held by Ctx.
TUFacts extractFacts(clang::ASTContext &Ctx, const ModelOptions &Options);

} // namespace shutdown

#endif
