//===- LoaderLockCallInDllMainCheck.h - loader-lock-call-in-dllmain -*- C++
//-*-//

#ifndef SHUTDOWN_HAZARDS_TIDY_LOADERLOCKCALLINDLLMAINCHECK_H
#define SHUTDOWN_HAZARDS_TIDY_LOADERLOCKCALLINDLLMAINCHECK_H

#include "ShutdownCheck.h"

namespace shutdown::tidy {

/// Finds calls that must not be made under the loader lock (LoadLibrary,
/// COM initialization, CreateProcess, the registry, user32, Winsock...)
/// reachable from DllMain, TLS callbacks and, in a DLL, static constructors
/// and destructors, exit handlers and constructor or destructor functions.
///
/// For the user-facing documentation see:
/// docs/checks/loader-lock-call-in-dllmain.md
class LoaderLockCallInDllMainCheck : public ShutdownCheck {
public:
  LoaderLockCallInDllMainCheck(llvm::StringRef Name,
                               clang::tidy::ClangTidyContext *Context,
                               std::shared_ptr<AnalysisCache> Cache)
      : ShutdownCheck(Name, Context, RuleKind::LoaderLockCallInDllMain,
                      std::move(Cache)) {}
};

} // namespace shutdown::tidy

#endif
