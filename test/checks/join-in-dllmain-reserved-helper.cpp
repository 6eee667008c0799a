// DllMain hands a helper a BOOL computed from lpvReserved ("is the process
// terminating?"). A helper that returns early when the process terminates
// waits only on the FreeLibrary path: the deadlock stays an error. A helper
// that returns early unless the process terminates waits only at process
// exit, when the other threads are already gone: the process-exit warning.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*' -- %mingw 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*' -- %mingw 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>

static HANDLE g_thread;
static DWORD WINAPI Run(LPVOID) { return 0; }

static void Cleanup(BOOL processTerminating) {
  if (processTerminating)
    return; // The other threads are gone: nothing to wait for.
  // CHECK: :[[@LINE+1]]:3: warning: 'WaitForSingleObject' waits on thread handle 'g_thread' inside 'DllMain' (DLL_PROCESS_DETACH, FreeLibrary) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
  WaitForSingleObject(g_thread, INFINITE);
}

static void FlushAtExit(bool terminating) {
  if (!terminating)
    return;
  // CHECK: :[[@LINE+1]]:3: warning: 'WaitForSingleObject' waits on thread handle 'g_thread' inside 'DllMain' (DLL_PROCESS_DETACH, process exit): at process exit the other threads are already terminated, so the wait cannot tell whether its thread finished its work [shutdown-join-in-dllmain]
  WaitForSingleObject(g_thread, INFINITE);
}

BOOL WINAPI DllMain(HINSTANCE, DWORD reason, LPVOID reserved) {
  if (reason == DLL_PROCESS_ATTACH)
    g_thread = CreateThread(nullptr, 0, Run, nullptr, 0, nullptr);
  if (reason == DLL_PROCESS_DETACH) {
    BOOL terminating = reserved != nullptr;
    Cleanup(terminating);
    FlushAtExit(reserved != nullptr);
  }
  return TRUE;
}
