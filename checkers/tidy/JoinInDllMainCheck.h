//===- JoinInDllMainCheck.h - shutdown-join-in-dllmain -*- C++ -*-===//

#ifndef SHUTDOWN_HAZARDS_TIDY_JOININDLLMAINCHECK_H
#define SHUTDOWN_HAZARDS_TIDY_JOININDLLMAINCHECK_H

#include "ShutdownCheck.h"

namespace shutdown::tidy {

/// Finds thread joins and waits on thread handles reachable from DllMain,
/// where the loader lock is held and the waited thread cannot exit.
///
/// For the user-facing documentation see:
/// docs/checks/join-in-dllmain.md
class JoinInDllMainCheck : public ShutdownCheck {
public:
  JoinInDllMainCheck(llvm::StringRef Name,
                     clang::tidy::ClangTidyContext *Context,
                     std::shared_ptr<AnalysisCache> Cache)
      : ShutdownCheck(Name, Context, RuleKind::JoinInDllMain,
                      std::move(Cache)) {}
};

} // namespace shutdown::tidy

#endif
