//===- SingletonThreadWithoutUninitCheck.h --------------------*- C++ -*-===//

#ifndef SHUTDOWN_HAZARDS_TIDY_SINGLETONTHREADWITHOUTUNINITCHECK_H
#define SHUTDOWN_HAZARDS_TIDY_SINGLETONTHREADWITHOUTUNINITCHECK_H

#include "ShutdownCheck.h"

namespace shutdown::tidy {

/// Finds classes that own threads, have a static-storage instance, and stop
/// those threads only during teardown (from their destructor, another static
/// object's destructor, or an atexit handler): no explicit stop (UnInit,
/// Stop, Shutdown...) that joins them is called from ordinary code, so the
/// join happens during static teardown, or under the loader lock in a DLL.
///
/// For the user-facing documentation see:
/// docs/checks/singleton-thread-without-uninit.md
class SingletonThreadWithoutUninitCheck : public ShutdownCheck {
public:
  SingletonThreadWithoutUninitCheck(llvm::StringRef Name,
                                    clang::tidy::ClangTidyContext *Context,
                                    std::shared_ptr<AnalysisCache> Cache)
      : ShutdownCheck(Name, Context, RuleKind::SingletonThreadWithoutUninit,
                      std::move(Cache)) {}
};

} // namespace shutdown::tidy

#endif
