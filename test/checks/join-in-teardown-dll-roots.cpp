// In a DLL, atexit handlers and destructor functions run at unload, inside
// DllMain(DLL_PROCESS_DETACH) under the loader lock. A wait that DllMain
// reaches and such a root reaches too is reported once per rule: by the
// DllMain rule with the DllMain chain, and by the teardown rule with the
// teardown chain.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*' -- %mingw 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*' -- %mingw 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <stdlib.h>
#include <windows.h>

static HANDLE g_worker;
static DWORD WINAPI Run(LPVOID) { return 0; }

static void StopWorker() {
  // The teardown chain, then the DllMain chain (sorted by rule).
  // CHECK: :[[@LINE+9]]:5: warning: 'WaitForSingleObject' waits on thread handle 'g_worker' during static teardown of a DLL, inside DllMain(DLL_PROCESS_DETACH) under the loader lock; the thread needs that lock to exit: deadlock on FreeLibrary [shutdown-wait-thread-handle-in-teardown]
  // CHECK: note: 'onUnload' is registered with 'atexit' here: in a DLL it runs at unload, under the loader lock
  // CHECK: note: 'onUnload' calls 'StopWorker' here
  // CHECK: note: the waited thread is started here by 'CreateThread', running 'Run'
  // CHECK: :[[@LINE+5]]:5: warning: 'WaitForSingleObject' waits on thread handle 'g_worker' inside 'DllMain' (DLL_PROCESS_DETACH) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
  // CHECK: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
  // CHECK: note: 'DllMain' calls 'StopWorker' here (DLL_PROCESS_DETACH)
  // CHECK: note: the waited thread is started here by 'CreateThread', running 'Run'
  if (g_worker)
    WaitForSingleObject(g_worker, INFINITE);
}

static void onUnload() { StopWorker(); }

// __attribute__((destructor)) in a DLL: also at unload, under the lock.
static HANDLE g_logger;
__attribute__((destructor)) static void closeLog() {
  // CHECK: :[[@LINE+1]]:3: warning: 'WaitForSingleObject' waits on thread handle 'g_logger' during static teardown of a DLL, inside DllMain(DLL_PROCESS_DETACH) under the loader lock{{.*}} [shutdown-wait-thread-handle-in-teardown]
  WaitForSingleObject(g_logger, INFINITE);
  // CHECK: note: 'closeLog' is a destructor function: it runs at exit or when its library is unloaded, under the loader lock
}

BOOL WINAPI DllMain(HINSTANCE, DWORD reason, LPVOID) {
  switch (reason) {
  case DLL_PROCESS_ATTACH:
    g_worker = CreateThread(nullptr, 0, Run, nullptr, 0, nullptr);
    g_logger = CreateThread(nullptr, 0, Run, nullptr, 0, nullptr);
    atexit(onUnload);
    break;
  case DLL_PROCESS_DETACH:
    StopWorker();
    break;
  }
  return TRUE;
}
