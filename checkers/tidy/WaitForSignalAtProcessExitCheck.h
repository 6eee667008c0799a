//===- WaitForSignalAtProcessExitCheck.h - wait-for-signal-at-process-exit ===//

#ifndef SHUTDOWN_HAZARDS_TIDY_WAITFORSIGNALATPROCESSEXITCHECK_H
#define SHUTDOWN_HAZARDS_TIDY_WAITFORSIGNALATPROCESSEXITCHECK_H

#include "ShutdownCheck.h"

namespace shutdown::tidy {

/// Finds untimed waits for an event, a semaphore, a condition variable, a
/// future or a latch in a DLL's teardown at process exit (DllMain's
/// process-exit path, the DLL's static destructors and exit handlers), where
/// every other thread is already terminated and nothing can signal them.
///
/// For the user-facing documentation see:
/// docs/checks/wait-for-signal-at-process-exit.md
class WaitForSignalAtProcessExitCheck : public ShutdownCheck {
public:
  WaitForSignalAtProcessExitCheck(llvm::StringRef Name,
                                  clang::tidy::ClangTidyContext *Context,
                                  std::shared_ptr<AnalysisCache> Cache)
      : ShutdownCheck(Name, Context, RuleKind::WaitForSignalAtProcessExit,
                      std::move(Cache)) {}
};

} // namespace shutdown::tidy

#endif
