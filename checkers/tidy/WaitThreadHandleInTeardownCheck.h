//===- WaitThreadHandleInTeardownCheck.h ----------------------*- C++ -*-===//

#ifndef SHUTDOWN_HAZARDS_TIDY_WAITTHREADHANDLEINTEARDOWNCHECK_H
#define SHUTDOWN_HAZARDS_TIDY_WAITTHREADHANDLEINTEARDOWNCHECK_H

#include "ShutdownCheck.h"

namespace shutdown::tidy {

/// Finds Win32 waits (WaitForSingleObject and friends) on thread handles
/// reachable from static teardown: destructors of static-storage objects,
/// atexit-family handlers and destructor functions.
///
/// For the user-facing documentation see:
/// docs/checks/wait-thread-handle-in-teardown.md
class WaitThreadHandleInTeardownCheck : public ShutdownCheck {
public:
  WaitThreadHandleInTeardownCheck(llvm::StringRef Name,
                                  clang::tidy::ClangTidyContext *Context,
                                  std::shared_ptr<AnalysisCache> Cache)
      : ShutdownCheck(Name, Context, RuleKind::WaitThreadHandleInTeardown,
                      std::move(Cache)) {}
};

} // namespace shutdown::tidy

#endif
