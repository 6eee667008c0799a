//===- JoinInTeardownCheck.h - shutdown-join-in-teardown -*- C++ -*-===//

#ifndef SHUTDOWN_HAZARDS_TIDY_JOININTEARDOWNCHECK_H
#define SHUTDOWN_HAZARDS_TIDY_JOININTEARDOWNCHECK_H

#include "ShutdownCheck.h"

namespace shutdown::tidy {

/// Finds thread joins (std::thread::join, the destructor of std::jthread,
/// pthread_join, thrd_join, and wrappers around them) reachable from static
/// teardown: destructors of static-storage objects, atexit-family handlers
/// and destructor functions.
///
/// For the user-facing documentation see:
/// docs/checks/join-in-teardown.md
class JoinInTeardownCheck : public ShutdownCheck {
public:
  JoinInTeardownCheck(llvm::StringRef Name,
                      clang::tidy::ClangTidyContext *Context,
                      std::shared_ptr<AnalysisCache> Cache)
      : ShutdownCheck(Name, Context, RuleKind::JoinInTeardown,
                      std::move(Cache)) {}
};

} // namespace shutdown::tidy

#endif
